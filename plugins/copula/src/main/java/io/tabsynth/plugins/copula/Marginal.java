package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * The distribution of a continuous column's non-null values: a parametric family (shifted where the family
 * needs a positive support) or the empirical quantile function through evenly spaced knots.
 */
abstract class Marginal {
    /** The value at probability {@code u} in (0, 1). */
    abstract double quantile(double u);

    /** P(X ≤ x). */
    abstract double cdf(double x);

    /** P(X &lt; x); equal to {@link #cdf} for continuous families, lower at an atom of the empirical marginal. */
    double cdfBelow(double x) {
        return cdf(x);
    }

    /** Whether P(X &lt; x) can differ from P(X ≤ x), so that both must be computed. */
    boolean hasAtoms() {
        return false;
    }

    /** The values at each of the ascending probabilities {@code u}. */
    double[] quantiles(double[] u) {
        double[] x = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            x[k] = quantile(u[k]);
        }
        return x;
    }

    abstract String describe();

    abstract ObjectNode toJson();

    static Marginal fromJson(JsonNode o) {
        String family = o.path("family").asText();
        if (family.equals("empirical")) {
            return new Empirical(ColumnModels.doubles(o.get("knots")));
        }
        return Parametric.of(family, ColumnModels.doubles(o.get("params")));
    }

    /** Piecewise-linear quantile function through knots at probabilities 0, 1/(K-1), ..., 1. */
    static final class Empirical extends Marginal {
        private final double[] knots;

        Empirical(double[] knots) {
            this.knots = knots;
        }

        /** Knots from sorted values: linear interpolation between order statistics. */
        static Empirical of(double[] sorted, int k) {
            int n = sorted.length;
            int count = Math.max(2, Math.min(k, n));
            double[] knots = new double[count];
            for (int j = 0; j < count; j++) {
                double pos = knotPosition(j, n, count);
                int i = (int) pos;
                double f = pos - i;
                knots[j] = i + 1 < n ? Interpolation.between(sorted[i], sorted[i + 1], f) : sorted[n - 1];
            }
            return new Empirical(knots);
        }

        /**
         * Where knot {@code j} of {@code count} falls among {@code n} order statistics: j·(n-1)/(count-1), in
         * floating point, since the product of a knot and a row count passes int's range from about 2,150,000
         * rows at the default 1,000 knots.
         */
        static double knotPosition(int j, int n, int count) {
            return (double) j * (n - 1) / (count - 1);
        }

        @Override
        double quantile(double u) {
            double pos = u * (knots.length - 1);
            int i = (int) Math.max(0, Math.min(knots.length - 2, Math.floor(pos)));
            double f = Math.max(0, Math.min(1, pos - i));
            return Interpolation.between(knots[i], knots[i + 1], f);
        }

        @Override
        double cdf(double x) {
            int k = knots.length;
            if (x < knots[0]) {
                return 0;
            }
            if (x >= knots[k - 1]) {
                return 1;
            }
            int lo = 0;
            int hi = k - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (knots[mid] <= x) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double f = knots[hi] > knots[lo] ? Interpolation.fraction(x, knots[lo], knots[hi]) : 1;
            return (lo + f) / (k - 1);
        }

        @Override
        boolean hasAtoms() {
            return true;
        }

        @Override
        double cdfBelow(double x) {
            int k = ColumnModels.lowerBound(knots, x);
            if (k == 0) {
                return 0;
            }
            if (k == knots.length) {
                return 1;
            }
            return (k - 1 + Interpolation.fraction(x, knots[k - 1], knots[k])) / (knots.length - 1);
        }

        @Override
        String describe() {
            return "empirical(" + knots.length + " knots)";
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("family", "empirical");
            o.putPOJO("knots", knots);
            return o;
        }
    }

    /** A named parametric family with its parameters; a shift moves families with positive support. */
    static final class Parametric extends Marginal {
        /** Every this many grid probabilities, the quantile comes from the family's own inversion. */
        private static final int ANCHOR_STRIDE = 32;
        /** Most regula falsi steps between anchors, and the relative width at which it stops. */
        private static final int SOLVER_STEPS = 60;
        private static final double SOLVER_TOLERANCE = 1e-13;
        private final String family;
        private final double[] params;
        private final ContinuousDistribution dist;
        private final double shift;
        private final double scale;

        private Parametric(String family, double[] params, ContinuousDistribution dist, double shift, double scale) {
            this.family = family;
            this.params = params;
            this.dist = dist;
            this.shift = shift;
            this.scale = scale;
        }

        /**
         * Builds a family from its parameters: normal(μ, σ), truncnorm(μ, σ, lo, hi), uniform(lo, hi),
         * beta(α, β, lo, hi), gamma(k, θ, shift), lognormal(μ, σ, shift).
         */
        static Parametric of(String family, double[] p) {
            switch (family) {
                case "normal":
                    return new Parametric(family, p, NormalDistribution.of(p[0], p[1]), 0, 1);
                case "truncnorm":
                    return new Parametric(family, p, TruncatedNormalDistribution.of(p[0], p[1], p[2], p[3]), 0, 1);
                case "uniform":
                    return new Parametric(family, p, UniformContinuousDistribution.of(p[0], p[1]), 0, 1);
                case "beta":
                    return new Parametric(family, p, BetaDistribution.of(p[0], p[1]), p[2], p[3] - p[2]);
                case "gamma":
                    return new Parametric(family, p, GammaDistribution.of(p[0], p[1]), p[2], 1);
                case "lognormal":
                    return new Parametric(family, p, LogNormalDistribution.of(p[0], p[1]), p[2], 1);
                default:
                    throw new IllegalArgumentException("unknown marginal family '" + family + "'");
            }
        }

        String family() {
            return family;
        }

        @Override
        double quantile(double u) {
            return shift + scale * dist.inverseCumulativeProbability(u);
        }

        @Override
        double cdf(double x) {
            return dist.cumulativeProbability((x - shift) / scale);
        }

        /**
         * Inverting a family's CDF by a general-purpose solver costs dozens of CDF evaluations (most of a wide
         * table's fit once went into beta and gamma quantiles): here only every {@link #ANCHOR_STRIDE}th
         * probability is inverted so; the values between two anchors are found by regula falsi (Illinois) inside
         * the anchors' bracket, a few CDF evaluations each.
         */
        @Override
        double[] quantiles(double[] u) {
            int n = u.length;
            double[] x = new double[n];
            for (int k = 0; k < n; k += ANCHOR_STRIDE) {
                x[k] = quantile(u[k]);
            }
            x[n - 1] = quantile(u[n - 1]);
            for (int lo = 0; lo < n - 1; lo += ANCHOR_STRIDE) {
                int hi = Math.min(lo + ANCHOR_STRIDE, n - 1);
                for (int k = lo + 1; k < hi; k++) {
                    x[k] = solve(u[k], x[lo], u[lo], x[hi], u[hi]);
                }
            }
            return x;
        }

        /** The x in [a, b] with cdf(x) = p, where cdf(a) = fa ≤ p ≤ fb = cdf(b), by the Illinois method. */
        private double solve(double p, double a, double fa, double b, double fb) {
            if (!(b > a) || !(fb > fa)) {
                return a;
            }
            double ga = fa - p;
            double gb = fb - p;
            int side = 0;
            for (int it = 0; it < SOLVER_STEPS && b - a > SOLVER_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)); it++) {
                double c = b - gb * ((b - a) / (gb - ga));
                if (!(c > a && c < b)) {
                    c = Interpolation.between(a, b, 0.5);
                }
                double gc = cdf(c) - p;
                if (gc == 0) {
                    return c;
                }
                if (gc < 0) {
                    a = c;
                    ga = gc;
                    if (side == -1) {
                        gb /= 2;
                    }
                    side = -1;
                } else {
                    b = c;
                    gb = gc;
                    if (side == 1) {
                        ga /= 2;
                    }
                    side = 1;
                }
            }
            return Math.abs(ga) <= Math.abs(gb) ? a : b;
        }

        @Override
        String describe() {
            StringBuilder sb = new StringBuilder(family).append('(');
            for (int i = 0; i < params.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", params[i]));
            }
            return sb.append(')').toString();
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("family", family);
            o.putPOJO("params", params);
            return o;
        }
    }
}
