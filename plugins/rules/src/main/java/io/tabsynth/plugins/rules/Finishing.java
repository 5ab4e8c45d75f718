package io.tabsynth.plugins.rules;

import io.tabsynth.plugins.rules.constraint.BoundRules;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The last pass over sampled batches, in output order: numbers sequence columns by output row, draws
 * UUIDs, and injects edge cases at their rates. An injection that would break one of the spec's
 * constraints is not made and is counted as blocked. {@link #notes()} reports what was injected, for lineage.
 */
final class Finishing implements FrameStream {
    private final RulesSpec spec;
    private final FrameStream source;
    private final long seed;
    private final BoundRules.RowChecker checker;
    private final long[] injected;
    private final long[] blocked;
    private final Object[] lastValue;
    private long offset;
    private long batch;

    Finishing(RulesSpec spec, FrameStream source, long seed, BoundRules.RowChecker checker) {
        this.spec = spec;
        this.source = source;
        this.seed = seed;
        this.checker = checker;
        this.injected = new long[spec.edgeCases.size()];
        this.blocked = new long[spec.edgeCases.size()];
        this.lastValue = new Object[spec.edgeCases.size()];
    }

    @Override
    public Schema schema() {
        return spec.schema;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public Frame next() {
        Frame f = source.next();
        int rows = f.rowCount();
        Rng ids = Seeds.rng(Seeds.derive(seed, "rules-identifiers"), batch);
        for (int c = 0; c < spec.columns.size(); c++) {
            ColumnRule col = spec.columns.get(c);
            if (col.base.source() == ColumnRule.Source.SEQUENCE) {
                Column<?> column = f.column(c);
                for (int r = 0; r < rows; r++) {
                    long v = col.start + col.step * (offset + r);
                    if (col.idFormat == null) {
                        ((LongColumn) column).set(r, v);
                    } else {
                        ((StringColumn) column).set(r, String.format(Locale.ROOT, col.idFormat, v));
                    }
                }
            } else if (col.base.source() == ColumnRule.Source.UUID) {
                StringColumn column = (StringColumn) f.column(c);
                for (int r = 0; r < rows; r++) {
                    column.set(r, ids.nextUuid().toString());
                }
            }
        }
        if (!spec.edgeCases.isEmpty()) {
            inject(f, Seeds.rng(Seeds.derive(seed, "rules-edge-cases"), batch));
        }
        offset += rows;
        batch++;
        return f;
    }

    private void inject(Frame f, Rng rng) {
        for (int r = 0; r < f.rowCount(); r++) {
            for (int e = 0; e < spec.edgeCases.size(); e++) {
                EdgeCase ec = spec.edgeCases.get(e);
                if (rng.nextDouble() >= ec.rate()) {
                    continue;
                }
                int c = spec.schema.indexOf(ec.column());
                Object before = f.cell(c, r);
                Object value = value(ec, f, c, r, rng, e);
                if (value == Skip.SKIP) {
                    continue;
                }
                set(f.column(c), r, value);
                if (checker != null && !checker.stillHolds(f, r, ec.column())) {
                    set(f.column(c), r, before);
                    blocked[e]++;
                } else {
                    injected[e]++;
                }
            }
        }
        int last = f.rowCount() - 1;
        for (int e = 0; last >= 0 && e < spec.edgeCases.size(); e++) {
            lastValue[e] = f.cell(spec.schema.indexOf(spec.edgeCases.get(e).column()), last);
        }
    }

    private enum Skip { SKIP }

    private Object value(EdgeCase ec, Frame f, int c, int r, Rng rng, int e) {
        ColumnRule col = spec.columns.get(c);
        switch (ec.kind()) {
            case "null":
                return null;
            case "min":
                return EdgeCase.bound(col, true);
            case "max":
                return EdgeCase.bound(col, false);
            case "extreme": {
                boolean high = rng.nextDouble() < 0.5;
                switch (col.kind) {
                    case CONTINUOUS:
                        return high ? Double.MAX_VALUE : -Double.MAX_VALUE;
                    case INTEGER:
                        return high ? Long.MAX_VALUE : Long.MIN_VALUE;
                    default:
                        return high ? LocalDateTime.of(9999, 12, 31, 23, 59, 59) : LocalDateTime.of(1, 1, 1, 0, 0);
                }
            }
            case "empty":
                return "";
            case "blank":
                return " ";
            case "long": {
                StringBuilder b = new StringBuilder(ec.length());
                while (b.length() < ec.length()) {
                    b.append("long-value-");
                }
                return b.substring(0, ec.length());
            }
            case "unicode":
                return EdgeCase.UNICODE.get(rng.nextInt(EdgeCase.UNICODE.size()));
            case "duplicate":
                if (r > 0) {
                    return f.cell(c, rng.nextInt(r));
                }
                return lastValue[e] == null ? Skip.SKIP : lastValue[e];
            default:
                return EdgeCase.parse(ec.value(), col, col.spec);
        }
    }

    private static void set(Column<?> column, int row, Object v) {
        if (v == null) {
            column.setMissing(row);
        } else if (column instanceof DoubleColumn) {
            ((DoubleColumn) column).set(row, ((Number) v).doubleValue());
        } else if (column instanceof LongColumn) {
            ((LongColumn) column).set(row, ((Number) v).longValue());
        } else if (column instanceof BooleanColumn) {
            ((BooleanColumn) column).set(row, (Boolean) v);
        } else if (column instanceof DateTimeColumn) {
            ((DateTimeColumn) column).set(row, (LocalDateTime) v);
        } else {
            ((StringColumn) column).set(row, (String) v);
        }
    }

    @Override
    public Map<String, Object> notes() {
        Map<String, Object> n = new LinkedHashMap<>(source.notes());
        if (!spec.edgeCases.isEmpty()) {
            Map<String, Object> edges = new LinkedHashMap<>();
            for (int e = 0; e < injected.length; e++) {
                EdgeCase ec = spec.edgeCases.get(e);
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("rate", ec.rate());
                one.put("injected", injected[e]);
                one.put("blockedByConstraints", blocked[e]);
                edges.put(ec.label(), one);
            }
            n.put("edgeCases", edges);
        }
        return n;
    }

    @Override
    public void close() {
        source.close();
    }
}
