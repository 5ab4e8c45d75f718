package io.tabsynth.plugins.evaluators;

/** Quantiles of sorted values, interpolated linearly between neighbouring ranks. */
final class Quantile {
    private Quantile() {
    }

    /** The {@code q} quantile of ascending {@code sorted} values; null when there are none. */
    static Double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        double pos = q * (sorted.length - 1);
        int i = (int) pos;
        return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
