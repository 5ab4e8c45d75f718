package io.tabsynth.plugins.copula;

/**
 * The copula's correlation matrix: Pearson correlation of the normal scores, repaired to be positive
 * definite (eigenvalues clipped from below, then rescaled to a unit diagonal), and its Cholesky factor.
 */
final class Correlation {
    /** Smallest eigenvalue kept by the repair. */
    static final double MIN_EIGENVALUE = 1e-6;

    private Correlation() {
    }

    /**
     * The latent correlation of normal scores: pairwise-complete Pearson correlation (rows where either score
     * is NaN are left out of that pair), divided by both columns' root-mean-square score. For continuous
     * columns the RMS is 1; for discrete ones, scored by conditional means, dividing by it undoes the
     * attenuation that discretising a normal causes (exact for a discrete-continuous pair).
     */
    static double[][] latent(double[][] scores) {
        int d = scores.length;
        double[][] r = new double[d][d];
        double[] rms = new double[d];
        double[][] centred = new double[d][];
        double[] norm = new double[d];
        for (int a = 0; a < d; a++) {
            double ss = 0;
            double sum = 0;
            int n = 0;
            for (double v : scores[a]) {
                if (!Double.isNaN(v)) {
                    ss += v * v;
                    sum += v;
                    n++;
                }
            }
            rms[a] = n == 0 ? 0 : Math.sqrt(ss / n);
            if (n == scores[a].length) {
                // No missing scores: centre once, so each pair with another complete column is one dot product.
                double mean = sum / n;
                double[] c = new double[n];
                double cc = 0;
                for (int i = 0; i < n; i++) {
                    c[i] = scores[a][i] - mean;
                    cc += c[i] * c[i];
                }
                centred[a] = c;
                norm[a] = Math.sqrt(cc);
            }
        }
        for (int a = 0; a < d; a++) {
            r[a][a] = 1;
            for (int b = 0; b < a; b++) {
                double v = centred[a] != null && centred[b] != null
                        ? dot(centred[a], centred[b], norm[a] * norm[b]) : pairwise(scores[a], scores[b]);
                v = rms[a] > 0 && rms[b] > 0 ? v / (rms[a] * rms[b]) : 0;
                v = Math.max(-1, Math.min(1, v));
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return r;
    }

    private static double dot(double[] x, double[] y, double norms) {
        if (!(norms > 0)) {
            return 0;
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s / norms;
    }

    private static double pairwise(double[] x, double[] y) {
        double r = io.tabsynth.engine.stats.TwoSample.pearson(x, y);
        return Double.isNaN(r) ? 0 : r;
    }

    /** Pearson correlation of the columns (each of equal length, no NaN). */
    static double[][] pearson(double[][] cols) {
        int d = cols.length;
        double[][] r = new double[d][d];
        if (d == 0) {
            return r;
        }
        int n = cols[0].length;
        double[][] centred = new double[d][];
        double[] norm = new double[d];
        for (int a = 0; a < d; a++) {
            double mean = 0;
            for (double v : cols[a]) {
                mean += v;
            }
            mean /= n;
            double[] c = new double[n];
            double ss = 0;
            for (int i = 0; i < n; i++) {
                c[i] = cols[a][i] - mean;
                ss += c[i] * c[i];
            }
            centred[a] = c;
            norm[a] = Math.sqrt(ss);
        }
        for (int a = 0; a < d; a++) {
            r[a][a] = 1;
            for (int b = 0; b < a; b++) {
                double s = 0;
                double[] x = centred[a];
                double[] y = centred[b];
                for (int i = 0; i < n; i++) {
                    s += x[i] * y[i];
                }
                double v = norm[a] > 0 && norm[b] > 0 ? s / (norm[a] * norm[b]) : 0;
                r[a][b] = v;
                r[b][a] = v;
            }
        }
        return r;
    }

    /** The nearest-by-eigenvalue-clipping positive definite correlation matrix. */
    static double[][] repair(double[][] r) {
        int d = r.length;
        double[][] vectors = new double[d][d];
        double[] values = eigen(r, vectors);
        boolean ok = true;
        for (double v : values) {
            ok &= v >= MIN_EIGENVALUE;
        }
        if (ok) {
            return r;
        }
        double[][] out = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += vectors[a][k] * Math.max(values[k], MIN_EIGENVALUE) * vectors[b][k];
                }
                out[a][b] = s;
            }
        }
        double[] scale = new double[d];
        for (int a = 0; a < d; a++) {
            scale[a] = 1 / Math.sqrt(out[a][a]);
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[a][b] = a == b ? 1 : out[a][b] * scale[a] * scale[b];
            }
        }
        return out;
    }

    /** Lower-triangular L with L·Lᵀ = r; r must be positive definite. */
    static double[][] cholesky(double[][] r) {
        int d = r.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = r[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 0) {
                        throw new IllegalStateException("correlation matrix is not positive definite");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations; eigenvectors into the columns of {@code v}. */
    static double[] eigen(double[][] m, double[][] v) {
        int d = m.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = m[i].clone();
            java.util.Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
