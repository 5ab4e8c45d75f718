package io.tabsynth.plugins.dp;

import java.util.Arrays;

/**
 * The nearest (least-squares) vector with non-negative entries summing to a total: every entry lowered by one
 * common amount and those below zero set to zero. On noisy counts this removes the noise's spurious mass from the
 * empty cells instead of keeping it, as clipping alone would.
 */
final class SimplexProjection {
    private SimplexProjection() {
    }

    /** The projection of {@code x} onto {y ≥ 0, Σy = total}; all zeros for a total that is not positive. */
    static double[] project(double[] x, double total) {
        double[] y = new double[x.length];
        if (!(total > 0) || x.length == 0) {
            return y;
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double running = 0;
        double shift = 0;
        for (int j = 1; j <= sorted.length; j++) {
            double u = sorted[sorted.length - j];
            running += u;
            double candidate = (running - total) / j;
            if (u - candidate > 0) {
                shift = candidate;
            }
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i] - shift);
        }
        return y;
    }

    /**
     * The projection of {@code x} onto {y ≥ 0, Σy = total, y_i = 0 where {@code zero[i]}}: the free entries
     * projected as {@link #project(double[], double)} projects them, the others zero.
     */
    static double[] project(double[] x, double total, boolean[] zero) {
        int free = 0;
        for (boolean z : zero) {
            free += z ? 0 : 1;
        }
        double[] kept = new double[free];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (!zero[i]) {
                kept[k++] = x[i];
            }
        }
        double[] projected = project(kept, total);
        double[] y = new double[x.length];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (!zero[i]) {
                y[i] = projected[k++];
            }
        }
        return y;
    }

    /** The entries divided by their sum; uniform when the sum is not positive. */
    static double[] normalised(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = sum > 0 ? x[i] / sum : 1.0 / x.length;
        }
        return p;
    }
}
