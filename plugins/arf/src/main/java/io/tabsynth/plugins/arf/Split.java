package io.tabsynth.plugins.arf;

/**
 * How a node divides its rows: by a number ({@code value <= threshold} goes left; missing numbers are negative
 * infinity, so a threshold of negative infinity sends exactly the missing values left) or by a category (the codes
 * in {@code left} go left). {@code score} is the sum over both children of (real² + synthetic²) / rows, the Gini
 * criterion: larger is purer.
 */
record Split(int feature, double threshold, long[] left, double score) {
    /** Whether a row with this value of the split's feature goes left. */
    boolean goesLeft(double value) {
        if (left == null) {
            return value <= threshold;
        }
        int code = (int) value;
        return (left[code >>> 6] & (1L << (code & 63))) != 0;
    }
}
