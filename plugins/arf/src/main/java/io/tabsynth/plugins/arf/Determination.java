package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column the real data's values of a category column decide (a zip code its city, a city its state, education its
 * number of years): an addition to the paper, whose leaves draw columns independently and so pair a zip code now and
 * then with another zip's city. A category value decides the other column's value where at least
 * {@link #AGREEMENT} of the at least {@code least} real rows holding it (the rare-value rule's k) hold one value;
 * the determination is kept where such values cover at least {@link #COVERAGE} of the rows. Sampled rows then take
 * the decided value; rows whose category value decides nothing keep what their leaf drew. Immutable.
 *
 * @param by     the deciding feature (a category)
 * @param target the decided feature
 * @param values per code of {@code by}, the decided value (a code or a number), NaN where it decides none
 */
record Determination(int by, int target, double[] values) {
    /** A category value decides when this share of its rows hold one value of the other column. */
    static final double AGREEMENT = 0.99;
    /** A column is decided when the deciding values cover this share of the rows. */
    static final double COVERAGE = 0.9;

    /**
     * The determinations of the real rows, at most one per decided column (by the deciding column with the fewest
     * values), ordered so that a deciding column is itself decided first. A column decides only columns with fewer
     * distinct values (or as many, later in the table), so no two decide each other.
     */
    static List<Determination> learn(double[][] real, Feature[] features, int least) {
        int f = features.length;
        int rows = f == 0 ? 0 : real[0].length;
        int[] distinct = new int[f];
        for (int j = 0; j < f; j++) {
            distinct[j] = (int) java.util.Arrays.stream(real[j]).distinct().count();
        }
        Integer[] order = new Integer[f];
        for (int j = 0; j < f; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> distinct[a] != distinct[b] ? Integer.compare(distinct[b], distinct[a])
                : Integer.compare(a, b));
        List<Determination> out = new ArrayList<>();
        for (int t = 1; t < f; t++) {
            int target = order[t];
            Determination best = null;
            for (int b = 0; b < t; b++) {
                int by = order[b];
                if (!features[by].isCategory() || distinct[by] < 2) {
                    continue;
                }
                Determination d = of(real[by], features[by].levels(), real[target], by, target, least, rows);
                if (d != null && (best == null || distinct[by] < distinct[best.by()])) {
                    best = d;
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return out;
    }

    private static Determination of(double[] by, int levels, double[] target, int byIndex, int targetIndex, int least,
                                    int rows) {
        List<Map<Double, Integer>> counts = new ArrayList<>();
        for (int c = 0; c < levels; c++) {
            counts.add(new HashMap<>());
        }
        for (int i = 0; i < rows; i++) {
            // NaN (missing) is a value like any other: Double's equality counts NaN equal to itself
            counts.get((int) by[i]).merge(target[i], 1, Integer::sum);
        }
        double[] values = new double[levels];
        int covered = 0;
        for (int c = 0; c < levels; c++) {
            values[c] = Double.NaN;
            int total = 0;
            double top = Double.NaN;
            int topCount = 0;
            for (Map.Entry<Double, Integer> e : counts.get(c).entrySet()) {
                total += e.getValue();
                if (e.getValue() > topCount || (e.getValue() == topCount && e.getKey() < top)) {
                    top = e.getKey();
                    topCount = e.getValue();
                }
            }
            if (total >= least && !Double.isNaN(top) && topCount >= AGREEMENT * total) {
                values[c] = top;
                covered += total;
            }
        }
        return covered >= COVERAGE * rows ? new Determination(byIndex, targetIndex, values) : null;
    }

    /** Sets the decided column of drawn rows (per feature) where the deciding value decides it. */
    void apply(double[][] drawn, int rows) {
        for (int i = 0; i < rows; i++) {
            double v = values[(int) drawn[by][i]];
            if (!Double.isNaN(v)) {
                drawn[target][i] = v;
            }
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("by", by);
        o.put("target", target);
        ArrayNode v = o.putArray("values");
        for (double x : values) {
            if (Double.isNaN(x)) {
                v.addNull();
            } else {
                v.add(x);
            }
        }
        return o;
    }

    static Determination fromJson(JsonNode o) {
        JsonNode v = o.get("values");
        double[] values = new double[v.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = v.get(i).isNull() ? Double.NaN : v.get(i).asDouble();
        }
        return new Determination(o.path("by").asInt(), o.path("target").asInt(), values);
    }
}
