package io.tabsynth.spi.stats;

import java.util.Arrays;

/** Comparisons of two samples. NaN marks a missing value and is left out. */
public final class TwoSample {
    private TwoSample() {
    }

    /**
     * The two-sample Kolmogorov-Smirnov statistic: the largest distance between the two empirical CDFs
     * (0 when both samples are empty, 1 when only one is).
     */
    public static double ks(double[] a, double[] b) {
        double[] x = Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] y = Arrays.stream(b).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (x.length == 0 || y.length == 0) {
            return x.length == y.length ? 0 : 1;
        }
        double d = 0;
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) x.length - j / (double) y.length));
        }
        return d;
    }

    /** Pearson correlation over the rows where both values are present; NaN if it is undefined. */
    public static double pearson(double[] a, double[] b) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sx += a[i];
                sy += b[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sxy += (a[i] - mx) * (b[i] - my);
                sxx += (a[i] - mx) * (a[i] - mx);
                syy += (b[i] - my) * (b[i] - my);
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
