package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DpQuantileTest {
    /** The exponential mechanism misses by more than (2Δ/ε)·ln(k/β) ranks with probability at most β. */
    private static double rankError(double sensitivity, double epsilon, int candidates, double beta) {
        return 2 * sensitivity / epsilon * Math.log(candidates / beta);
    }

    private static double[] ages(int n, long seed) {
        Random random = new Random(seed);
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            ages[i] = Math.min(90, Math.max(17, Math.round(38 + 13 * random.nextGaussian())));
        }
        return ages;
    }

    /** How far the rank q·n lies from the ranks of the grid cell (c − 1, c], [#{x ≤ c − 1}, #{x ≤ c}]. */
    private static double rankMiss(double[] values, double c, double q) {
        int below = 0;
        int atMost = 0;
        for (double v : values) {
            below += v <= c - 1 ? 1 : 0;
            atMost += v <= c ? 1 : 0;
        }
        double rank = q * values.length;
        return Math.max(0, Math.max(below - rank, rank - atMost));
    }

    @Test
    void quantilesLandWithinTheRankErrorTheMechanismPredicts() {
        double[] values = ages(5_000, 1);
        double[] grid = CandidateGrid.linear(0, 150, 151);
        Rational epsilon = Rational.parse("0.5");
        int runs = 150;
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.of(runs * 3), 0);
        DpQuantile quantile = new DpQuantile(accountant, RandomBits.seeded(2));
        for (double q : new double[] {0.05, 0.5, 0.95}) {
            double bound = rankError(Math.max(q, 1 - q), 0.5, grid.length, 1e-4);
            for (int r = 0; r < runs; r++) {
                double released = quantile.release("'age'", values, q, grid, epsilon);
                // Some grid cell covers rank q·n, so the released one must lie within the bound of it.
                double miss = rankMiss(values, released, q);
                assertTrue(miss <= bound, "q " + q + ": released " + released + " misses rank by " + miss);
            }
        }
        assertEquals(Rational.of(runs * 3).multiply(Rational.of(1, 32)), accountant.rho(), "rho = eps^2/8 per call");
        assertEquals("19/20", accountant.calls().get(0).toMap().get("sensitivity"), "max(q, 1 - q) for q = 0.05");
        assertEquals("1/2", accountant.calls().get(runs).toMap().get("sensitivity"), "max(q, 1 - q) for q = 0.5");
        assertEquals("1/2", accountant.calls().get(runs).toMap().get("epsilon"));
    }

    @Test
    void boundsFromALogarithmicGridBracketTheData() {
        double[] values = ages(20_000, 3);
        double[] grid = CandidateGrid.logarithmic(0.01, 1e9, 20);
        DpQuantile quantile = new DpQuantile(new ZcdpAccountant(Rational.ONE, 0), RandomBits.seeded(4));
        double lower = quantile.release("lower bound of 'age'", values, 0.01, grid, Rational.parse("0.5"));
        double upper = quantile.release("upper bound of 'age'", values, 0.99, grid, Rational.parse("0.5"));
        // The ages are clipped to [17, 90] (5.7% of them at 17); the grid's ratio is 10^(1/20) = 1.122, and the
        // released bounds close the grid cells that hold the true 1% and 99% points.
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double trueLower = sorted[(int) (0.01 * sorted.length)];
        double trueUpper = sorted[(int) (0.99 * sorted.length)];
        assertTrue(lower >= trueLower && lower <= trueLower * 1.13, "lower " + lower + " for " + trueLower);
        assertTrue(upper >= trueUpper && upper <= trueUpper * 1.13, "upper " + upper + " for " + trueUpper);
    }

    @Test
    void gridsAreIncreasingAndCandidatesMustBe() {
        double[] log = CandidateGrid.logarithmic(1, 1000, 1);
        assertArrayEquals(new double[] {-1000, -100, -10, -1, 0, 1, 10, 100, 1000}, log, 1e-9);
        assertArrayEquals(new double[] {0, 0.5, 1}, CandidateGrid.linear(0, 1, 3), 0);
        DpQuantile quantile = new DpQuantile(new ZcdpAccountant(Rational.ONE, 0), RandomBits.seeded(4));
        assertThrows(IllegalArgumentException.class,
                () -> quantile.release("x", new double[] {1}, 0.5, new double[] {2, 1}, Rational.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> quantile.release("x", new double[] {Double.NaN}, 0.5, new double[] {1, 2}, Rational.ONE));
        assertThrows(IllegalArgumentException.class,
                () -> quantile.release("x", new double[] {1}, 1.5, new double[] {1, 2}, Rational.ONE));
    }
}
