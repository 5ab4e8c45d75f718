package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoisyCountsTest {
    private static final double STANDARD_ERRORS = 5;

    @Test
    void aNoisyHistogramIsRecoveredWithinTheErrorTheNoisePredicts() {
        long[] truth = {0, 3, 120, 4_000, 25_000, 7};
        Rational sigma2 = Rational.of(9);
        double sd = Math.sqrt(new DiscreteGaussian(sigma2).variance());
        int releases = 2_000;
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.of(releases), 0);
        NoisyCounts counts = new NoisyCounts(accountant, RandomBits.seeded(8));
        double[] sum = new double[truth.length];
        double[] squares = new double[truth.length];
        int outside = 0;
        for (int r = 0; r < releases; r++) {
            long[] noisy = counts.histogram("a histogram", truth, sigma2);
            for (int i = 0; i < truth.length; i++) {
                double error = noisy[i] - truth[i];
                sum[i] += error;
                squares[i] += error * error;
                if (Math.abs(error) > 3 * sd) {
                    outside++;
                }
            }
        }
        for (int i = 0; i < truth.length; i++) {
            assertEquals(0, sum[i] / releases, STANDARD_ERRORS * sd / Math.sqrt(releases), "bias of cell " + i);
            assertEquals(sd, Math.sqrt(squares[i] / releases), 0.05 * sd, "error of cell " + i);
        }
        // P(|Z| > 3σ) is about 0.27% for σ = 3: no more than twice that in 12,000 cells.
        double p = 2 * new DiscreteGaussian(sigma2).tail((long) Math.floor(3 * sd) + 1);
        assertTrue(outside < 2 * p * releases * truth.length + 10, outside + " errors beyond 3 sd");
        // Each release of the whole histogram cost ρ = 1/(2σ²) = 1/18, however many cells it has.
        assertEquals(Rational.of(releases, 18), accountant.rho());
        assertEquals(Rational.ONE, accountant.calls().get(0).sensitivity());
    }

    @Test
    void theSameSeedGivesTheSameCountsAndAnotherSeedOtherCounts() {
        long[] truth = {10, 20, 30, 40, 50, 60, 70, 80};
        Rational sigma2 = Rational.of(100);
        long[] a = new NoisyCounts(new ZcdpAccountant(Rational.ONE, 0), RandomBits.seeded(1)).histogram("h", truth, sigma2);
        long[] b = new NoisyCounts(new ZcdpAccountant(Rational.ONE, 0), RandomBits.seeded(1)).histogram("h", truth, sigma2);
        long[] c = new NoisyCounts(new ZcdpAccountant(Rational.ONE, 0), RandomBits.seeded(2)).histogram("h", truth, sigma2);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }

    @Test
    void aSecureSourceIsRecordedAsSuch() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 0);
        new NoisyCounts(accountant, RandomBits.secure()).count("rows", 500, Rational.of(2));
        assertEquals("secure", accountant.calls().get(0).noise());
        assertEquals(Rational.of(1, 4), accountant.rho());
    }

    @Test
    void sumsOfClippedContributionsCostTheirSensitivitySquaredOverTwoSigma2() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 0);
        Rational sigma2 = Rational.of(1_000_000);
        long[] noisy = new NoisyCounts(accountant, RandomBits.seeded(3)).sums("sums of products", new long[] {50_000, -20_000},
                Rational.of(1000), sigma2);
        // ρ = 1000² / (2 · 10⁶) = 1/2, and the record keeps the sensitivity it was given
        assertEquals(Rational.of(1, 2), accountant.rho());
        assertEquals(Rational.of(1000), accountant.calls().get(0).sensitivity());
        assertEquals(50_000, noisy[0], 5 * 1000);
        assertEquals(-20_000, noisy[1], 5 * 1000);
    }
}
