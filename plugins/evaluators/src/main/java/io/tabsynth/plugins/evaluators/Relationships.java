package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.fidelity.Codes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relationship retention ({@code fidelity.relationships}): how much of the strength of each real relationship
 * between two columns the synthetic data keeps, over every pair of scored columns (numbers, categories and mixed
 * pairs alike, categories of any number of values). A pair's strength is Cramér's V (bias-corrected) of its contingency table, with
 * numbers put in the deciles of the real column (the same bins for both sides, missing values in a bin of their
 * own), so a curved relationship counts as much as a straight one. A pair keeps 1 − |V_synthetic − V_real| / V_real
 * of its relationship (at least 0); the score is the mean over pairs weighted by V_real, so strong relationships
 * count most and a pair with none counts not at all. Shuffling each column on its own leaves no relationship
 * (the score falls to the tables' sampling noise); a copy keeps all of them (1).
 */
final class Relationships {
    private static final int BINS = 10;
    /** Pairs named in {@code mostWeakened}. */
    private static final int NAMED = 5;

    private Relationships() {
    }

    static Map<String, Object> of(Frame real, Frame synthetic, List<ColumnSpec> scored) {
        int d = scored.size();
        int[][] realCodes = new int[d][];
        int[][] synCodes = new int[d][];
        int[] levels = new int[d];
        for (int j = 0; j < d; j++) {
            ColumnSpec c = scored.get(j);
            if (c.kind().isNumeric()) {
                double[] edges = deciles(real.numbers(c.name()));
                realCodes[j] = bin(real.numbers(c.name()), edges);
                synCodes[j] = bin(synthetic.numbers(c.name()), edges);
                levels[j] = edges.length + 2;
            } else {
                Codes codes = Codes.of(real, synthetic, c.name(), false);
                realCodes[j] = codes.real();
                synCodes[j] = codes.synthetic();
                levels[j] = codes.levels();
            }
        }
        List<Map<String, Object>> pairs = new ArrayList<>();
        double kept = 0;
        double weight = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double vr = cramersV(realCodes[a], realCodes[b], levels[a], levels[b]);
                double vs = cramersV(synCodes[a], synCodes[b], levels[a], levels[b]);
                double retention = vr > 0 ? Math.max(0, 1 - Math.abs(vs - vr) / vr) : 1;
                kept += vr * retention;
                weight += vr;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("column1", scored.get(a).name());
                p.put("column2", scored.get(b).name());
                p.put("realStrength", vr);
                p.put("syntheticStrength", vs);
                p.put("retention", retention);
                pairs.add(p);
            }
        }
        List<Map<String, Object>> weakened = new ArrayList<>(pairs);
        weakened.sort(Comparator.comparingDouble((Map<String, Object> p) -> lost(p)).reversed());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", weight > 0 ? kept / weight : 1.0);
        out.put("pairs", pairs.size());
        out.put("mostWeakened", weakened.subList(0, Math.min(NAMED, weakened.size())).stream()
                .filter(p -> lost(p) > 0).map(p -> p.get("column1") + " ~ " + p.get("column2")).toList());
        out.put("pairDetails", pairs);
        return out;
    }

    /** The share of the total real strength a pair lost: its weight times what it did not keep. */
    private static double lost(Map<String, Object> p) {
        return (Double) p.get("realStrength") * (1 - (Double) p.get("retention"));
    }

    /** The distinct deciles of the non-missing values. */
    static double[] deciles(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new double[0];
        }
        double[] edges = new double[BINS - 1];
        for (int k = 1; k < BINS; k++) {
            edges[k - 1] = Quantile.of(v, k / (double) BINS);
        }
        return Arrays.stream(edges).distinct().toArray();
    }

    /** The number of edges at or below each value (0 .. edges), missing values one more. */
    static int[] bin(double[] values, double[] edges) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                out[i] = edges.length + 1;
            } else {
                int pos = Arrays.binarySearch(edges, values[i]);
                // at an edge: past every copy of it; between edges: the insertion point
                out[i] = pos >= 0 ? pos + 1 : -pos - 1;
            }
        }
        return out;
    }

    /**
     * Cramér's V of two code columns with Bergsma's (2013) correction for the association a table shows by chance
     * (without it, 200 × 200 independent categories over 6,000 rows read 0.18), from the non-empty cells alone:
     * χ²/n = Σ p_ij² / (p_i p_j) − 1 over cells with rows, so a pair of columns with thousands of values each costs
     * its rows, not the product of its levels.
     */
    static double cramersV(int[] x, int[] y, int xLevels, int yLevels) {
        int n = x.length;
        if (n == 0) {
            return 0;
        }
        long[] cells = new long[n];
        double[] px = new double[xLevels];
        double[] py = new double[yLevels];
        for (int i = 0; i < n; i++) {
            cells[i] = (long) x[i] * yLevels + y[i];
            px[x[i]]++;
            py[y[i]]++;
        }
        int rows = (int) Arrays.stream(px).filter(c -> c > 0).count();
        int cols = (int) Arrays.stream(py).filter(c -> c > 0).count();
        if (Math.min(rows, cols) < 2) {
            return 0;
        }
        Arrays.sort(cells);
        double sum = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && cells[end] == cells[start]) {
                end++;
            }
            double count = end - start;
            int i = (int) (cells[start] / yLevels);
            int j = (int) (cells[start] % yLevels);
            sum += count * count / (px[i] * py[j]);
            start = end;
        }
        // Bergsma's bias correction: a table of many cells shows an association by chance, about (r−1)(c−1)/n
        double phi2 = Math.max(0, sum - 1 - (rows - 1.0) * (cols - 1.0) / (n - 1));
        double r = rows - (rows - 1.0) * (rows - 1.0) / (n - 1);
        double c = cols - (cols - 1.0) * (cols - 1.0) / (n - 1);
        double dof = Math.min(r, c) - 1;
        return dof <= 0 ? 0 : Math.sqrt(Math.min(1, phi2 / dof));
    }
}
