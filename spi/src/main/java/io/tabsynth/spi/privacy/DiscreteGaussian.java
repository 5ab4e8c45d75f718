package io.tabsynth.spi.privacy;

import java.math.BigInteger;

/**
 * The discrete Gaussian on the integers with parameter σ² > 0: P(x) ∝ exp(−x²/(2σ²)) (Canonne, Kamath, Steinke
 * 2020). Sampled exactly by their Algorithm 3: a discrete Laplace proposal of scale t = ⌊σ⌋ + 1 accepted with
 * probability exp(−(|Y| − σ²/t)²/(2σ²)), all in integer arithmetic. Added to an integer query of ℓ2 sensitivity
 * Δ it gives ρ-zCDP with ρ = Δ²/(2σ²) (their Theorem 14).
 */
public final class DiscreteGaussian {
    /** Terms of the pmf beyond this many σ are below e^(−800) and vanish in double precision. */
    private static final double NEGLIGIBLE_SIGMAS = 40;

    private final Rational sigma2;
    /** σ² as a double, for the double-precision tails (converting the rational for every term was most of their time). */
    private final double sigma2Double;
    private final DiscreteLaplace proposal;
    private final BigInteger t;
    /** 2·n·d·t², the denominator of the acceptance exponent when σ² = n/d. */
    private final BigInteger acceptanceDenominator;
    private double normalizer = Double.NaN;

    public DiscreteGaussian(Rational sigma2) {
        if (sigma2.signum() <= 0) {
            throw new IllegalArgumentException("the discrete Gaussian's sigma^2 must be positive: " + sigma2);
        }
        this.sigma2 = sigma2;
        this.sigma2Double = sigma2.doubleValue();
        // An integer k ≤ σ exactly when k² ≤ ⌊σ²⌋, so ⌊σ⌋ is the integer square root of ⌊σ²⌋: no rounding.
        this.t = sigma2.floor().sqrt().add(BigInteger.ONE);
        this.proposal = new DiscreteLaplace(Rational.of(t, BigInteger.ONE));
        this.acceptanceDenominator = BigInteger.TWO.multiply(sigma2.numerator()).multiply(sigma2.denominator())
                .multiply(t).multiply(t);
    }

    public Rational sigma2() {
        return sigma2;
    }

    /** One draw. */
    public long sample(RandomBits bits) {
        BigInteger n = sigma2.numerator();
        BigInteger dt = sigma2.denominator().multiply(t);
        while (true) {
            BigInteger y = proposal.sample(bits);
            // γ = (|Y| − σ²/t)² / (2σ²) = (|Y|·d·t − n)² / (2·n·d·t²)
            BigInteger gap = y.abs().multiply(dt).subtract(n);
            if (Bernoulli.exponential(gap.multiply(gap), acceptanceDenominator, bits)) {
                return y.longValueExact();
            }
        }
    }

    /** ρ = Δ²/(2σ²) for a query of ℓ2 sensitivity Δ. */
    public Rational rho(Rational sensitivity) {
        return sensitivity.multiply(sensitivity).divide(Rational.of(2).multiply(sigma2));
    }

    /** The σ² that gives ρ for a query of ℓ2 sensitivity Δ: Δ²/(2ρ). */
    public static Rational sigma2For(Rational sensitivity, Rational rho) {
        if (rho.signum() <= 0) {
            throw new IllegalArgumentException("rho must be positive: " + rho);
        }
        return sensitivity.multiply(sensitivity).divide(Rational.of(2).multiply(rho));
    }

    /** The probability of x (in double precision: for tests, error bars and thresholds, never for sampling). */
    public double pmf(long x) {
        return weight(x) / normalizer();
    }

    /** P(X ≥ m). Summed from the far side of the tail inwards, so tiny tails keep their precision. */
    public double tail(long m) {
        if (m <= 0) {
            return 1 - tail(1 - m); // P(X ≥ m) = 1 − P(X ≤ m − 1) = 1 − P(X ≥ 1 − m) by symmetry
        }
        long last = m + reach();
        double sum = 0;
        for (long x = last; x >= m; x--) {
            sum += weight(x);
        }
        return sum / normalizer();
    }

    /** The exact variance E[X²] (the mean is zero), which is below σ². */
    public double variance() {
        double sum = 0;
        for (long x = reach(); x >= 1; x--) {
            sum += 2 * (double) x * x * weight(x);
        }
        return sum / normalizer();
    }

    private double weight(long x) {
        return Math.exp(-((double) x * x) / (2 * sigma2Double));
    }

    private long reach() {
        return (long) Math.ceil(NEGLIGIBLE_SIGMAS * Math.sqrt(sigma2Double)) + 1;
    }

    private double normalizer() {
        if (Double.isNaN(normalizer)) {
            double sum = 0;
            for (long x = reach(); x >= 1; x--) {
                sum += 2 * weight(x);
            }
            normalizer = sum + 1;
        }
        return normalizer;
    }
}
