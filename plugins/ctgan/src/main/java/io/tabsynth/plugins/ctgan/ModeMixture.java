package io.tabsynth.plugins.ctgan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A one-dimensional variational Bayesian Gaussian mixture (Bishop, PRML §10.2) with a truncated
 * Dirichlet-process (stick-breaking) prior on the weights (Blei and Jordan 2006) and a Gaussian-Gamma prior on
 * each mode's mean and precision, fitted by coordinate ascent on the variational bound. With a small
 * concentration (0.001) modes the data does not need lose their weight; modes under {@link #MIN_WEIGHT} are
 * dropped, as CTGAN's mode-specific normalisation does. The fit runs twice ({@link VariationalFit}), from random
 * responsibilities and from a k-means clustering, and keeps the run with the lower BIC; both starts are fixed,
 * so the fit is deterministic.
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
    /** A mode's scalar spans this many of its standard deviations either side of its mean (the paper's 4σ). */
    static final double SPREAD = 4;
    /** Scalars are kept within ±this, inside tanh's range, as the paper's reference implementation does. */
    static final double SCALAR_LIMIT = 0.99;

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
        // Two starts, the better by BIC: from random soft responsibilities the modes grow apart from the whole
        // data, but two equal modes far apart stay merged; from a k-means clustering they start apart, but wide
        // modes tend to split further.
        VariationalFit fromRandom = VariationalFit.run(values, count, k, VariationalFit.randomStart(distinct, k), mean, var);
        VariationalFit fromClusters = VariationalFit.run(values, count, k, VariationalFit.clusterStart(values, count, k),
                mean, var);
        VariationalFit fit = fromClusters.bic(values, count) < fromRandom.bic(values, count)
                ? fromClusters : fromRandom;
        return modes(fit, values, count);
    }

    /**
     * The modes of a fit that weigh at least {@link #MIN_WEIGHT}, sorted by mean: point modes where one value
     * holds {@link #POINT_SHARE} of a mode, and modes that converged to the same Gaussian merged.
     */
    private static ModeMixture modes(VariationalFit fit, double[] x, double[] count) {
        int n = x.length;
        int k = fit.k;
        double[] r = fit.responsibilities;
        List<double[]> kept = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double weight = fit.weights[j];
            if (weight < MIN_WEIGHT) {
                continue;
            }
            int top = 0;
            for (int i = 1; i < n; i++) {
                if (count[i] * r[i * k + j] > count[top] * r[top * k + j]) {
                    top = i;
                }
            }
            if (count[top] * r[top * k + j] >= POINT_SHARE * fit.counts[j]) {
                kept.add(new double[] {x[top], 0, weight});
            } else {
                kept.add(new double[] {fit.means[j], Math.max(1e-6, fit.std(j)), weight});
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

    /** Where a value sits in a mode: (v − mean) / (4 std), kept within ±0.99; 0 in a point mode. */
    public double scalar(int mode, double v) {
        if (stds[mode] == 0) {
            return 0;
        }
        double d = v - means[mode];
        double w = SPREAD * stds[mode];
        // near ±Double.MAX_VALUE the difference or the width overflows: divide by the spread first
        double z = Double.isFinite(d) && Double.isFinite(w) ? d / w
                : (v / SPREAD - means[mode] / SPREAD) / stds[mode];
        return Math.max(-SCALAR_LIMIT, Math.min(SCALAR_LIMIT, z));
    }

    /** The value a scalar (clamped to ±1) stands for in a mode; a point mode's value exactly. */
    public double value(int mode, double scalar) {
        double s = Math.max(-1, Math.min(1, scalar));
        double v = means[mode] + SPREAD * stds[mode] * s;
        return Double.isFinite(v) ? v : means[mode] + stds[mode] * (SPREAD * s);
    }
}
