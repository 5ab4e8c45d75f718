package io.tabsynth.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Batched sampling gives the same rows for any thread count, in order, with flat memory. */
class BatchedModelTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS));

    static final class Noise extends BatchedModel {
        private final int threads;

        Noise(int threads) {
            this.threads = threads;
        }

        @Override
        protected int threads() {
            return threads;
        }

        @Override
        protected Frame sampleBatch(long batch, int rows, Rng rng) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = rng.nextGaussian();
            }
            return Frame.of(Table.create("n").addColumns(DoubleColumn.create("x", v)), SCHEMA);
        }

        @Override
        public Schema schema() {
            return SCHEMA;
        }

        @Override
        public void save(OutputStream out) {
        }
    }

    private static double[] draw(int threads, long rows, long seed) {
        return new Noise(threads).sample(rows, seed).collect().doubles("x").asDoubleArray();
    }

    @Test
    void threadCountDoesNotChangeOutput() {
        long rows = 5L * BatchedModel.BATCH_ROWS + 123;
        double[] one = draw(1, rows, 9);
        assertEquals(rows, one.length);
        assertArrayEquals(one, draw(4, rows, 9));
        assertArrayEquals(one, draw(2, rows, 9));
    }

    @Test
    void smallerSampleIsPrefixOfLarger() {
        double[] big = draw(2, 3L * BatchedModel.BATCH_ROWS, 1);
        double[] small = draw(2, 1000, 1);
        assertArrayEquals(small, java.util.Arrays.copyOf(big, 1000));
    }

    @Test
    void zeroRowsGiveNoBatches() {
        assertEquals(0, new Noise(2).sample(0, 1).collect().rowCount());
    }
}
