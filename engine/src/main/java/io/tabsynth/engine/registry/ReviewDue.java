package io.tabsynth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * When a certificate's review falls due: the later of its certification and its last passing revalidation, plus the
 * charter's review interval. The one place the registry applies this rule.
 */
public final class ReviewDue {
    /** The predicate type of a revalidation record; its subject is the certificate it revalidated. */
    public static final String REVALIDATION = "https://tabsynth.io/revalidation/v1";

    private ReviewDue() {
    }

    /** The due time; {@code lastPassingRevalidation} may be {@code null}. */
    public static Instant of(Instant certified, Instant lastPassingRevalidation, Period reviewInterval) {
        Instant from = lastPassingRevalidation != null && lastPassingRevalidation.isAfter(certified)
                ? lastPassingRevalidation : certified;
        return from.atOffset(ZoneOffset.UTC).plus(reviewInterval).toInstant();
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
