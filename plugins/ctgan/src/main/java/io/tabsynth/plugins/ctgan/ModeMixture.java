package io.tabsynth.plugins.ctgan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A one-dimensional variational Bayesian Gaussian mixture (Bishop, PRML §10.2) with a truncated
 * Dirichlet-process (stick-breaking) prior on the weights (Blei and Jordan 2006) and a Gaussian-Gamma prior on
 * each mode's mean and precision, fitted by coordinate ascent on the variational bound. With a small
 * concentration (0.001) modes the data does not need lose their weight; modes under {@link #MIN_WEIGHT} are
 * dropped, as CTGAN's mode-specific normalisation does. Deterministic: responsibilities start random from a fixed seed.
 *
 * <p>A mode that is almost all one value ({@link #POINT_SHARE} of its data) becomes a <em>point mode</em>: that
 * value exactly, with standard deviation 0. Columns such as adult's {@code capital-gain} (92 % zeros) otherwise
 * get a zero mode whose spread is the prior's (the column's variance over the mode's count: 47 for
 * {@code capital-gain}), and the generator turns zeros into small gains (half of all rows did before this rule).
 *
 * @param means   the kept modes' means
 * @param stds    their standard deviations
 * @param weights their weights, summing to 1
 */
public record ModeMixture(double[] means, double[] stds, double[] weights) {
    /** Modes below this weight are dropped. */
    public static final double MIN_WEIGHT = 0.005;
    /** A mode with at least this share of its weight on one value is that value exactly. */
    public static final double POINT_SHARE = 0.9;
    private static final double CONCENTRATION = 0.001;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-5;

    /** How many modes. */
    public int size() {
        return means.length;
    }

    /**
     * Fits at most {@code maxModes} modes to the values (NaN skipped). The fit works on the values divided by
     * the largest magnitude among them, so that sums and squares stay finite for values up to ±{@link Double#MAX_VALUE}.
     */
    public static ModeMixture fit(double[] data, int maxModes) {
        double scale = 0;
        for (double v : data) {
            if (Math.abs(v) > scale) {
                scale = Math.abs(v);
            }
        }
        if (!(scale > 1e100)) {
            return fitScaled(data, maxModes);
        }
        double[] scaled = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            scaled[i] = data[i] / scale;
        }
        ModeMixture m = fitScaled(scaled, maxModes);
        double[] means = m.means.clone();
        double[] stds = m.stds.clone();
        for (int j = 0; j < means.length; j++) {
            means[j] *= scale;
            stds[j] *= scale;
        }
        return new ModeMixture(means, stds, m.weights);
    }

    private static ModeMixture fitScaled(double[] data, int maxModes) {
        double[] x = Arrays.stream(data).filter(v -> !Double.isNaN(v)).toArray();
        int n = x.length;
        if (n == 0) {
            return new ModeMixture(new double[] {0}, new double[] {1}, new double[] {1});
        }
        double mean = Arrays.stream(x).average().orElse(0);
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / n;
        if (!(var > 0)) {
            return new ModeMixture(new double[] {mean}, new double[] {0}, new double[] {1}); // one point mode
        }
        int k = Math.max(1, Math.min(maxModes, n));
        // The fit depends on a value only through how often it occurs: work on distinct values with counts.
        double[] sortedAll = x.clone();
        Arrays.sort(sortedAll);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sortedAll[i] != sortedAll[i - 1]) {
                distinct++;
            }
        }
        double[] values = new double[distinct];
        double[] count = new double[distinct];
        for (int i = 0, u = -1; i < n; i++) {
            if (i == 0 || sortedAll[i] != sortedAll[i - 1]) {
                values[++u] = sortedAll[i];
            }
            count[u]++;
        }
        x = values;
        n = distinct;
        // priors (as scikit-learn's BayesianGaussianMixture in one dimension)
        double m0 = mean;
        double beta0 = 1;
        double nu0 = 1;
        double w0inv = var;
        // random soft responsibilities (fixed seed): every mode starts near the whole data, and the
        // stick-breaking prior lets the later ones fade unless the data needs them
        io.tabsynth.engine.random.Rng rng = new io.tabsynth.engine.random.Rng(0x6d6d);
        double[] r = new double[n * k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                r[i * k + j] = rng.nextDouble();
                sum += r[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                r[i * k + j] /= sum;
            }
        }
        double[] a = new double[k];
        double[] b = new double[k];
        double[] nks = new double[k];
        double[] beta = new double[k];
        double[] m = new double[k];
        double[] w = new double[k];
        double[] nu = new double[k];
        double[] previous = new double[k];
        double[] logRho = new double[k];
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            // M step: the variational posteriors from the responsibilities
            for (int j = 0; j < k; j++) {
                double nk = 0;
                double sx = 0;
                for (int i = 0; i < n; i++) {
                    double ri = count[i] * r[i * k + j];
                    nk += ri;
                    sx += ri * x[i];
                }
                double xbar = nk > 1e-10 ? sx / nk : m0;
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i] - xbar;
                    s += count[i] * r[i * k + j] * d * d;
                }
                nks[j] = nk;
                beta[j] = beta0 + nk;
                m[j] = (beta0 * m0 + nk * xbar) / beta[j];
                double winv = w0inv + s + beta0 * nk / (beta0 + nk) * (xbar - m0) * (xbar - m0);
                w[j] = 1 / winv;
                nu[j] = nu0 + nk;
            }
            double tail = 0;
            for (int j = k - 1; j >= 0; j--) {
                a[j] = 1 + nks[j];
                b[j] = CONCENTRATION + tail;
                tail += nks[j];
            }
            double[] weights = stickWeights(a, b);
            double change = 0;
            for (int j = 0; j < k; j++) {
                change = Math.max(change, Math.abs(weights[j] - previous[j]));
                previous[j] = weights[j];
            }
            if (iter > 0 && change < TOLERANCE) {
                break;
            }
            // E step: responsibilities from the expected log weights and log precisions
            double[] elogPi = new double[k];
            double[] elogLambda = new double[k];
            double restLog = 0;
            for (int j = 0; j < k; j++) {
                double dab = digamma(a[j] + b[j]);
                elogPi[j] = digamma(a[j]) - dab + restLog;
                restLog += digamma(b[j]) - dab;
                elogLambda[j] = digamma(nu[j] / 2) + Math.log(2) + Math.log(w[j]);
            }
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = x[i] - m[j];
                    logRho[j] = elogPi[j] + 0.5 * elogLambda[j] - 0.5 * (1 / beta[j] + nu[j] * w[j] * d * d);
                    max = Math.max(max, logRho[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    logRho[j] = Math.exp(logRho[j] - max);
                    sum += logRho[j];
                }
                for (int j = 0; j < k; j++) {
                    r[i * k + j] = logRho[j] / sum;
                }
            }
        }
        double[] finalWeights = stickWeights(a, b);
        List<double[]> kept = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double weight = finalWeights[j];
            if (weight < MIN_WEIGHT) {
                continue;
            }
            int top = 0;
            for (int i = 1; i < n; i++) {
                if (count[i] * r[i * k + j] > count[top] * r[top * k + j]) {
                    top = i;
                }
            }
            if (count[top] * r[top * k + j] >= POINT_SHARE * nks[j]) {
                kept.add(new double[] {x[top], 0, weight});
            } else {
                // the posterior mean of the precision is nu * W
                kept.add(new double[] {m[j], Math.max(1e-6, Math.sqrt(1 / (nu[j] * w[j]))), weight});
            }
        }
        kept.sort((p, q) -> Double.compare(p[0], q[0]));
        // Two modes that converged to the same Gaussian (means and spreads within a quarter of a standard
        // deviation), or to the same point, describe one mode: merge them, which leaves the density as it was.
        for (int j = 1; j < kept.size(); j++) {
            double[] p = kept.get(j - 1);
            double[] q = kept.get(j);
            double s0 = Math.min(p[1], q[1]);
            boolean samePoint = p[1] == 0 && q[1] == 0 && p[0] == q[0];
            if (samePoint || Math.abs(p[0] - q[0]) < 0.25 * s0 && Math.abs(p[1] - q[1]) < 0.25 * s0) {
                double both = p[2] + q[2];
                kept.set(j - 1, new double[] {(p[0] * p[2] + q[0] * q[2]) / both, (p[1] * p[2] + q[1] * q[2]) / both, both});
                kept.remove(j);
                j--;
            }
        }
        double total = kept.stream().mapToDouble(v -> v[2]).sum();
        return new ModeMixture(kept.stream().mapToDouble(v -> v[0]).toArray(),
                kept.stream().mapToDouble(v -> v[1]).toArray(),
                kept.stream().mapToDouble(v -> v[2] / total).toArray());
    }

    /** Expected weights under the stick-breaking posterior: E[v_k] · Π_{j<k} (1 − E[v_j]). */
    private static double[] stickWeights(double[] a, double[] b) {
        double[] w = new double[a.length];
        double rest = 1;
        for (int j = 0; j < a.length; j++) {
            double v = a[j] / (a[j] + b[j]);
            w[j] = v * rest;
            rest *= 1 - v;
        }
        return w;
    }

    /**
     * The probability of each mode given the value (posterior responsibilities). A value that a point mode
     * holds belongs to it; other values share the Gaussian modes, or go to the nearest mode if there is none.
     */
    public double[] responsibilities(double v) {
        double[] p = new double[size()];
        boolean anyGaussian = false;
        for (int j = 0; j < p.length; j++) {
            if (stds[j] == 0 && means[j] == v) {
                p[j] = 1;
                return p;
            }
            anyGaussian |= stds[j] > 0;
        }
        if (!anyGaussian) {
            p[nearest(v)] = 1;
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < p.length; j++) {
            if (stds[j] == 0) {
                p[j] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double d = v - means[j];
            double z = Double.isFinite(d) ? d / stds[j] : (v / 2 - means[j] / 2) / (stds[j] / 2);
            p[j] = Math.log(weights[j]) - Math.log(stds[j]) - 0.5 * z * z;
            max = Math.max(max, p[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) { // far beyond every mode: the nearest one
            Arrays.fill(p, 0);
            p[nearest(v)] = 1;
            return p;
        }
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(p[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /** The mode whose mean is nearest the value (distances halved, so that none overflows). */
    private int nearest(double v) {
        int nearest = 0;
        for (int j = 1; j < means.length; j++) {
            if (Math.abs(v / 2 - means[j] / 2) < Math.abs(v / 2 - means[nearest] / 2)) {
                nearest = j;
            }
        }
        return nearest;
    }

    /** Where a value sits in a mode: (v − mean) / 4 std, kept within ±0.99; 0 in a point mode. */
    public double scalar(int mode, double v) {
        if (stds[mode] == 0) {
            return 0;
        }
        double d = v - means[mode];
        double w = 4 * stds[mode];
        // near ±Double.MAX_VALUE the difference or the width overflows: take quarters first
        double z = Double.isFinite(d) && Double.isFinite(w) ? d / w : (v / 4 - means[mode] / 4) / stds[mode];
        return Math.max(-0.99, Math.min(0.99, z));
    }

    /** The value a scalar (clamped to ±1) stands for in a mode; a point mode's value exactly. */
    public double value(int mode, double scalar) {
        double s = Math.max(-1, Math.min(1, scalar));
        double v = means[mode] + 4 * stds[mode] * s;
        return Double.isFinite(v) ? v : means[mode] + stds[mode] * (4 * s);
    }

    /** The digamma function: recurrence up to 6, then the asymptotic series. */
    static double digamma(double x) {
        double result = 0;
        while (x < 6) {
            result -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return result + Math.log(x) - 0.5 / x
                - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }
}
