package io.tabsynth.plugins.copula;

import io.tabsynth.spi.stats.Normal;

/** Decides missingness of a numeric column from its missingness dimension: missing below Φ⁻¹(null rate). */
final class NullGate {
    private final double nullRate;
    private final double threshold;

    NullGate(double nullRate) {
        this.nullRate = nullRate;
        this.threshold = nullRate <= 0 ? Double.NEGATIVE_INFINITY : Normal.quantile(Math.min(1, nullRate));
    }

    double nullRate() {
        return nullRate;
    }

    boolean active() {
        return nullRate > 0;
    }

    /** True if row {@code i} is missing. */
    boolean isNull(double[] nullZ, int i) {
        return nullZ != null && nullZ[i] < threshold;
    }
}
