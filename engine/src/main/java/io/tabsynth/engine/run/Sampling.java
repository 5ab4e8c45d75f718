package io.tabsynth.engine.run;

import io.tabsynth.engine.fairness.Remediation;
import io.tabsynth.spi.constraint.ConstrainedModel;
import java.util.Map;

/**
 * How to sample besides rows and seed: fixed column values (conditional sampling), constraints to enforce
 * on top of any the model was fitted with, and how many draws per kept row rejection may spend.
 *
 * @param conditions  column to value; rows are drawn until they have these values
 * @param constraints a constraints file to enforce, or {@code null}
 * @param maxTries    rows drawn per row kept before sampling fails with the constraint that blocks it
 * @param remediation a fairness target or rebalancing of a protected column's groups, or {@code null}
 */
public record Sampling(Map<String, String> conditions, ConstraintFile constraints, int maxTries, Remediation remediation) {
    /** Plain sampling. */
    public static final Sampling NONE = new Sampling(Map.of(), null, ConstrainedModel.DEFAULT_MAX_TRIES);

    public Sampling {
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
        if (remediation != null) {
            for (String column : conditions.keySet()) {
                if (column.equals(remediation.protectedColumn())
                        || remediation.fairness() != null && column.equals(remediation.fairness().target())) {
                    throw new io.tabsynth.spi.BadInputException("--condition " + column + "=... fixes a column the"
                            + " fairness or rebalancing options set the shares of; use one or the other");
                }
            }
        }
    }

    /** Sampling without a remediation. */
    public Sampling(Map<String, String> conditions, ConstraintFile constraints, int maxTries) {
        this(conditions, constraints, maxTries, null);
    }

    /** This sampling with the remediation (or none, for {@code null}). */
    public Sampling with(Remediation r) {
        return new Sampling(conditions, constraints, maxTries, r);
    }

    /** Plain sampling with these conditions. */
    public static Sampling conditions(Map<String, String> conditions) {
        return new Sampling(conditions, null, ConstrainedModel.DEFAULT_MAX_TRIES);
    }
}
