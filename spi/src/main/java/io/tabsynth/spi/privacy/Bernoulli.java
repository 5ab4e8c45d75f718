package io.tabsynth.spi.privacy;

import java.math.BigInteger;

/**
 * Exact Bernoulli trials with rational parameters, the building block of the discrete samplers (Canonne,
 * Kamath, Steinke 2020, "The Discrete Gaussian for Differential Privacy", Section 5.1): Bernoulli(p) from one
 * uniform integer, and Bernoulli(exp(−γ)) from a sequence of Bernoulli(γ/k) trials, with no floating point.
 */
public final class Bernoulli {
    private Bernoulli() {
    }

    /** True with probability p, a rational in [0, 1]. */
    public static boolean withProbability(Rational p, RandomBits bits) {
        if (p.signum() < 0 || p.compareTo(Rational.ONE) > 0) {
            throw new IllegalArgumentException("a probability lies in [0, 1]: " + p);
        }
        return bits.uniformBelow(p.denominator()).compareTo(p.numerator()) < 0;
    }

    /**
     * True with probability exp(−γ), γ ≥ 0 rational. For γ ≤ 1: count the trials K = 1, 2, ... until
     * Bernoulli(γ/K) fails; K is odd with probability exp(−γ). For γ > 1: ⌊γ⌋ independent Bernoulli(exp(−1))
     * and one Bernoulli(exp(−(γ − ⌊γ⌋))) must all succeed (stopping at the first failure).
     */
    public static boolean exponential(Rational gamma, RandomBits bits) {
        if (gamma.signum() < 0) {
            throw new IllegalArgumentException("exp(-gamma) needs gamma >= 0: " + gamma);
        }
        if (gamma.compareTo(Rational.ONE) <= 0) {
            return exponentialUpToOne(gamma, bits);
        }
        BigInteger whole = gamma.floor();
        for (BigInteger k = BigInteger.ZERO; k.compareTo(whole) < 0; k = k.add(BigInteger.ONE)) {
            if (!exponentialUpToOne(Rational.ONE, bits)) {
                return false;
            }
        }
        return exponentialUpToOne(gamma.subtract(Rational.of(whole, BigInteger.ONE)), bits);
    }

    private static boolean exponentialUpToOne(Rational gamma, RandomBits bits) {
        BigInteger k = BigInteger.ONE;
        while (bits.uniformBelow(gamma.denominator().multiply(k)).compareTo(gamma.numerator()) < 0) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0);
    }
}
