package io.tabsynth.engine.fairness;

/**
 * Whole counts in given proportions that add up to the total exactly (Hamilton's largest-remainder method): each
 * part gets the whole part of its quota, and the rows left over go one each to the largest fractional remainders,
 * the earlier part first on a tie, so the same shares always give the same counts.
 */
final class LargestRemainder {
    private LargestRemainder() {
    }

    /** Counts for the shares (non-negative, not all zero; scaled to add up to 1) that add up to {@code total}. */
    static long[] allocate(long total, double[] shares) {
        double sum = 0;
        for (double s : shares) {
            sum += s;
        }
        long[] counts = new long[shares.length];
        double[] remainders = new double[shares.length];
        long given = 0;
        for (int i = 0; i < shares.length; i++) {
            double quota = total * (shares[i] / sum);
            counts[i] = (long) Math.floor(quota);
            remainders[i] = quota - counts[i];
            given += counts[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < shares.length; i++) {
                if (shares[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
        }
        return counts;
    }
}
