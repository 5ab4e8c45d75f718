package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.random.Rng;

/**
 * One run of coordinate ascent for {@link ModeMixture}'s variational Bayesian Gaussian mixture, on distinct values
 * with their counts, from given starting responsibilities. Holds the variational posteriors it converged to:
 * per mode the count it took, the mean's posterior ({@code m}, {@code beta}), the precision's (Gamma with
 * {@code nu}, {@code w}), the expected stick-breaking weights and the final responsibilities.
 */
final class VariationalFit {
    private static final double CONCENTRATION = 0.001;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-5;

    final int k;
    final double[] counts;
    final double[] means;
    final double[] precisionShape;
    final double[] precisionScale;
    final double[] weights;
    /** Row-major n × k responsibilities. */
    final double[] responsibilities;

    private VariationalFit(int k, double[] counts, double[] means, double[] nu, double[] w, double[] weights,
            double[] responsibilities) {
        this.k = k;
        this.counts = counts;
        this.means = means;
        this.precisionShape = nu;
        this.precisionScale = w;
        this.weights = weights;
        this.responsibilities = responsibilities;
    }

    /** The posterior mean of mode j's standard deviation, 1 / sqrt(nu · W). */
    double std(int j) {
        return Math.sqrt(1 / (precisionShape[j] * precisionScale[j]));
    }

    /**
     * Responsibilities that start every mode near the whole data: random soft ones from a fixed seed. The
     * stick-breaking prior lets the later modes fade unless the data needs them.
     */
    static double[] randomStart(int n, int k) {
        Rng rng = new Rng(0x6d6d);
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
        return r;
    }

    /**
     * Responsibilities that start one-hot from a k-means clustering of the sorted distinct values (weighted by
     * their counts), its centres first placed at the quantiles (j + ½) / k; as scikit-learn's default start.
     */
    static double[] clusterStart(double[] sorted, double[] count, int k) {
        int n = sorted.length;
        double total = 0;
        for (double c : count) {
            total += c;
        }
        double[] centre = new double[k];
        double seen = 0;
        for (int i = 0, j = 0; i < n && j < k; i++) {
            seen += count[i];
            while (j < k && seen >= (j + 0.5) / k * total) {
                centre[j++] = sorted[i];
            }
        }
        int[] cluster = new int[n];
        for (int iter = 0; iter < 100; iter++) {
            boolean moved = false;
            int j = 0;
            for (int i = 0; i < n; i++) { // values and centres are both ascending: one sweep assigns all
                while (j + 1 < k && Math.abs(sorted[i] - centre[j + 1]) <= Math.abs(sorted[i] - centre[j])) {
                    j++;
                }
                moved |= cluster[i] != j;
                cluster[i] = j;
            }
            if (!moved && iter > 0) {
                break;
            }
            double[] sum = new double[k];
            double[] weight = new double[k];
            for (int i = 0; i < n; i++) {
                sum[cluster[i]] += count[i] * sorted[i];
                weight[cluster[i]] += count[i];
            }
            for (int c = 0; c < k; c++) {
                if (weight[c] > 0) {
                    centre[c] = sum[c] / weight[c];
                }
            }
        }
        double[] r = new double[n * k];
        for (int i = 0; i < n; i++) {
            r[i * k + cluster[i]] = 1;
        }
        return r;
    }

