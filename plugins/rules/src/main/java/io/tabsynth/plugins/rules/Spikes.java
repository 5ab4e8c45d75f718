package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * Values that hold a share of a number column by themselves (the zeros of {@code capital-gain}, the 40 of
 * {@code hours-per-week}): a spec's {@code "spikes": {"0": 0.917}} makes the column a mixture of these point
 * masses, with their shares, and the column's distribution for the rest. The mixture is sampled through its
 * quantile function, so a spiked column keeps its place in a correlated block.
 */
final class Spikes {
    /** The field of a number column that lists its spikes. */
    static final String FIELD = "spikes";
    /** Rounding slack allowed when the shares add up to more than 1. */
    private static final double SHARE_SLACK = 1e-9;

    private final double[] values;
    private final double[] shares;
    private final double total;

    private Spikes(double[] values, double[] shares) {
        this.values = values;
        this.shares = shares;
        double t = 0;
        for (double s : shares) {
            t += s;
        }
        this.total = Math.min(1, t);
    }

    /**
     * The spikes of a number column ({@code null} if it lists none): values in {@code [min, max]} where those
     * are given, whole numbers for an integer column, shares above 0 that add up to at most 1.
     */
    static Spikes read(SpecObject o, ColumnKind kind, Double min, Double max) {
        JsonNode node = o.get(FIELD);
        if (node == null || node.isNull()) {
            return null;   // none, or a variant's "spikes": null, which drops the column's
        }
        if (!node.isObject() || node.isEmpty()) {
            throw o.error(FIELD, "expected {\"value\": share, ...}, e.g. {\"0\": 0.9}");
        }
        TreeMap<Double, Double> sorted = new TreeMap<>();
        double sum = 0;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            double value;
            try {
                value = Double.parseDouble(e.getKey().strip());
            } catch (NumberFormatException ex) {
                throw o.error(FIELD, "'" + e.getKey() + "' is not a number");
            }
            if (!Double.isFinite(value) || kind == ColumnKind.INTEGER && value != Math.rint(value)) {
                throw o.error(FIELD, "'" + e.getKey() + "' is not a " + (kind == ColumnKind.INTEGER ? "whole " : "")
                        + "number, as the column's values are");
            }
            if (min != null && value < min || max != null && value > max) {
                throw o.error(FIELD, "'" + e.getKey() + "' is outside the column's range [" + (min == null ? "" : min)
                        + ", " + (max == null ? "" : max) + "]");
            }
            double share = e.getValue().asDouble();
            if (!e.getValue().isNumber() || !(share > 0) || share > 1) {
                throw o.error(FIELD, "the share of '" + e.getKey() + "' must be a number in (0, 1]");
            }
            sorted.merge(value, share, Double::sum);
            sum += share;
        }
        if (sum > 1 + SHARE_SLACK) {
            throw o.error(FIELD, "the shares add up to " + sum + ", more than 1");
        }
        double[] values = sorted.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] shares = sorted.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new Spikes(values, shares);
    }

    /**
     * The mixture's quantile function: below the first spike the rest's distribution (its quantile {@code rest},
     * its cumulative probability {@code restCdf}, both on (0, 1) of the rest alone) scaled by the share the
     * spikes leave, then the first spike's share, and so on, so that values stay in order of {@code u}.
     */
    DoubleFunction<Object> over(DoubleFunction<Object> rest, DoubleUnaryOperator restCdf, ColumnKind kind) {
        double left = 1 - total;
        double[] start = new double[values.length];
        double before = 0;
        for (int i = 0; i < values.length; i++) {
            start[i] = left * Math.max(0, Math.min(1, restCdf.applyAsDouble(values[i]))) + before;
            before += shares[i];
        }
        return u -> {
            double spikesBelow = 0;
            for (int i = 0; i < values.length; i++) {
                if (u < start[i]) {
                    return rest.apply(within((u - spikesBelow) / left));
                }
                if (u < start[i] + shares[i] || left <= 0 && i == values.length - 1) {
                    return kind == ColumnKind.INTEGER ? (Object) Math.round(values[i]) : (Object) values[i];
                }
                spikesBelow += shares[i];
            }
            return rest.apply(within((u - spikesBelow) / left));
        };
    }

    /** A probability kept inside (0, 1), where quantile functions are finite. */
    private static double within(double p) {
        return Math.min(Math.max(p, Double.MIN_NORMAL), Math.nextDown(1.0));
    }
}
