package io.tabsynth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What the registry reads from a revalidation's ledger statement: when it was made and whether the certificate held.
 * The review rule itself is {@link io.tabsynth.engine.governance.ReviewSchedule}.
 */
public final class ReviewDue {
    private ReviewDue() {
    }

    /**
     * Whether a revalidation statement found the certificate still holds: {@code predicate.holds} or
     * {@code predicate.results.holds} is {@code true}.
     */
    public static boolean passed(JsonNode statement) {
        JsonNode p = statement.path("predicate");
        return p.path("holds").asBoolean(false) || p.path("results").path("holds").asBoolean(false);
    }

    /** When a revalidation statement was made: its predicate's {@code finishedOn}, or {@code null}. */
    public static Instant madeOn(JsonNode statement) {
        JsonNode on = statement.path("predicate").path("finishedOn");
        try {
            return on.isTextual() ? Instant.parse(on.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
