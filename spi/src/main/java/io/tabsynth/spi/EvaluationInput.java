package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluator compares.
 *
 * @param real      the real (training) data
 * @param holdout   real rows not used for training, or {@code null}
 * @param synthetic the synthetic data
 * @param schema    the common schema
 * @param options   named options: {@code target}, {@code protected}, {@code quasi}, {@code sensitive}, ...
 * @param compared  other synthetic data to report beside {@code synthetic} (e.g. the plain sample of a model whose
 *                  remediated sample is evaluated), or {@code null}; evaluators that compare side by side read it
 */
public record EvaluationInput(Frame real, Frame holdout, Frame synthetic, Schema schema, Map<String, String> options,
                              Frame compared) {
    public EvaluationInput {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(synthetic, "synthetic");
        Objects.requireNonNull(schema, "schema");
        options = Map.copyOf(options);
    }

    /** An input with no other synthetic data to compare. */
    public EvaluationInput(Frame real, Frame holdout, Frame synthetic, Schema schema, Map<String, String> options) {
        this(real, holdout, synthetic, schema, options, null);
    }
}
