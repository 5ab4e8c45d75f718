package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import java.time.LocalDate;
import java.time.LocalDateTime;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/**
 * How a numeric-like column turns into numbers for modelling and back: continuous and integer values as
 * they are, date-only datetimes as days since the epoch, other datetimes as seconds. On the way back values
 * are clipped to the real range (when asked), integers and dates rounded to whole numbers, and stored in the
 * column's kind.
 */
final class NumericOutput {
    private final ColumnSpec spec;
    private final int decimals;
    private final double min;
    private final double max;
    private final boolean clip;

    NumericOutput(ColumnSpec spec, int decimals, double min, double max, boolean clip) {
        this.spec = spec;
        this.decimals = decimals;
        this.min = min;
        this.max = max;
        this.clip = clip;
    }

    /** The column's values as numbers, NaN for missing. */
    static double[] values(Frame frame, ColumnSpec spec) {
        Column<?> c = frame.column(spec.name());
        int n = frame.rowCount();
        double[] v = new double[n];
        switch (spec.kind()) {
            case CONTINUOUS: {
                DoubleColumn d = (DoubleColumn) c;
                for (int i = 0; i < n; i++) {
                    v[i] = d.getDouble(i);
                }
                break;
            }
            case INTEGER: {
                LongColumn l = (LongColumn) c;
                for (int i = 0; i < n; i++) {
                    v[i] = l.isMissing(i) ? Double.NaN : l.getLong(i);
                }
                break;
            }
            case DATETIME: {
                DateTimeColumn t = (DateTimeColumn) c;
                boolean timed = DateTimeFormats.hasTime(spec.format());
                for (int i = 0; i < n; i++) {
                    if (t.isMissing(i)) {
                        v[i] = Double.NaN;
                    } else {
                        LocalDateTime x = t.get(i);
                        v[i] = timed ? ArrowFrames.toMicros(x) / 1e6 : x.toLocalDate().toEpochDay();
                    }
                }
                break;
            }
            default:
                throw new IllegalArgumentException(spec.name() + " is not numeric");
        }
        return v;
    }

    /**
     * Rounding to apply: whole numbers for integers and date-only datetimes (which the column stores as such),
     * none otherwise: the engine rounds every generator's continuous values and datetimes to the decimals and
     * granularity the real data is written in ({@link io.tabsynth.spi.data.WrittenForm}), so the copula
     * itself only makes whole numbers whole.
     */
    static int roundingFor(ColumnSpec spec) {
        if (spec.kind() == ColumnKind.INTEGER || (spec.kind() == ColumnKind.DATETIME && !DateTimeFormats.hasTime(spec.format()))) {
            return 0;
        }
        return -1;
    }

    /** Clips and rounds one value; NaN stays NaN. */
    double finish(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (clip) {
            x = Math.max(min, Math.min(max, x));
        }
        return decimals == 0 ? Math.rint(x) : x;
    }

    /** A column of the spec's kind holding the values (already finished), NaN as missing. */
    Column<?> column(double[] v, int rows) {
        switch (spec.kind()) {
            case CONTINUOUS:
                return DoubleColumn.create(spec.name(), java.util.Arrays.copyOf(v, rows));
            case INTEGER: {
                LongColumn col = LongColumn.create(spec.name(), rows);
                for (int i = 0; i < rows; i++) {
                    if (Double.isNaN(v[i])) {
                        col.setMissing(i);
                    } else {
                        col.set(i, (long) v[i]);
                    }
                }
                return col;
            }
            default: {
                boolean timed = DateTimeFormats.hasTime(spec.format());
                LocalDateTime[] t = new LocalDateTime[rows];
                for (int i = 0; i < rows; i++) {
                    if (!Double.isNaN(v[i])) {
                        t[i] = timed ? ArrowFrames.fromMicros(Math.round(v[i] * 1e6))
                                : LocalDate.ofEpochDay((long) v[i]).atStartOfDay();
                    }
                }
                return DateTimeColumn.create(spec.name(), t);
            }
        }
    }

    void toJson(ObjectNode o) {
        o.put("decimals", decimals);
        o.put("min", min);
        o.put("max", max);
        o.put("clip", clip);
    }

    static NumericOutput fromJson(ColumnSpec spec, JsonNode o) {
        return new NumericOutput(spec, o.path("decimals").asInt(), o.path("min").asDouble(), o.path("max").asDouble(),
                o.path("clip").asBoolean(true));
    }
}
