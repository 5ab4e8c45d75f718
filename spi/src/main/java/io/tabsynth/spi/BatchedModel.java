package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.DaemonPool;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;

/**
 * A model that samples in fixed-size batches, each from its own generator derived from the seed and the
 * batch number. Batches are computed ahead on several threads and delivered in order, so output is the same
 * for any thread count, memory holds only a few batches, and the first {@code n} rows of a larger sample
 * equal a sample of {@code n} rows.
 */
public abstract class BatchedModel implements Model {
    /** Rows per batch. Part of the sampling contract: changing it changes the rows a seed gives. */
    public static final int BATCH_ROWS = 8192;

    /** Samples batch number {@code batch} of {@code rows} rows (at most {@link #BATCH_ROWS}). */
    protected abstract Frame sampleBatch(long batch, int rows, Rng rng);

    /** How many threads sample; all processors by default. */
    protected int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public FrameStream sample(long rows, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        return new Pipeline(rows, seed, threads());
    }

    private final class Pipeline implements FrameStream {
        private final long rows;
        private final long seed;
        private final long batches;
        private final DaemonPool pool;
        private final int lookahead;
        private final ArrayDeque<Future<Frame>> pending = new ArrayDeque<>();
        private long submitted;
        private long delivered;

        Pipeline(long rows, long seed, int threads) {
            this.rows = rows;
            this.seed = seed;
            this.batches = (rows + BATCH_ROWS - 1) / BATCH_ROWS;
            this.pool = batches > 1 && threads > 1 ? DaemonPool.of("tabsynth-sample", threads) : null;
            this.lookahead = 2 * threads;
            fill();
        }

        private Frame compute(long batch) {
            int n = (int) Math.min(BATCH_ROWS, rows - batch * BATCH_ROWS);
            return sampleBatch(batch, n, Seeds.rng(seed, batch));
        }

        private void fill() {
            if (pool == null) {
                return;
            }
            while (submitted < batches && pending.size() < lookahead) {
                long b = submitted++;
                pending.add(pool.submit(() -> compute(b)));
            }
        }

        @Override
        public io.tabsynth.spi.data.Schema schema() {
            return BatchedModel.this.schema();
        }

        @Override
        public boolean hasNext() {
            return delivered < batches;
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (pool == null) {
                return compute(delivered++);
            }
            Frame frame = DaemonPool.await(pending.poll(), "sampling");
            delivered++;
            fill();
            return frame;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
