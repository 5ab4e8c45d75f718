package io.tabsynth.spi.stats;

/**
 * The smallest and largest present value of a sample (NaN marks a missing value and is left out); empty,
 * with {@code min > max}, when no value is present.
 */
public record MinMax(double min, double max) {
    /** The range of the present values. */
    public static MinMax of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new MinMax(min, max);
    }

    /** Whether no value was present. */
    public boolean isEmpty() {
        return min > max;
    }

    /** {@code v} clipped into the range. */
    public double clip(double v) {
        return Math.max(min, Math.min(max, v));
    }
}
