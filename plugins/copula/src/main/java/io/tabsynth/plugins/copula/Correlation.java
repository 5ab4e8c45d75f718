package io.tabsynth.plugins.copula;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

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
        // Each row of the triangle on its own (in the caller's fork-join pool): every entry is computed alone,
        // so the matrix does not depend on how many threads share the work.
        java.util.stream.IntStream.range(0, d).parallel().forEach(a -> {
            r[a][a] = 1;
            for (int b = 0; b < a; b++) {
                double v = centred[a] != null && centred[b] != null
                        ? dot(centred[a], centred[b], norm[a] * norm[b]) : pairwise(scores[a], scores[b]);
                v = rms[a] > 0 && rms[b] > 0 ? v / (rms[a] * rms[b]) : 0;
                v = Math.max(-1, Math.min(1, v));
                r[a][b] = v;
                r[b][a] = v;
            }
        });
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
        double r = io.tabsynth.spi.stats.TwoSample.pearson(x, y);
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

    /**
     * The nearest-by-eigenvalue-clipping positive definite correlation matrix: {@code r} itself when every
     * eigenvalue is at least {@link #MIN_EIGENVALUE} (checked by a Cholesky factorisation of r - MIN·I, a
     * fraction of the cost of the eigen-decomposition), otherwise the eigenvalues clipped from below and the
     * result rescaled to a unit diagonal.
     */
    static double[][] repair(double[][] r) {
        int d = r.length;
        if (d == 0) {
            return r;
        }
        DMatrixRMaj shifted = matrix(r);
        for (int a = 0; a < d; a++) {
            shifted.add(a, a, -MIN_EIGENVALUE);
        }
        if (DecompositionFactory_DDRM.chol(d, true).decompose(shifted)) {
            return r;
        }
        double[][] vectors = new double[d][d];
        double[] values = eigen(r, vectors);
        double[][] out = new double[d][d];
        double[][] scaledVectors = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int k = 0; k < d; k++) {
                scaledVectors[a][k] = vectors[a][k] * Math.sqrt(Math.max(values[k], MIN_EIGENVALUE));
            }
        }
        DMatrixRMaj w = matrix(scaledVectors);
        DMatrixRMaj product = new DMatrixRMaj(d, d);
        CommonOps_MT_DDRM.multTransB(w, w, product);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[a][b] = product.get(a, b);
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
        if (d == 0) {
            return new double[0][0];
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(matrix(r))) {
            throw new IllegalStateException("correlation matrix is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                out[i][j] = l.get(i, j);
            }
            if (!(out[i][i] > 0)) {
                throw new IllegalStateException("correlation matrix is not positive definite");
            }
        }
        return out;
    }

    /**
     * Eigenvalues of a symmetric matrix (EJML's symmetric QR algorithm), in decreasing order; the matching
     * unit eigenvectors go into the columns of {@code v}.
     */
    static double[] eigen(double[][] m, double[][] v) {
        int d = m.length;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(matrix(m))) {
            throw new IllegalStateException("the eigen-decomposition of the " + d + " x " + d
                    + " correlation matrix did not converge");
        }
        Integer[] order = new Integer[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[] values = new double[d];
        for (int k = 0; k < d; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            DMatrixRMaj vector = eig.getEigenVector(order[k]);
            for (int a = 0; a < d; a++) {
                v[a][k] = vector.get(a, 0);
            }
        }
        return values;
    }

    /** An EJML matrix holding a copy of {@code m}. */
    static DMatrixRMaj matrix(double[][] m) {
        DMatrixRMaj out = new DMatrixRMaj(m.length, m.length == 0 ? 0 : m[0].length);
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                out.unsafe_set(i, j, m[i][j]);
            }
        }
        return out;
    }
}
