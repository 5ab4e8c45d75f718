package io.tabsynth.spi.fidelity;

import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.stats.MinMax;
import java.util.HashMap;
import java.util.Map;

/**
 * A column of two frames as small integer codes, for contingency tables: text, booleans and datetimes by
 * their value over a shared set of categories (missing is one more category); numbers by bin index, each
 * frame binned over its own range in 10 equal-width bins with {@code numpy.digitize} semantics (the maximum
 * gets a bin of its own, missing values another). Binning each side separately is what SDMetrics 0.29 does
 * (checked against its published scores on adult, every pair equal to 1e-15); codes are compared by index.
 *
 * @param real      codes of the real rows
 * @param synthetic codes of the synthetic rows
 * @param levels    number of distinct codes
 */
public record Codes(int[] real, int[] synthetic, int levels) {
    static final int BINS = 10;

    /** The column's codes in both frames; {@code binned} for numbers (10 bins per side), by value otherwise. */
    public static Codes of(Frame real, Frame synthetic, String column, boolean binned) {
        if (binned) {
            return new Codes(bin(real.numbers(column)), bin(synthetic.numbers(column)), BINS + 3);
        }
        Map<String, Integer> index = new HashMap<>();
        int ci = real.schema().indexOf(column);
        int cs = synthetic.schema().indexOf(column);
        int[] rc = new int[real.rowCount()];
        for (int i = 0; i < rc.length; i++) {
            rc[i] = index.computeIfAbsent(key(real, ci, i), k -> index.size());
        }
        int[] sc = new int[synthetic.rowCount()];
        for (int i = 0; i < sc.length; i++) {
            sc[i] = index.computeIfAbsent(key(synthetic, cs, i), k -> index.size());
        }
        return new Codes(rc, sc, index.size());
    }

    private static String key(Frame f, int column, int row) {
        String t = CellText.of(f, column, row);
        return t == null ? "\u0000missing" : t;
    }

    /**
     * Bin numbers as {@code numpy.digitize(v, numpy.histogram_bin_edges(v, 10))}: the count of edges at or
     * below the value, so 1..10 over [min, max) and 11 for the maximum; missing values get 12.
     */
    private static int[] bin(double[] v) {
        MinMax range = MinMax.of(v);
        double min = range.min();
        double max = range.max();
        if (range.isEmpty()) {
            min = 0;
            max = 1;
        } else if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[BINS + 1];
        double step = (max - min) / BINS;
        for (int i = 0; i < BINS; i++) {
            edges[i] = min + i * step;
        }
        edges[BINS] = max;
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                out[i] = BINS + 2;
                continue;
            }
            int k = 0;
            while (k <= BINS && edges[k] <= v[i]) {
                k++;
            }
            out[i] = k;
        }
        return out;
    }

    /** Shares of each code, real minus synthetic, for a 1-D total variation. */
    public static double totalVariation(int[] a, int[] b, int levels) {
        double[] p = new double[levels];
        for (int x : a) {
            p[x] += 1.0 / a.length;
        }
        for (int x : b) {
            p[x] -= 1.0 / b.length;
        }
        double tv = 0;
        for (double d : p) {
            tv += Math.abs(d);
        }
        return 0.5 * tv;
    }
}
