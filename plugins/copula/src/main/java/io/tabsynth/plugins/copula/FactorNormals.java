package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Correlated normals for wide tables, with at least as many copula dimensions d as rows n. Their sample
 * correlation C = UᵀU (U: the n × d centred, unit-length normal scores, a missing score at its column's mean)
 * has rank below n, so it is never formed: its nonzero eigenpairs come from the small n × n matrix UUᵀ, and
 * the same repair as {@link Correlation#repair} (eigenvalues clipped from below at
 * {@link Correlation#MIN_EIGENVALUE}, then a unit diagonal) gives the factor model
 * <pre>  z = L·g + √ψ ∘ e,   corr(z) = L·Lᵀ + diag(ψ),</pre>
 * with k = rank loadings per dimension, g and e independent standard normals. Fitting costs n²·d rather than
 * d³, and drawing a row d·k rather than d²/2. Unlike the full matrix, the scores are not divided by their
 * root-mean-square (the discretisation correction of {@link Correlation#latent}): a singular sample
 * correlation leaves no room to enlarge it, and the repair's rescaling would undo it.
 */
final class FactorNormals extends CorrelatedNormals {
    /** The saved model's key for the factor model. */
    static final String KEY = "correlationFactor";

    private final double[][] loadings;
    private final double[] uniqueness;
    private final double[] uniqueSd;

    FactorNormals(double[][] loadings, double[] uniqueness) {
        this.loadings = loadings;
        this.uniqueness = uniqueness;
        this.uniqueSd = new double[uniqueness.length];
        for (int a = 0; a < uniqueness.length; a++) {
            uniqueSd[a] = Math.sqrt(uniqueness[a]);
        }
    }

    static FactorNormals fit(double[][] scores, Progress progress, long units) {
        int d = scores.length;
        int n = scores[0].length;
        progress.status("correlation of " + d + " dimensions through the " + n + " x " + n + " row matrix");
        DMatrixRMaj u = standardised(scores);
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        CommonOps_MT_DDRM.multTransB(u, u, gram);
        progress.advance(units / 3);
        double[][] vectors = new double[n][n];
        double[] values = n == 0 ? new double[0] : Correlation.eigen(gram2d(gram), vectors);
        int k = 0;
        while (k < n && values[k] > Correlation.MIN_EIGENVALUE) {
            k++;
        }
        progress.advance(units / 3);
        // The unit eigenvectors of C are Uᵀp/√λ; each keeps λ - MIN of its variance, MIN goes to every dimension.
        DMatrixRMaj p = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                p.set(i, j, vectors[i][j] * Math.sqrt((values[j] - Correlation.MIN_EIGENVALUE) / values[j]));
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(d, k);
        CommonOps_MT_DDRM.multTransA(u, p, w);
        double[][] loadings = new double[d][k];
        double[] uniqueness = new double[d];
        for (int a = 0; a < d; a++) {
            double diagonal = Correlation.MIN_EIGENVALUE;
            for (int j = 0; j < k; j++) {
                diagonal += w.get(a, j) * w.get(a, j);
            }
            double scale = 1 / Math.sqrt(diagonal);
            for (int j = 0; j < k; j++) {
                loadings[a][j] = w.get(a, j) * scale;
            }
            uniqueness[a] = Correlation.MIN_EIGENVALUE / diagonal;
        }
        progress.advance(units - 2 * (units / 3));
        return new FactorNormals(loadings, uniqueness);
    }

    /** The n × d matrix of centred scores scaled to unit length; a missing score is its column's mean (0). */
    private static DMatrixRMaj standardised(double[][] scores) {
        int d = scores.length;
        int n = scores[0].length;
        DMatrixRMaj u = new DMatrixRMaj(n, d);
        for (int a = 0; a < d; a++) {
            double[] s = scores[a];
            double sum = 0;
            int present = 0;
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    present++;
                }
            }
            double mean = present == 0 ? 0 : sum / present;
            double ss = 0;
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double norm = Math.sqrt(ss);
            for (int i = 0; i < n; i++) {
                u.set(i, a, norm > 0 && !Double.isNaN(s[i]) ? (s[i] - mean) / norm : 0);
            }
        }
        return u;
    }

    private static double[][] gram2d(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                out[i][j] = m.get(i, j);
            }
        }
        return out;
    }

    @Override
    int dimensions() {
        return uniqueness.length;
    }

    @Override
    void draw(Rng rng, double[][] z, int rows) {
        int d = uniqueness.length;
        int k = d == 0 ? 0 : loadings[0].length;
        double[] g = new double[k];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                g[j] = rng.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double[] la = loadings[a];
                double s = uniqueSd[a] * rng.nextGaussian();
                for (int j = 0; j < k; j++) {
                    s += la[j] * g[j];
                }
                z[a][i] = s;
            }
        }
    }

    @Override
    double[][] correlation() {
        int d = uniqueness.length;
        double[][] c = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double s = a == b ? uniqueness[a] : 0;
                for (int j = 0; j < loadings[a].length; j++) {
                    s += loadings[a][j] * loadings[b][j];
                }
                c[a][b] = s;
                c[b][a] = s;
            }
        }
        return c;
    }

    /** How many factors (loadings per dimension). */
    int factors() {
        return uniqueness.length == 0 ? 0 : loadings[0].length;
    }

    @Override
    int payloadVersion() {
        return 2;
    }

    @Override
    void toJson(ObjectNode root) {
        ObjectNode o = root.putObject(KEY);
        o.putPOJO("loadings", loadings);
        o.putPOJO("uniqueness", uniqueness);
    }

    static FactorNormals fromJson(JsonNode o) {
        JsonNode l = o.get("loadings");
        double[][] loadings = new double[l.size()][];
        for (int a = 0; a < loadings.length; a++) {
            loadings[a] = ColumnModels.doubles(l.get(a));
        }
        return new FactorNormals(loadings, ColumnModels.doubles(o.get("uniqueness")));
    }
}
