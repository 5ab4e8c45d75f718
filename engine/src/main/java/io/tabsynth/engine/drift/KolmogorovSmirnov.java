package io.tabsynth.engine.drift;

import io.tabsynth.spi.stats.TwoSample;
import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test of two snapshots of a numeric column: the statistic D, the largest distance
 * between their empirical distribution functions ({@link TwoSample#ks}), and its p-value under the hypothesis that
 * both come from one continuous distribution, from the asymptotic Kolmogorov distribution
 * Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} at λ = (√n + 0.12 + 0.11/√n) · D, n = n₁n₂/(n₁+n₂) (Stephens' correction for
 * finite samples). Missing values are left out.
 *
 * @param statistic D, in [0, 1]
 * @param pValue    the probability of a D at least this large when nothing changed; 1 when either sample is empty
 */
public record KolmogorovSmirnov(double statistic, double pValue) {
    /** Terms of the series summed at most; they fall off as e^{−2k²λ²}. */
    private static final int MAX_TERMS = 100;
    /** A term smaller than this, relative to the sum so far, ends the series. */
    private static final double RELATIVE_TAIL = 1e-12;

    /** The test of {@code old} against {@code current}. */
    public static KolmogorovSmirnov of(double[] old, double[] current) {
        long n1 = Arrays.stream(old).filter(v -> !Double.isNaN(v)).count();
        long n2 = Arrays.stream(current).filter(v -> !Double.isNaN(v)).count();
        double d = TwoSample.ks(old, current);
        if (n1 == 0 || n2 == 0) {
            return new KolmogorovSmirnov(d, 1);
        }
        double n = n1 * (double) n2 / (n1 + n2);
        double root = Math.sqrt(n);
        return new KolmogorovSmirnov(d, survival((root + 0.12 + 0.11 / root) * d));
    }

    /** Q(λ), the probability that the Kolmogorov distribution exceeds λ. */
    static double survival(double lambda) {
        if (lambda < 1e-3) {
            return 1; // the series converges slowly here, towards 1
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= MAX_TERMS; k++) {
            double term = sign * Math.exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) <= RELATIVE_TAIL * Math.abs(sum)) {
                return Math.min(1, Math.max(0, 2 * sum));
            }
            sign = -sign;
        }
        return 1; // not converged: λ so small that no difference is shown
    }
}
