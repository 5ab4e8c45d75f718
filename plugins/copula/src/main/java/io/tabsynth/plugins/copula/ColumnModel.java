package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.random.Rng;
import tech.tablesaw.columns.Column;

/** How the copula model represents one column: learned at fit time, sampled per batch, saved as JSON. */
interface ColumnModel {
    /** The column's spec. */
    ColumnSpec spec();

    /** True if the column takes a dimension of the copula (identifiers and free text do not). */
    boolean inCopula();

    /**
     * True if the column has a second copula dimension that decides whether a value is missing, so that
     * missingness can depend on other columns without distorting the values' own dependence. Numeric columns
     * with nulls have one; categories treat null as one more category.
     */
    default boolean nullDimension() {
        return false;
    }

    /**
     * A column of {@code rows} sampled values. {@code z} holds the column's correlated normal scores and
     * {@code nullZ} those of its missingness dimension (each {@code null} where the column has none);
     * {@code firstRow} is the index of the batch's first row in the whole sample.
     */
    Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng);

    /** Builds what sampling needs and fitting does not (lookup tables); called once, columns in parallel. */
    default void prepareSampling() {
    }

    /** A short description for people, e.g. {@code gamma(k=2.1, θ=3.4)} or {@code 16 values}. */
    String describe();

    /** The JSON form; {@link ColumnModels#fromJson} reads it back. */
    ObjectNode toJson();
}
