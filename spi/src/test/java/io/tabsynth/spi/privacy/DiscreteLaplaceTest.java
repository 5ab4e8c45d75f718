package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscreteLaplaceTest {
    private static final double SIGNIFICANCE = 1e-3;
    private static final int DRAWS = 60_000;
    private static final double STANDARD_ERRORS = 5;

    private static long[] draw(DiscreteLaplace lap, long seed) {
        RandomBits bits = RandomBits.seeded(seed);
        long[] x = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            x[i] = lap.sample(bits).longValueExact();
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1/3", "1", "7/3", "25"})
    void samplesFollowTheExactPmfWithItsMeanAndVariance(String scale) {
        DiscreteLaplace lap = new DiscreteLaplace(Rational.parse(scale));
        long[] x = draw(lap, 41);
        GoodnessOfFit fit = GoodnessOfFit.of(x, lap::pmf);
        assertTrue(fit.pValue() > SIGNIFICANCE, "scale " + scale + ": " + fit);
        double sum = 0;
        double squares = 0;
        double fourths = 0;
        for (long v : x) {
            sum += v;
            squares += (double) v * v;
            fourths += Math.pow(v, 4);
        }
        double variance = lap.variance();
        assertEquals(0, sum / DRAWS, STANDARD_ERRORS * Math.sqrt(variance / DRAWS), "mean");
        double m4 = fourths / DRAWS;
        assertEquals(variance, squares / DRAWS, STANDARD_ERRORS * Math.sqrt((m4 - variance * variance) / DRAWS),
                "variance");
    }

    @Test
    void pmfAndVarianceMatchHandComputedValues() {
        // scale 1: q = 1/e; P(0) = (1 − q)/(1 + q) = tanh(1/2); variance 2q/(1 − q)² = 1/(2 sinh²(1/2)).
        DiscreteLaplace lap = new DiscreteLaplace(Rational.ONE);
        assertEquals(Math.tanh(0.5), lap.pmf(0), 1e-15);
        assertEquals(Math.tanh(0.5) * Math.exp(-3), lap.pmf(-3), 1e-15);
        assertEquals(1 / (2 * Math.sinh(0.5) * Math.sinh(0.5)), lap.variance(), 1e-12);
    }

    @Test
    void rhoIsHalfTheSquareOfEpsilon() {
        // scale 2, sensitivity 1: ε = 1/2, ρ = 1/8.
        assertEquals(Rational.of(1, 8), new DiscreteLaplace(Rational.of(2)).rho(Rational.ONE));
    }

    @Test
    void aSmallScaleIsAlmostAlwaysZero() {
        DiscreteLaplace lap = new DiscreteLaplace(Rational.of(1, 50));
        RandomBits bits = RandomBits.seeded(3);
        for (int i = 0; i < 1000; i++) {
            assertEquals(BigInteger.ZERO, lap.sample(bits)); // P(X ≠ 0) = 2e^-50/(1+e^-50)
        }
    }
}
