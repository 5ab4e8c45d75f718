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
        return exponential(gamma.numerator(), gamma.denominator(), bits);
    }

    /** Bernoulli(exp(−n/d)) for integers n ≥ 0, d > 0, not necessarily in lowest terms. */
    static boolean exponential(BigInteger n, BigInteger d, RandomBits bits) {
        if (n.signum() < 0 || d.signum() <= 0) {
            throw new IllegalArgumentException("exp(-gamma) needs gamma >= 0: " + n + "/" + d);
        }
        if (n.compareTo(d) <= 0) {
            return exponentialUpToOne(n, d, bits);
        }
        BigInteger[] wholeAndRest = n.divideAndRemainder(d);
        for (BigInteger k = BigInteger.ZERO; k.compareTo(wholeAndRest[0]) < 0; k = k.add(BigInteger.ONE)) {
            if (!exponentialUpToOne(BigInteger.ONE, BigInteger.ONE, bits)) {
                return false;
            }
        }
        return exponentialUpToOne(wholeAndRest[1], d, bits);
    }

    /** γ = n/d ≤ 1: K counts the trials until Bernoulli(γ/K) = Bernoulli(n/(d·K)) fails. */
    private static boolean exponentialUpToOne(BigInteger n, BigInteger d, RandomBits bits) {
        if (d.bitLength() < Long.SIZE - 1) {
            return exponentialUpToOne(n.longValueExact(), d.longValueExact(), bits);
        }
        BigInteger k = BigInteger.ONE;
        while (bits.uniformBelow(d.multiply(k)).compareTo(n) < 0) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0);
    }

    /** The same trials in long arithmetic, moving to BigInteger in the (astronomically rare) case d·K overflows. */
    private static boolean exponentialUpToOne(long n, long d, RandomBits bits) {
        long k = 1;
        while (true) {
            long bound;
            try {
                bound = Math.multiplyExact(d, k);
            } catch (ArithmeticException overflow) {
                return continueInBigIntegers(n, d, k, bits);
            }
            if (bits.uniformBelow(bound) >= n) {
                return (k & 1) == 1;
            }
            k++;
        }
    }

    private static boolean continueInBigIntegers(long n, long d, long fromK, RandomBits bits) {
        BigInteger bigN = BigInteger.valueOf(n);
        BigInteger bigD = BigInteger.valueOf(d);
        BigInteger k = BigInteger.valueOf(fromK);
        while (bits.uniformBelow(bigD.multiply(k)).compareTo(bigN) < 0) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0);
    }
}
