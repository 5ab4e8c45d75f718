package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.random.Rng;

/**
 * Correlated normals from the full latent correlation matrix (see {@link Correlation}): each row draws one
 * independent normal per dimension and multiplies them by the matrix's Cholesky factor.
 */
final class CholeskyNormals extends CorrelatedNormals {
    /** The saved model's key for the matrix. */
    static final String KEY = "correlation";

    private final double[][] correlation;
    private final double[][] cholesky;

    CholeskyNormals(double[][] correlation) {
        this.correlation = correlation;
        this.cholesky = Correlation.cholesky(correlation);
    }

    static CholeskyNormals fit(double[][] scores, Progress progress, long units) {
        progress.status("correlation of " + scores.length + " dimensions");
        double[][] latent = Correlation.latent(scores);
        progress.advance(units / 2);
        progress.status("repairing the " + scores.length + " x " + scores.length + " correlation");
        CholeskyNormals normals = new CholeskyNormals(Correlation.repair(latent));
        progress.advance(units - units / 2);
        return normals;
    }

    @Override
    int dimensions() {
        return correlation.length;
    }

    @Override
    void draw(Rng rng, double[][] z, int rows) {
        int d = correlation.length;
        double[] e = new double[d];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < d; k++) {
                e[k] = rng.nextGaussian();
            }
            for (int a = 0; a < d; a++) {
                double[] la = cholesky[a];
                double s = 0;
                for (int k = 0; k <= a; k++) {
                    s += la[k] * e[k];
                }
                z[a][i] = s;
            }
        }
    }

    @Override
    double[][] correlation() {
        double[][] c = new double[correlation.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = correlation[i].clone();
        }
        return c;
    }

    @Override
    int payloadVersion() {
        return 1;
    }

    @Override
    void toJson(ObjectNode root) {
        root.putPOJO(KEY, correlation);
    }

    static CholeskyNormals fromJson(JsonNode root) {
        JsonNode corr = root.get(KEY);
        double[][] c = new double[corr.size()][];
        for (int i = 0; i < c.length; i++) {
            c[i] = ColumnModels.doubles(corr.get(i));
        }
        return new CholeskyNormals(c);
    }
}
