package io.tabsynth.spi.privacy;

/**
 * Public grids of candidate values for {@link DpQuantile}: fixed before the data is seen, so choosing among them
 * reveals nothing but what the mechanism pays for.
 */
public final class CandidateGrid {
    private static final double DECADE = 10;

    private CandidateGrid() {
    }

    /** {@code points} evenly spaced values from lo to hi inclusive. */
    public static double[] linear(double lo, double hi, int points) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi) || points < 2) {
            throw new IllegalArgumentException("a linear grid needs finite lo < hi and at least 2 points: "
                    + lo + ", " + hi + ", " + points);
        }
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = lo + (hi - lo) * i / (points - 1);
        }
        grid[points - 1] = hi;
        return grid;
    }

    /**
     * Zero and ± the values smallest·10^(k/perDecade) up to largest: a grid for bounds whose magnitude is not
     * known, spaced by a constant ratio, in increasing order.
     */
    public static double[] logarithmic(double smallest, double largest, int perDecade) {
        if (!(smallest > 0 && largest > smallest && Double.isFinite(largest)) || perDecade < 1) {
            throw new IllegalArgumentException("a logarithmic grid needs 0 < smallest < largest and at least one "
                    + "point per decade: " + smallest + ", " + largest + ", " + perDecade);
        }
        int steps = (int) Math.ceil(Math.log10(largest / smallest) * perDecade);
        double[] positive = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            positive[k] = Math.min(largest, smallest * Math.pow(DECADE, (double) k / perDecade));
        }
        double[] grid = new double[2 * positive.length + 1];
        for (int k = 0; k < positive.length; k++) {
            grid[positive.length - 1 - k] = -positive[k];
            grid[positive.length + 1 + k] = positive[k];
        }
        return grid;
    }
}
