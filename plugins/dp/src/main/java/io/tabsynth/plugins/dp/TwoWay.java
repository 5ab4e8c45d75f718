package io.tabsynth.plugins.dp;

/** The true two-way counts of two columns' cells, flat with the first column's cell as the row. */
final class TwoWay {
    private TwoWay() {
    }

    static long[] counts(int[] first, int[] second, int secondSize, int cells) {
        long[] counts = new long[cells];
        for (int r = 0; r < first.length; r++) {
            counts[first[r] * secondSize + second[r]]++;
        }
        return counts;
    }
}
