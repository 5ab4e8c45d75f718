package io.tabsynth.plugins.copula;

import io.tabsynth.spi.stats.Normal;

/**
 * A discrete distribution laid out on the normal-score axis: a null atom first (if any), then each value's
 * probability in order. A score maps to the interval it falls in, so categories and low-cardinality numbers
 * take one copula dimension however many values they have, and their frequencies are kept exactly.
 */
final class Steps {
    /** Scores from {@link #LOW} to {@link #HIGH} are looked up through {@link #GUIDE_BUCKETS} equal buckets. */
    private static final double LOW = -8;
    private static final double HIGH = 8;
    private static final int GUIDE_BUCKETS = 4096;
    private static final double SCALE = GUIDE_BUCKETS / (HIGH - LOW);
    /** Fewer thresholds than this are searched directly. */
    private static final int GUIDE_FROM = 3;
    private final double nullThreshold;
    private final double[] thresholds;
    /** For each bucket, how many thresholds lie in earlier buckets; null if unused. */
    private final int[] guide;

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
        this.guide = guide(thresholds);
    }

    /**
     * The guide table, or null when a binary search is as quick (few thresholds) or the thresholds are not
     * ascending numbers. Bucket numbers grow with the score, so a threshold in an earlier bucket is at most
     * any score in a later one, and one in a later bucket is above it: the table gives the exact answer of
     * the binary search after comparing only the thresholds in the score's own bucket.
     */
    private static int[] guide(double[] thresholds) {
        if (thresholds.length < GUIDE_FROM) {
            return null;
        }
        for (int j = 0; j < thresholds.length; j++) {
            if (Double.isNaN(thresholds[j]) || j > 0 && thresholds[j] < thresholds[j - 1]) {
                return null;
            }
        }
        int[] guide = new int[GUIDE_BUCKETS];
        int j = 0;
        for (int b = 0; b < GUIDE_BUCKETS; b++) {
            while (j < thresholds.length && bucket(thresholds[j]) < b) {
                j++;
            }
            guide[b] = j;
        }
        return guide;
    }

    private static int bucket(double z) {
        return (int) ((z - LOW) * SCALE);
    }

    /** The value index for a normal score, or -1 for null. */
    int index(double z) {
        if (z < nullThreshold) {
            return -1;
        }
        if (guide != null && z >= LOW && z < HIGH) {
            int k = guide[Math.min(bucket(z), GUIDE_BUCKETS - 1)];
            while (k < thresholds.length && thresholds[k] <= z) {
                k++;
            }
            return k;
        }
        return search(z);
    }

    /** The number of thresholds at or below {@code z}, by binary search. */
    int search(double z) {
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
