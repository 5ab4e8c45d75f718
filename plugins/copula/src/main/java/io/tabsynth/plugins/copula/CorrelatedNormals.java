package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.random.Rng;

/**
 * How the copula draws correlated standard normal scores for its dimensions: through the Cholesky factor of
 * the full correlation matrix ({@link CholeskyNormals}), or, for tables with at least as many copula
 * dimensions as rows, whose sample correlation is singular, through a factor model ({@link FactorNormals})
 * that never forms the d × d matrix.
 */
abstract class CorrelatedNormals {
    /** How many copula dimensions. */
    abstract int dimensions();

    /** Fills {@code z[a][i]} for every dimension a and row i below {@code rows} with correlated normals. */
    abstract void draw(Rng rng, double[][] z, int rows);

    /** The correlation of the dimensions as a full matrix (a copy). */
    abstract double[][] correlation();

    /** The oldest payload version that can hold this dependence (see {@link CopulaModel#VERSION}). */
    abstract int payloadVersion();

    /** Writes the model's dependence into the saved model's root object. */
    abstract void toJson(ObjectNode root);

    /**
     * Fits the dependence of the copula dimensions' normal scores (one array per dimension, NaN where a value
     * is missing), reporting to {@code progress} the {@code units} of work it was given.
     */
    static CorrelatedNormals fit(double[][] scores, Progress progress, long units) {
        int rows = scores.length == 0 ? 0 : scores[0].length;
        if (scores.length > 0 && scores.length >= rows) {
            return FactorNormals.fit(scores, progress, units);
        }
        return CholeskyNormals.fit(scores, progress, units);
    }

    /** The dependence a saved model holds. */
    static CorrelatedNormals fromJson(JsonNode root) {
        JsonNode factor = root.get(FactorNormals.KEY);
        return factor != null ? FactorNormals.fromJson(factor) : CholeskyNormals.fromJson(root);
    }
}
