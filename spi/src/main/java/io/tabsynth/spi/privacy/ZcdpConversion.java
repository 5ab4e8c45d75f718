package io.tabsynth.spi.privacy;

/**
 * From ρ-zCDP to (ε, δ)-DP and back. The conversion is the tight one of Canonne, Kamath, Steinke 2020
 * (Corollary 13): ρ-zCDP implies (ε, δ)-DP for
 * <pre>  δ = inf over α &gt; 1 of  exp((α − 1)(αρ − ε)) / (α − 1) · (1 − 1/α)^α.</pre>
 * The logarithm of the expression is convex in α, with derivative (2α − 1)ρ − ε + ln(1 − 1/α), so the best α is
 * found by bisection on that derivative; ε for a given δ and ρ for a given (ε, δ) by bisection on the monotone
 * δ. The simpler ε = ρ + 2√(ρ ln(1/δ)) (Bun, Steinke 2016, Proposition 1.3) is never smaller, and is offered for
 * comparison. All of this is accounting in double precision; none of it touches the noise.
 */
public final class ZcdpConversion {
    /** Bisection steps: each halves the interval, so 200 reach double precision from any starting width. */
    private static final int BISECTION_STEPS = 200;
    /** The smallest α tried: the expression diverges as α → 1. */
    private static final double ALPHA_FLOOR = 1 + 1e-12;

    private ZcdpConversion() {
    }

    /** The smallest δ such that ρ-zCDP implies (ε, δ)-DP. */
    public static double delta(double rho, double epsilon) {
        requireNonNegative(rho, "rho");
        requireNonNegative(epsilon, "epsilon");
        if (rho == 0) {
            return 0;
        }
        double lo = ALPHA_FLOOR;
        double hi = (epsilon + 1) / (2 * rho) + 2; // the derivative is positive here
        for (int i = 0; i < BISECTION_STEPS && hi - lo > 1e-14 * hi; i++) {
            double alpha = (lo + hi) / 2;
            double derivative = (2 * alpha - 1) * rho - epsilon + Math.log1p(-1 / alpha);
            if (derivative < 0) {
                lo = alpha;
            } else {
                hi = alpha;
            }
        }
        double alpha = (lo + hi) / 2;
        double logDelta = (alpha - 1) * (alpha * rho - epsilon) + alpha * Math.log1p(-1 / alpha)
                - Math.log(alpha - 1);
        return Math.min(1, Math.exp(logDelta));
    }

    /** The smallest ε such that ρ-zCDP implies (ε, δ)-DP, for 0 &lt; δ &lt; 1. */
    public static double epsilon(double rho, double delta) {
        requireNonNegative(rho, "rho");
        requireProbability(delta);
        if (rho == 0) {
            return 0;
        }
        double lo = 0;
        double hi = simpleEpsilon(rho, delta);
        if (delta(rho, lo) <= delta) {
            return 0;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) {
                break;
            }
            if (delta(rho, mid) <= delta) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** ε = ρ + 2√(ρ ln(1/δ)): simpler and looser than {@link #epsilon}. */
    public static double simpleEpsilon(double rho, double delta) {
        requireNonNegative(rho, "rho");
        requireProbability(delta);
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }

    /** The largest ρ whose ρ-zCDP implies (ε, δ)-DP: the budget a target (ε, δ) allows. */
    public static double rho(double epsilon, double delta) {
        requireNonNegative(epsilon, "epsilon");
        requireProbability(delta);
        double lo = 0;
        double hi = epsilon + 1;
        while (delta(hi, epsilon) <= delta) {
            hi *= 2;
        }
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (mid == lo || mid == hi) {
                break;
            }
            if (delta(mid, epsilon) <= delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
        }
    }

    private static void requireProbability(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must lie strictly between 0 and 1: " + delta);
        }
    }
}
