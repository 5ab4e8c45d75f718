package io.tabsynth.engine.run;

import io.tabsynth.spi.constraint.ConstrainedModel;
import java.util.Map;

/**
 * How to sample besides rows and seed: fixed column values (conditional sampling), constraints to enforce
 * on top of any the model was fitted with, and how many draws per kept row rejection may spend.
 *
 * @param conditions  column to value; rows are drawn until they have these values
 * @param constraints a constraints file to enforce, or {@code null}
 * @param maxTries    rows drawn per row kept before sampling fails with the constraint that blocks it
 */
public record Sampling(Map<String, String> conditions, ConstraintFile constraints, int maxTries) {
    /** Plain sampling. */
    public static final Sampling NONE = new Sampling(Map.of(), null, ConstrainedModel.DEFAULT_MAX_TRIES);

    public Sampling {
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
    }

    /** Plain sampling with these conditions. */
    public static Sampling conditions(Map<String, String> conditions) {
        return new Sampling(conditions, null, ConstrainedModel.DEFAULT_MAX_TRIES);
    }
}
