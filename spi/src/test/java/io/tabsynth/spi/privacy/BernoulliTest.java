package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BernoulliTest {
    private static final int TRIALS = 200_000;
    private static final double STANDARD_ERRORS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"0", "1/7", "1/2", "1", "3/2", "5/2", "4"})
    void exponentialSucceedsWithProbabilityExpMinusGamma(String gamma) {
        Rational g = Rational.parse(gamma);
        RandomBits bits = RandomBits.seeded(11);
        int hits = 0;
        for (int i = 0; i < TRIALS; i++) {
            if (Bernoulli.exponential(g, bits)) {
                hits++;
            }
        }
        double p = Math.exp(-g.doubleValue());
        assertEquals(p, (double) hits / TRIALS, STANDARD_ERRORS * Math.sqrt(p * (1 - p) / TRIALS) + 1e-12, gamma);
    }

    @Test
    void aGammaWithHugeNumbersTakesTheBigIntegerPathToTheSameRate() {
        // γ = 2^70 / 2^71 = 1/2, left unreduced: d·K no longer fits in a long.
        java.math.BigInteger n = java.math.BigInteger.TWO.pow(70);
        java.math.BigInteger d = java.math.BigInteger.TWO.pow(71);
        RandomBits bits = RandomBits.seeded(13);
        int hits = 0;
        int trials = TRIALS / 4;
        for (int i = 0; i < trials; i++) {
            if (Bernoulli.exponential(n, d, bits)) {
                hits++;
            }
        }
        double p = Math.exp(-0.5);
        assertEquals(p, (double) hits / trials, STANDARD_ERRORS * Math.sqrt(p * (1 - p) / trials));
    }

    @Test
    void withProbabilityIsExactAtTheEnds() {
        RandomBits bits = RandomBits.seeded(1);
        for (int i = 0; i < 100; i++) {
            assertTrue(Bernoulli.withProbability(Rational.ONE, bits));
            assertFalse(Bernoulli.withProbability(Rational.ZERO, bits));
        }
        int hits = 0;
        for (int i = 0; i < TRIALS; i++) {
            if (Bernoulli.withProbability(Rational.of(2, 3), bits)) {
                hits++;
            }
        }
        assertEquals(2.0 / 3, (double) hits / TRIALS, STANDARD_ERRORS * Math.sqrt(2.0 / 9 / TRIALS));
    }

    @Test
    void parametersOutsideTheirRangeAreRefused() {
        RandomBits bits = RandomBits.seeded(1);
        assertThrows(IllegalArgumentException.class, () -> Bernoulli.withProbability(Rational.of(3, 2), bits));
        assertThrows(IllegalArgumentException.class, () -> Bernoulli.exponential(Rational.of(-1), bits));
    }
}
