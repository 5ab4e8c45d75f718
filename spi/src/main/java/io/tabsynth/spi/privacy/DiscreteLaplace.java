package io.tabsynth.spi.privacy;

import java.math.BigInteger;

/**
 * The discrete Laplace distribution on the integers with scale b > 0: P(x) ∝ exp(−|x|/b). Sampled exactly by
 * Algorithm 2 of Canonne, Kamath, Steinke 2020 from Bernoulli(exp(−γ)) trials. Adding it to an integer query of
 * ℓ1 sensitivity Δ gives ε-DP with ε = Δ/b, hence ε²/2-zCDP (Bun, Steinke 2016, Proposition 1.4).
 */
public final class DiscreteLaplace {
    private final Rational scale;
    /** With b = t/s in lowest terms: the algorithm's t and s. */
    private final BigInteger t;
    private final BigInteger s;

    public DiscreteLaplace(Rational scale) {
        if (scale.signum() <= 0) {
            throw new IllegalArgumentException("the discrete Laplace scale must be positive: " + scale);
        }
        this.scale = scale;
        this.t = scale.numerator();
        this.s = scale.denominator();
    }

    public Rational scale() {
        return scale;
    }

    /** One draw. */
    public BigInteger sample(RandomBits bits) {
        while (true) {
            BigInteger u = bits.uniformBelow(t);
            if (!Bernoulli.exponential(u, t, bits)) {
                continue;
            }
            long v = 0;
            while (Bernoulli.exponential(BigInteger.ONE, BigInteger.ONE, bits)) {
                v++;
            }
            BigInteger x = u.add(t.multiply(BigInteger.valueOf(v)));
            BigInteger y = x.divide(s);
            boolean negative = bits.nextBit();
            if (negative && y.signum() == 0) {
                continue;
            }
            return negative ? y.negate() : y;
        }
    }

    /** ρ of the mechanism that adds this noise to a query of ℓ1 sensitivity Δ: (Δ/b)²/2. */
    public Rational rho(Rational sensitivity) {
        Rational epsilon = sensitivity.divide(scale);
        return epsilon.multiply(epsilon).divide(Rational.of(2));
    }

    /** The probability of x (in double precision: for tests and error bars, never for sampling). */
    public double pmf(long x) {
        double q = Math.exp(-1 / scale.doubleValue());
        return (1 - q) / (1 + q) * Math.pow(q, Math.abs((double) x));
    }

    /** The variance, 2e^(−1/b) / (1 − e^(−1/b))². */
    public double variance() {
        double q = Math.exp(-1 / scale.doubleValue());
        return 2 * q / ((1 - q) * (1 - q));
    }
}
