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
 */
public record EvaluationInput(Frame real, Frame holdout, Frame synthetic, Schema schema, Map<String, String> options) {
    public EvaluationInput {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(synthetic, "synthetic");
        Objects.requireNonNull(schema, "schema");
        options = Map.copyOf(options);
    }
}
