package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.privacy.NoisyCounts;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import io.tabsynth.spi.random.Rng;
import org.junit.jupiter.api.Test;

/** The private correlation of normal scores against scores drawn with a known correlation. */
class PrivateCorrelationTest {
    private static final double[][] R = {{1, 0.7, 0}, {0.7, 1, -0.5}, {0, -0.5, 1}};
    private static final int ROWS = 10_000;

    private static double[][] scores(long seed) {
        double[][] l = Correlation.cholesky(R);
        Rng rng = new Rng(seed);
        double[][] z = new double[3][ROWS];
        for (int i = 0; i < ROWS; i++) {
            double[] e = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            for (int a = 0; a < 3; a++) {
                for (int k = 0; k <= a; k++) {
                    z[a][i] += l[a][k] * e[k];
                }
            }
        }
        return z;
    }

    /** The standard deviation of a released entry's noise: σ of the sums in units of products, over the rows. */
    private static double predicted(Rational rho) {
        double sigma = PrivateCorrelation.UNITS / Math.sqrt(2 * rho.doubleValue());
        return sigma * PrivateCorrelation.clipBound(3) / PrivateCorrelation.UNITS / ROWS;
    }

    @Test
    void theReleasedCorrelationErrsAsTheNoisePredicts() {
        double[][] z = scores(1);
        double[] ones = {1, 1, 1};
        double[][] exact = Correlation.pearson(z);
        Rational large = Rational.of(10);
        Rational small = Rational.of(1, 10_000);
        double squaresLarge = 0;
        double squaresSmall = 0;
        int releases = 30;
        for (int k = 0; k < releases; k++) {
            double[][] a = PrivateCorrelation.release(z, ones, new NoisyCounts(new ZcdpAccountant(large, 0),
                    RandomBits.seeded(k)), large);
            double[][] b = PrivateCorrelation.release(z, ones, new NoisyCounts(new ZcdpAccountant(small, 0),
                    RandomBits.seeded(k)), small);
            squaresLarge += Math.pow(a[0][1] - exact[0][1], 2) + Math.pow(a[1][2] - exact[1][2], 2);
            squaresSmall += Math.pow(b[0][1] - exact[0][1], 2) + Math.pow(b[1][2] - exact[1][2], 2);
        }
        double errorLarge = Math.sqrt(squaresLarge / (2 * releases));
        double errorSmall = Math.sqrt(squaresSmall / (2 * releases));
        // at rho = 10 only the clipping of the few rows beyond B and the rounding remain
        assertTrue(errorLarge < 0.01, "error at rho 10: " + errorLarge);
        // at rho = 1e-4 the noise is about 0.035 per entry; the (1 − r²) of the normalisation shrinks it somewhat
        double expected = predicted(small);
        assertTrue(errorSmall > 0.4 * expected && errorSmall < 1.5 * expected,
                "error " + errorSmall + " against the predicted " + expected);
    }

    @Test
    void oneRowChangesTheIntegerSumsByAtMostTheSensitivity() {
        double[][] z = scores(2);
        // a row far out in every dimension is clipped like any other
        z[0][0] = 40;
        z[1][0] = -35;
        z[2][0] = 50;
        long[] with = PrivateCorrelation.clippedSums(z);
        double[][] without = new double[3][];
        for (int a = 0; a < 3; a++) {
            without[a] = java.util.Arrays.copyOfRange(z[a], 1, ROWS);
        }
        long[] less = PrivateCorrelation.clippedSums(without);
        long squares = 0;
        for (int e = 0; e < with.length; e++) {
            squares += (with[e] - less[e]) * (with[e] - less[e]);
        }
        assertTrue(squares <= PrivateCorrelation.UNITS * PrivateCorrelation.UNITS, "squared change " + squares);
        assertTrue(squares > 0.5 * PrivateCorrelation.UNITS * PrivateCorrelation.UNITS,
                "the far row is clipped to the bound, not dropped: " + squares);
    }

    @Test
    void theReleaseCostsTheRhoItIsGiven() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 0);
        PrivateCorrelation.release(scores(3), new double[] {1, 1, 1}, new NoisyCounts(accountant, RandomBits.seeded(1)),
                Rational.of(1, 100));
        assertEquals(Rational.of(1, 100), accountant.rho());
        assertEquals(Rational.of(PrivateCorrelation.UNITS), accountant.calls().get(0).sensitivity());
    }
}
