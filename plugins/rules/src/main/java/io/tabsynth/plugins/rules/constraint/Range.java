package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code min <= column <= max} (either bound may be left out; {@code strict} excludes the bounds). Its
 * transform maps the column through a logit (both bounds) or a log (one bound), so sampled values map
 * back inside the range.
 */
final class Range extends Rule {
    private final SpecObject spec;
    private final String column;
    private final boolean strict;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private int at;

    Range(SpecObject spec) {
        spec.allowOnly(List.of("type", "column", "min", "max", "strict", "transform", "description"));
        this.spec = spec;
        this.column = spec.text("column");
        this.strict = spec.bool("strict", false);
        if (!spec.has("min") && !spec.has("max")) {
            throw spec.error("a range needs min, max or both");
        }
    }

    @Override
    String name() {
        String lo = spec.has("min") ? spec.scalar("min") + (strict ? " < " : " <= ") : "";
        String hi = spec.has("max") ? (strict ? " < " : " <= ") + spec.scalar("max") : "";
        return lo + column + hi;
    }

    @Override
    List<String> columns() {
        return List.of(column);
    }

    @Override
    void bind(Schema schema) {
        ColumnKind kind = RuleConstraints.kind(spec, "column", schema, column);
        if (!Cells.ordered(kind)) {
            throw spec.error("column", "a range needs a numeric or datetime column; '" + column + "' is " + kind.jsonName());
        }
        min = bound("min", kind);
        max = bound("max", kind);
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(max > min)) {
            throw spec.error("max", "must be greater than min");
        }
        at = schema.indexOf(column);
    }

    private double bound(String field, ColumnKind kind) {
        if (!spec.has(field)) {
            return Double.NaN;
        }
        if (kind != ColumnKind.DATETIME) {
            return spec.number(field);
        }
        String text = spec.scalar(field);
        try {
            return text.length() <= 10 ? LocalDate.parse(text).toEpochDay() * 86_400.0
                    : LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw spec.error(field, "'" + text + "' is not a date (2024-01-31) or date-time (2024-01-31T13:45:00)");
        }
    }

    @Override
    boolean holds(Frame frame, int row) {
        double v = frame.number(at, row);
        if (Double.isNaN(v)) {
            return true;
        }
        boolean lo = Double.isNaN(min) || (strict ? v > min : v >= min);
        boolean hi = Double.isNaN(max) || (strict ? v < max : v <= max);
        return lo && hi;
    }

    @Override
    boolean transformable() {
        return true;
    }

    @Override
    Transform transform(Schema schema, Frame training, String choice) {
        String kindName = !Double.isNaN(min) && !Double.isNaN(max) ? "logit" : "log";
        if (!wanted(choice, kindName, training, spec)) {
            return null;
        }
        ColumnSpec original = schema.column(column);
        double lo = min;
        double hi = max;
        double eps = 1e-9;
        return new Transform() {
            @Override
            public String name() {
                return kindName;
            }

            @Override
            public Schema apply(Schema s) {
                return s.with(ColumnSpec.of(column, ColumnKind.CONTINUOUS));
            }

            @Override
            public Frame forward(Frame data) {
                int c = data.schema().indexOf(column);
                double[] out = new double[data.rowCount()];
                for (int r = 0; r < out.length; r++) {
                    double v = data.number(c, r);
                    if (kindName.equals("logit")) {
                        double p = Math.min(1 - eps, Math.max(eps, (v - lo) / (hi - lo)));
                        out[r] = Math.log(p / (1 - p));
                    } else {
                        out[r] = Double.isNaN(lo) ? Math.log(hi - v + 1) : Math.log(v - lo + 1);
                    }
                }
                return Cells.replace(data, c, ColumnSpec.of(column, ColumnKind.CONTINUOUS),
                        Cells.column(column, ColumnKind.CONTINUOUS, out));
            }

            @Override
            public Frame backward(Frame sampled) {
                int c = sampled.schema().indexOf(column);
                double[] out = new double[sampled.rowCount()];
                for (int r = 0; r < out.length; r++) {
                    double y = sampled.number(c, r);
                    if (kindName.equals("logit")) {
                        out[r] = lo + (hi - lo) / (1 + Math.exp(-y));
                    } else {
                        double d = Math.max(0, Math.expm1(y));
                        out[r] = Double.isNaN(lo) ? hi - d : lo + d;
                    }
                }
                return Cells.replace(sampled, c, original, Cells.column(column, original.kind(), out));
            }
        };
    }
}
