package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DiscreteGaussianTest {
    /** A sampler is rejected when its chi-square p-value falls below this. */
    private static final double SIGNIFICANCE = 1e-3;
    private static final int DRAWS = 60_000;
    /** Sample moments must lie within this many standard errors of the exact ones. */
    private static final double STANDARD_ERRORS = 5;

    private static long[] draw(DiscreteGaussian g, long seed, int n) {
        RandomBits bits = RandomBits.seeded(seed);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = g.sample(bits);
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/10", "1/2", "1", "5/2", "30", "2000"})
    void samplesFollowTheExactPmf(String sigma2) {
        DiscreteGaussian g = new DiscreteGaussian(Rational.parse(sigma2));
        long[] x = draw(g, 17, DRAWS);
        GoodnessOfFit fit = GoodnessOfFit.of(x, g::pmf);
        assertTrue(fit.degreesOfFreedom() >= 2, fit.toString());
        assertTrue(fit.pValue() > SIGNIFICANCE, "sigma^2 " + sigma2 + ": " + fit);
    }

    @Test
    void theChiSquareTestRejectsARoundedContinuousGaussian() {
        // At small σ² the discrete Gaussian and a rounded continuous one differ: the test must tell them apart.
        DiscreteGaussian g = new DiscreteGaussian(Rational.parse("1/2"));
        java.util.Random random = new java.util.Random(5);
        long[] rounded = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            rounded[i] = Math.round(random.nextGaussian() * Math.sqrt(0.5));
        }
        assertTrue(GoodnessOfFit.of(rounded, g::pmf).pValue() < SIGNIFICANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/3", "4", "400"})
    void meanVarianceAndTailsMatchTheExactDistribution(String sigma2) {
        DiscreteGaussian g = new DiscreteGaussian(Rational.parse(sigma2));
        long[] x = draw(g, 23, DRAWS);
        double sum = 0;
        double squares = 0;
        double fourths = 0;
        for (long v : x) {
            sum += v;
            squares += (double) v * v;
            fourths += Math.pow(v, 4);
        }
        double variance = g.variance();
        double s2 = Rational.parse(sigma2).doubleValue();
        // Below σ² (Canonne, Kamath, Steinke, Proposition 19), and within e^(−2π²σ²)-ish of it once σ ≥ 1.
        assertTrue(variance <= s2 && variance > (s2 < 1 ? 0 : s2 * (1 - 1e-6)), "exact variance " + variance);
        double mean = sum / DRAWS;
        assertEquals(0, mean, STANDARD_ERRORS * Math.sqrt(variance / DRAWS), "mean");
        double secondMoment = squares / DRAWS;
        double fourthMoment = fourths / DRAWS;
        assertEquals(variance, secondMoment,
                STANDARD_ERRORS * Math.sqrt((fourthMoment - variance * variance) / DRAWS), "variance");
        double sigma = Math.sqrt(s2);
        for (double k : new double[] {1, 2, 3}) {
            long m = (long) Math.ceil(k * sigma);
            double p = g.tail(m);
            long hits = 0;
            for (long v : x) {
                if (v >= m) {
                    hits++;
                }
            }
            assertEquals(p, (double) hits / DRAWS, STANDARD_ERRORS * Math.sqrt(p * (1 - p) / DRAWS) + 1e-9,
                    "P(X >= " + m + ")");
        }
    }

    @Test
    void tailsAndPmfAgreeWithHandComputedValues() {
        // σ² = 1: by Poisson summation Z = Σ exp(−k²/2) = √(2π)·(1 + 2e^(−2π²) + 2e^(−8π²) + ...).
        DiscreteGaussian g = new DiscreteGaussian(Rational.ONE);
        double z = Math.sqrt(2 * Math.PI) * (1 + 2 * Math.exp(-2 * Math.PI * Math.PI));
        assertEquals(1 / z, g.pmf(0), 1e-12);
        assertEquals(Math.exp(-2) / z, g.pmf(-2), 1e-12);
        assertEquals(1, g.tail(-1000), 1e-12);
        assertEquals(0.5 + 0.5 / z, g.tail(0), 1e-12);
        double tail3 = (Math.exp(-4.5) + Math.exp(-8) + Math.exp(-12.5) + Math.exp(-18) + Math.exp(-24.5)
                + Math.exp(-32)) / z; // the next term, e^-40.5, is below the tolerance
        assertEquals(tail3, g.tail(3), 1e-12);
    }

    @Test
    void rhoIsSensitivitySquaredOverTwiceSigma2AndTheInverseIsExact() {
        DiscreteGaussian g = new DiscreteGaussian(Rational.parse("25/2"));
        assertEquals(Rational.of(1, 25), g.rho(Rational.ONE));
        assertEquals(Rational.of(4, 25), g.rho(Rational.of(2)));
        assertEquals(Rational.parse("25/2"), DiscreteGaussian.sigma2For(Rational.ONE, Rational.of(1, 25)));
    }

    @Test
    void theSameSeedGivesTheSameNoise() {
        DiscreteGaussian g = new DiscreteGaussian(Rational.parse("7.5"));
        assertEquals(java.util.Arrays.toString(draw(g, 99, 500)), java.util.Arrays.toString(draw(g, 99, 500)));
        assertTrue(!java.util.Arrays.equals(draw(g, 99, 500), draw(g, 100, 500)));
    }
}