    /**
     * Runs coordinate ascent from the responsibilities {@code r} (changed in place) with the priors of
     * scikit-learn's BayesianGaussianMixture in one dimension: mean prior at the data's mean with one
     * pseudo-observation, precision prior with one degree of freedom and scale the data's variance.
     */
    static VariationalFit run(double[] x, double[] count, int k, double[] r, double mean, double var) {
        int n = x.length;
        double m0 = mean;
        double beta0 = 1;
        double nu0 = 1;
        double w0inv = var;
        double[] a = new double[k];
        double[] b = new double[k];
        double[] nks = new double[k];
        double[] beta = new double[k];
        double[] m = new double[k];
        double[] w = new double[k];
        double[] nu = new double[k];
        double[] previous = new double[k];
        double[] logRho = new double[k];
        double[] sx = new double[k];
        double[] xbar = new double[k];
        double[] ss = new double[k];
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            // M step: the variational posteriors from the responsibilities (each sum over the values in order, the
            // modes side by side, so the responsibilities are read row by row)
            java.util.Arrays.fill(nks, 0);
            java.util.Arrays.fill(sx, 0);
            java.util.Arrays.fill(ss, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    double ri = count[i] * r[i * k + j];
                    nks[j] += ri;
                    sx[j] += ri * x[i];
                }
            }
            for (int j = 0; j < k; j++) {
                xbar[j] = nks[j] > 1e-10 ? sx[j] / nks[j] : m0;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    double d = x[i] - xbar[j];
                    ss[j] += count[i] * r[i * k + j] * d * d;
                }
            }
            for (int j = 0; j < k; j++) {
                double nk = nks[j];
                double s = ss[j];
                beta[j] = beta0 + nk;
                m[j] = (beta0 * m0 + nk * xbar[j]) / beta[j];
                double winv = w0inv + s + beta0 * nk / (beta0 + nk) * (xbar[j] - m0) * (xbar[j] - m0);
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
            // log rho = E[log pi] + E[log lambda] / 2 - (1 / beta + nu W d^2) / 2 = base - half · d^2
            double[] base = new double[k];
            double[] half = new double[k];
            double restLog = 0;
            for (int j = 0; j < k; j++) {
                double dab = digamma(a[j] + b[j]);
                double elogPi = digamma(a[j]) - dab + restLog;
                restLog += digamma(b[j]) - dab;
                double elogLambda = digamma(nu[j] / 2) + Math.log(2) + Math.log(w[j]);
                base[j] = elogPi + 0.5 * elogLambda - 0.5 / beta[j];
                half[j] = 0.5 * nu[j] * w[j];
            }
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = x[i] - m[j];
                    logRho[j] = base[j] - half[j] * d * d;
                    max = Math.max(max, logRho[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double e = logRho[j] - max;
                    logRho[j] = e < -40 ? 0 : Math.exp(e); // below e^-40 a share is nothing next to the largest, 1
                    sum += logRho[j];
                }
                for (int j = 0; j < k; j++) {
                    r[i * k + j] = logRho[j] / sum;
                }
            }
        }
        return new VariationalFit(k, nks, m, nu, w, stickWeights(a, b), r);
    }

    /**
     * The Bayesian information criterion of the modes that took at least one value's worth of responsibility
     * (weights renormalised, each a Gaussian at its posterior mean and standard deviation): −2 log-likelihood
     * of the values plus (3 × modes − 1) log(count). Lower is better; it weighs a better fit against more
     * modes. Small modes count although the mixture later drops them: without them their values (adult's
     * 99,999 capital gains) would look impossible and favour one wide mode over a fit that has them.
     */
    double bic(double[] x, double[] count) {
        double kept = 0;
        int modes = 0;
        for (int j = 0; j < k; j++) {
            if (counts[j] >= 1) {
                kept += weights[j];
                modes++;
            }
        }
        double[] logTerm = new double[k];
        double logLikelihood = 0;
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (counts[j] < 1) {
                    logTerm[j] = Double.NEGATIVE_INFINITY;
                    continue;
                }
                double s = std(j);
                double z = (x[i] - means[j]) / s;
                logTerm[j] = Math.log(weights[j] / kept) - Math.log(s) - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
                max = Math.max(max, logTerm[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logTerm[j] - max);
            }
            logLikelihood += count[i] * (max + Math.log(sum));
            total += count[i];
        }
        return -2 * logLikelihood + (3 * modes - 1) * Math.log(total);
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
