package io.tabsynth.plugins.copula;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a continuous column's marginal. Each parametric family is fitted by maximum likelihood where that
 * has a closed form and by moments otherwise, and scored by the Kolmogorov-Smirnov distance D to the data.
 * In {@code auto} mode the best family is kept only if D is below the 5 % critical value 1.36/√n, that is
 * when the data are indistinguishable from it; otherwise the empirical quantile function (which keeps
 * spikes, gaps and heavy tails) represents the column.
 */
final class MarginalFit {
    /** A fitted candidate and its KS distance to the data. */
    record Candidate(Marginal marginal, double ks) {
    }

    private static final int KS_POINTS = 1000;

    private MarginalFit() {
    }

    /** Picks the marginal for sorted, non-null, non-constant values. */
    static Candidate choose(double[] sorted, String mode, int knots) {
        return choose(sorted, mode, knots, sorted.length);
    }

    /**
     * Picks the marginal for sorted values standing for {@code n} values (more than there are where they are
     * quantiles of a sketch): the KS test's critical value is that of n values.
     */
    static Candidate choose(double[] sorted, String mode, int knots, long n) {
        Marginal.Empirical empirical = Marginal.Empirical.of(sorted, knots);
        if (mode.equals("empirical")) {
            return new Candidate(empirical, ks(sorted, empirical));
        }
        Candidate best = null;
        for (Marginal m : families(sorted)) {
            double d = ks(sorted, m);
            if (best == null || d < best.ks()) {
                best = new Candidate(m, d);
            }
        }
        double critical = 1.36 / Math.sqrt(n);
        if (best != null && (mode.equals("parametric") || best.ks() <= critical)) {
            return best;
        }
        return new Candidate(empirical, ks(sorted, empirical));
    }

    /** The candidate families fitted to the values; families whose fit is undefined are left out. */
    static List<Marginal> families(double[] x) {
        int n = x.length;
        double min = x[0];
        double max = x[n - 1];
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        double sd = Math.sqrt(var);
        List<Marginal> out = new ArrayList<>();
        if (!(sd > 0) || !Double.isFinite(sd) || !Double.isFinite(max - min)) {
            // no spread, or one so wide (values near ±1e308) that the moments overflow: the empirical marginal
            return out;
        }
        double pad = (max - min) / n;
        add(out, "normal", mean, sd);
        add(out, "truncnorm", mean, sd, min, max);
        add(out, "uniform", min, max);
        double lo = min - pad;
        double hi = max + pad;
        double m = (mean - lo) / (hi - lo);
        double v = var / ((hi - lo) * (hi - lo));
        double common = m * (1 - m) / v - 1;
        if (common > 0) {
            add(out, "beta", m * common, (1 - m) * common, lo, hi);
        }
        double shifted = mean - lo;
        add(out, "gamma", shifted * shifted / var, var / shifted, lo);
        double lm = 0;
        for (double val : x) {
            lm += Math.log(val - lo);
        }
        lm /= n;
        double lv = 0;
        for (double val : x) {
            double d = Math.log(val - lo) - lm;
            lv += d * d;
        }
        double ls = Math.sqrt(lv / n);
        if (ls > 0) {
            add(out, "lognormal", lm, ls, lo);
        }
        out.removeIf(family -> !finiteTails(family));
        return out;
    }

    /** Adds the family unless a parameter overflowed (moments of values near ±1e308). */
    private static void add(List<Marginal> out, String family, double... params) {
        for (double p : params) {
            if (!Double.isFinite(p)) {
                return;
            }
        }
        out.add(Marginal.Parametric.of(family, params));
    }

    /** Whether the family's values stay finite out to the tails that sampling reaches. */
    private static boolean finiteTails(Marginal family) {
        return Double.isFinite(family.quantile(ContinuousColumn.TAIL))
                && Double.isFinite(family.quantile(1 - ContinuousColumn.TAIL));
    }

    /**
     * Kolmogorov-Smirnov distance between the sorted values' ECDF and a marginal, at up to 1000 data points:
     * at each point x, |F(x) - Fₙ(x)| and |F(x⁻) - Fₙ(x⁻)|, so atoms are compared on both sides of their step.
     */
    static double ks(double[] sorted, Marginal m) {
        int n = sorted.length;
        int step = Math.max(1, n / KS_POINTS);
        double d = 0;
        for (int i = 0; i < n; i += step) {
            double x = sorted[i];
            int lo = ColumnModels.lowerBound(sorted, x);
            int hi = ColumnModels.upperBound(sorted, x);
            double at = m.cdf(x);
            double below = m.hasAtoms() ? m.cdfBelow(x) : at;
            d = Math.max(d, Math.max(Math.abs(below - lo / (double) n), Math.abs(at - hi / (double) n)));
        }
        return d;
    }
}
