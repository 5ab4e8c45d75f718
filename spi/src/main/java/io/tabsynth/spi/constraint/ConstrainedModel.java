package io.tabsynth.spi.constraint;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A model whose samples satisfy a set of constraints: rows come from the inner model (in its transformed
 * space, mapped back with {@link Constraints.Bound#fromModel}), rows that break a constraint are rejected,
 * and more rows are drawn until each batch is full. Works around any generator. Rejection runs in output
 * order on the consuming thread, so the rows a seed gives do not depend on the number of threads.
 *
 * <p>A batch that needs more than {@code maxTries} draws per row fails with a message naming the
 * constraint that rejected most rows.
 */
public final class ConstrainedModel implements Model {
    /** Default bound on rows drawn per row kept. */
    public static final int DEFAULT_MAX_TRIES = 100;

    private final Model inner;
    private final Constraints.Bound bound;
    private final Schema schema;
    private final int maxTries;

    /**
     * @param inner    samples in {@code bound.modelSchema()}
     * @param bound    the constraints and their transforms
     * @param schema   the schema rows have after {@code bound.fromModel}
     * @param maxTries rows drawn per row kept before giving up (at least 1)
     */
    public ConstrainedModel(Model inner, Constraints.Bound bound, Schema schema, int maxTries) {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
        this.inner = inner;
        this.bound = bound;
        this.schema = schema;
        this.maxTries = maxTries;
    }

    /** The model it draws from. */
    public Model inner() {
        return inner;
    }

    /** Rows drawn per row kept before giving up. */
    public int maxTries() {
        return maxTries;
    }

    /** The constraints it enforces. */
    public Constraints.Bound constraints() {
        return bound;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Map<String, Object> privacy() {
        return inner.privacy();
    }

    @Override
    public Map<String, String> describeColumns() {
        return inner.describeColumns();
    }

    /** Saves the inner model; the engine stores the constraints beside it in the model file. */
    @Override
    public void save(OutputStream out) throws IOException {
        inner.save(out);
    }

    @Override
    public FrameStream sample(long rows, long seed) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        return new Stream(rows, seed);
    }

    private final class Stream implements FrameStream {
        private final long rows;
        private final long seed;
        private final FrameStream source;
        private final Constraints.Checker checker = bound.checker();
        private final long[] rejectedBy = new long[bound.names().size()];
        private Frame leftover;
        private Frame lastDrawn;
        private long delivered;
        private long drawn;
        private long kept;
        private long topUps;
        private double acceptance = 1.0;

        Stream(long rows, long seed) {
            this.rows = rows;
            this.seed = seed;
            this.source = inner.sample(rows, seed);
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public boolean hasNext() {
            return delivered < rows;
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int need = (int) Math.min(BatchedModel.BATCH_ROWS, rows - delivered);
            List<Frame> parts = new ArrayList<>();
            int have = 0;
            if (leftover != null) {
                parts.add(leftover);
                have = leftover.rowCount();
                leftover = null;
            }
            long drawnHere = 0;
            while (have < need) {
                if (drawnHere > (long) maxTries * need) {
                    throw unsatisfiable(drawnHere, have);
                }
                Frame candidates = bound.fromModel(draw(need - have));
                lastDrawn = candidates;
                drawnHere += candidates.rowCount();
                drawn += candidates.rowCount();
                Selection ok = new BitmapBackedSelection();
                int accepted = 0;
                for (int r = 0; r < candidates.rowCount(); r++) {
                    int broken = checker.admit(candidates, r);
                    if (broken < 0) {
                        ok.add(r);
                        accepted++;
                    } else {
                        rejectedBy[broken]++;
                    }
                }
                if (candidates.rowCount() > 0) {
                    acceptance = Math.max(1.0 / maxTries, 0.5 * acceptance + 0.5 * accepted / (double) candidates.rowCount());
                }
                if (accepted > 0) {
                    parts.add(accepted == candidates.rowCount() ? candidates : candidates.where(ok));
                    have += accepted;
                }
            }
            kept += need;
            Frame all = parts.size() == 1 ? parts.get(0) : Frame.concat(schema, parts);
            if (all.rowCount() > need) {
                leftover = all.where(Selection.withRange(need, all.rowCount()));
                all = all.where(Selection.withRange(0, need));
            }
            delivered += need;
            return all;
        }

        /** The inner stream's next batch, or once it is used up a top-up draw from a derived seed. */
        private Frame draw(int missing) {
            if (source.hasNext()) {
                return source.next();
            }
            int size = (int) Math.min(BatchedModel.BATCH_ROWS, Math.ceil(missing / acceptance * 1.2) + 16);
            try (FrameStream extra = inner.sample(size, Seeds.derive(seed, "constraints-top-up-" + topUps++))) {
                return extra.collect();
            }
        }

        private BadInputException unsatisfiable(long drawnHere, int have) {
            int worst = 0;
            for (int i = 1; i < rejectedBy.length; i++) {
                if (rejectedBy[i] > rejectedBy[worst]) {
                    worst = i;
                }
            }
            String which = rejectedBy.length == 0 ? "the constraints" : bound.noun() + " '" + bound.names().get(worst)
                    + "' (it rejected " + rejectedBy[worst] + " of " + drawn + " rows drawn"
                    + (lastDrawn == null ? "" : bound.whyNoneMet(worst, lastDrawn)) + ")";
            return new BadInputException("the model cannot satisfy " + which + ": after drawing " + drawnHere
                    + " rows only " + have + " passed, more than " + maxTries + " tries per row. " + bound.advice());
        }

        @Override
        public Map<String, Object> notes() {
            Map<String, Object> n = new LinkedHashMap<>(source.notes());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("constraints", bound.names());
            c.put("rowsDrawn", drawn);
            c.put("rowsKept", kept);
            c.put("triesPerRow", kept == 0 ? 0.0 : Math.round(1000.0 * drawn / kept) / 1000.0);
            Map<String, Long> rejected = new LinkedHashMap<>();
            for (int i = 0; i < rejectedBy.length; i++) {
                rejected.put(bound.names().get(i), rejectedBy[i]);
            }
            c.put("rejectedBy", rejected);
            n.merge("constraints", c, (a, b) -> List.of(a, b));
            return n;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
