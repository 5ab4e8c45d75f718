package io.tabsynth.plugins.copula;

import io.tabsynth.engine.stats.Normal;

/**
 * A discrete distribution laid out on the normal-score axis: a null atom first (if any), then each value's
 * probability in order. A score maps to the interval it falls in, so categories and low-cardinality numbers
 * take one copula dimension however many values they have, and their frequencies are kept exactly.
 */
final class Steps {
    private final double nullThreshold;
    private final double[] thresholds;

    /**
     * @param nullRate      probability of null
     * @param probabilities probability of each value given not null; sums to 1
     */
    Steps(double nullRate, double[] probabilities) {
        this.nullThreshold = nullRate <= 0 ? Double.NEGATIVE_INFINITY : Normal.quantile(Math.min(nullRate, 1));
        int m = probabilities.length;
        this.thresholds = new double[Math.max(0, m - 1)];
        double cum = nullRate;
        for (int j = 0; j < m - 1; j++) {
            cum += (1 - nullRate) * probabilities[j];
            thresholds[j] = Normal.quantile(Math.min(cum, 1));
        }
    }

    /** The value index for a normal score, or -1 for null. */
    int index(double z) {
        if (z < nullThreshold) {
            return -1;
        }
        int lo = 0;
        int hi = thresholds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (z < thresholds[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
