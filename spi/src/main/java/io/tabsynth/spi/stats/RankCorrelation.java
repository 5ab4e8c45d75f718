package io.tabsynth.spi.stats;

import java.util.Arrays;

/** Spearman's rank correlation, with ties given their mean rank and rows missing in either column left out. */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** Spearman's ρ of two equally long columns; NaN marks a missing value. NaN if fewer than two rows remain. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("columns differ in length: " + a.length + " vs " + b.length);
        }
        int n = 0;
        double[] x = new double[a.length];
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                x[n] = a[i];
                y[n++] = b[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        return TwoSample.pearson(ranks(Arrays.copyOf(x, n)), ranks(Arrays.copyOf(y, n)));
    }

    /** The mean of the ranks {@code first..last}; in floating point, as their int sum passes 2³¹ beyond 2³⁰ rows. */
    static double meanRank(int first, int last) {
        return ((double) first + last) / 2;
    }

    /** Ranks from 0, ties sharing their mean rank. */
    public static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(v[p], v[q]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double rank = meanRank(i, j);
            for (int k = i; k <= j; k++) {
                r[idx[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }
}
