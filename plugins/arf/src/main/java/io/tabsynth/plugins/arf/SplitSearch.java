package io.tabsynth.plugins.arf;

import java.util.Arrays;

/**
 * The best split of one node on one feature, by the Gini criterion on real against synthetic rows, among the splits
 * that leave at least {@code minRealRows} real rows on each side (so that no leaf describes fewer real rows than the
 * rare-value rule's k). Numbers: every threshold between two neighbouring values in the node. Categories: the codes
 * ordered by their share of real rows, every prefix of that order (for two classes this finds the best of all
 * subsets, Breiman et al. 1984, §9.4). Not thread-safe: one per tree.
 */
final class SplitSearch {
    private final TrainingSet set;
    private final int minRealRows;
    private long[] keys = new long[0];
    private int[] realCount = new int[0];
    private int[] allCount = new int[0];

    SplitSearch(TrainingSet set, int minRealRows) {
        this.set = set;
        this.minRealRows = minRealRows;
    }

    /** The best split of rows {@code rows[from..to)} on {@code feature}, or null when none is allowed. */
    Split best(int feature, int[] rows, int from, int to) {
        return set.isCategory(feature) ? category(feature, rows, from, to) : number(feature, rows, from, to);
    }

    private Split number(int feature, int[] rows, int from, int to) {
        int n = to - from;
        if (keys.length < n) {
            keys = new long[Math.max(n, 2 * keys.length)];
        }
        int real = 0;
        for (int i = 0; i < n; i++) {
            int row = rows[from + i];
            boolean isReal = set.isReal(row);
            real += isReal ? 1 : 0;
            keys[i] = ((long) set.rank(feature, row) << 1) | (isReal ? 1 : 0);
        }
        Arrays.sort(keys, 0, n);
        int synthetic = n - real;
        int leftReal = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestRank = -1;
        for (int i = 0; i < n - 1; i++) {
            leftReal += (int) (keys[i] & 1);
            int rank = (int) (keys[i] >>> 1);
            if (rank == (int) (keys[i + 1] >>> 1)) {
                continue;
            }
            int leftRows = i + 1;
            int rightReal = real - leftReal;
            if (leftReal < minRealRows || rightReal < minRealRows) {
                continue;
            }
            double score = gini(leftReal, leftRows - leftReal) + gini(rightReal, synthetic - (leftRows - leftReal));
            if (score > best) {
                best = score;
                bestRank = rank;
            }
        }
        return bestRank < 0 ? null : new Split(feature, set.rankValue(feature, bestRank), null, best);
    }

    private Split category(int feature, int[] rows, int from, int to) {
        int levels = set.levels(feature);
        if (realCount.length < levels) {
            realCount = new int[levels];
            allCount = new int[levels];
        }
        Arrays.fill(realCount, 0, levels, 0);
        Arrays.fill(allCount, 0, levels, 0);
        int real = 0;
        for (int i = from; i < to; i++) {
            int row = rows[i];
            int code = (int) set.value(feature, row);
            allCount[code]++;
            if (set.isReal(row)) {
                realCount[code]++;
                real++;
            }
        }
        int present = 0;
        long[] order = new long[levels];
        for (int c = 0; c < levels; c++) {
            if (allCount[c] > 0) {
                // the real share in the high bits (as a sortable fraction), the code in the low ones
                long share = (long) Math.floor((double) realCount[c] / allCount[c] * (1 << 30));
                order[present++] = (share << 32) | c;
            }
        }
        if (present < 2) {
            return null;
        }
        Arrays.sort(order, 0, present);
        int n = to - from;
        int synthetic = n - real;
        int leftReal = 0;
        int leftRows = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestPrefix = -1;
        for (int p = 0; p < present - 1; p++) {
            int c = (int) order[p];
            leftReal += realCount[c];
            leftRows += allCount[c];
            int rightReal = real - leftReal;
            if (leftReal < minRealRows || rightReal < minRealRows) {
                continue;
            }
            double score = gini(leftReal, leftRows - leftReal) + gini(rightReal, synthetic - (leftRows - leftReal));
            if (score > best) {
                best = score;
                bestPrefix = p;
            }
        }
        if (bestPrefix < 0) {
            return null;
        }
        long[] left = new long[(levels + 63) / 64];
        for (int p = 0; p <= bestPrefix; p++) {
            int c = (int) order[p];
            left[c >>> 6] |= 1L << (c & 63);
        }
        return new Split(feature, Double.NaN, left, best);
    }

    /** A side's part of the criterion: (real² + synthetic²) / rows, 0 for an empty side. */
    static double gini(int real, int synthetic) {
        int n = real + synthetic;
        return n == 0 ? 0 : ((double) real * real + (double) synthetic * synthetic) / n;
    }
}
