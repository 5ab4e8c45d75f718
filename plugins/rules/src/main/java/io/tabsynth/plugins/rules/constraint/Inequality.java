package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;

/**
 * {@code low < high} (or {@code <=}) between two ordered columns of the same kind. Its transform replaces
 * {@code high} by {@code log(high - low + 1)}, so that any sampled value maps back above {@code low}. Chosen
 * automatically only where {@code high} spreads at least half as widely as {@code low} (an end time after a start
 * time): where it spreads much less (sign-ups within one year after birth dates over fifty), {@code low} plus a
 * sampled difference would carry {@code low}'s spread into {@code high} and far outside its real range, so the
 * constraint is then enforced by rejection alone.
 */
final class Inequality extends Rule {
    /** The least ratio of {@code high}'s spread to {@code low}'s for which the transform is chosen automatically. */
    static final double SPREAD_RATIO = 0.5;

    private final SpecObject spec;
    private final String low;
    private final String high;
    private final boolean strict;
    private int lowAt;
    private int highAt;

    Inequality(SpecObject spec) {
        spec.allowOnly(List.of("type", "low", "high", "strict", "transform", "description"));
        this.spec = spec;
        this.low = spec.text("low");
        this.high = spec.text("high");
        this.strict = spec.bool("strict", false);
    }

    @Override
    String name() {
        return low + (strict ? " < " : " <= ") + high;
    }

    @Override
    List<String> columns() {
        return List.of(low, high);
    }

    @Override
    void bind(Schema schema) {
        ColumnKind a = RuleConstraints.kind(spec, "low", schema, low);
        ColumnKind b = RuleConstraints.kind(spec, "high", schema, high);
        if (!Cells.ordered(a) || !Cells.ordered(b) || (a == ColumnKind.DATETIME) != (b == ColumnKind.DATETIME)) {
            throw spec.error("an inequality compares two numeric columns or two datetime columns; '" + low + "' is "
                    + a.jsonName() + " and '" + high + "' is " + b.jsonName());
        }
        lowAt = schema.indexOf(low);
        highAt = schema.indexOf(high);
    }

    @Override
    boolean holds(Frame frame, int row) {
        double a = frame.number(lowAt, row);
        double b = frame.number(highAt, row);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return true;
        }
        return strict ? a < b : a <= b;
    }

    @Override
    boolean transformable() {
        return true;
    }

    @Override
    Transform transform(Schema schema, Frame training, String choice) {
        if (!wanted(choice, "log-difference", training, spec)) {
            return null;
        }
        if (training != null && (training.column(low).countMissing() > 0 || training.column(high).countMissing() > 0)) {
            if (choice.equals("auto")) {
                return null;
            }
            throw spec.error("transform", "log-difference needs '" + low + "' and '" + high + "' without missing values");
        }
        if (choice.equals("auto") && training != null
                && spread(training.numbers(high)) < SPREAD_RATIO * spread(training.numbers(low))) {
            return null;
        }
        ColumnSpec highSpec = schema.column(high);
        return new Transform() {
            @Override
            public String name() {
                return "log-difference";
            }

            @Override
            public Schema apply(Schema s) {
                return s.with(ColumnSpec.of(high, ColumnKind.CONTINUOUS));
            }

            @Override
            public Frame forward(Frame data) {
                int l = data.schema().indexOf(low);
                int h = data.schema().indexOf(high);
                double[] d = new double[data.rowCount()];
                for (int r = 0; r < d.length; r++) {
                    d[r] = Math.log(data.number(h, r) - data.number(l, r) + 1);
                }
                return Cells.replace(data, h, ColumnSpec.of(high, ColumnKind.CONTINUOUS),
                        Cells.column(high, ColumnKind.CONTINUOUS, d));
            }

            @Override
            public Frame backward(Frame sampled) {
                int l = sampled.schema().indexOf(low);
                int h = sampled.schema().indexOf(high);
                double[] v = new double[sampled.rowCount()];
                for (int r = 0; r < v.length; r++) {
                    double base = sampled.number(l, r);
                    double d = sampled.number(h, r);
                    v[r] = base + Math.max(0, Math.expm1(d));
                }
                return Cells.replace(sampled, h, highSpec, Cells.column(high, highSpec.kind(), v));
            }
        };
    }

    /** The standard deviation of the values (in halves, so that huge values do not overflow). */
    private static double spread(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / 2 / v.length;
        }
        double var = 0;
        for (double x : v) {
            double d = x / 2 - mean;
            var += d * d / v.length;
        }
        return Math.sqrt(var);
    }
}
