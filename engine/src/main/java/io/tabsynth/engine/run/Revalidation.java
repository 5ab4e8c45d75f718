package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.drift.DriftReport;
import java.util.List;

/**
 * What a revalidation found.
 *
 * @param predicate the signed record's predicate (every figure, as written)
 * @param holds     whether every check still passes against the newer real data
 * @param drift     the drift between the two real snapshots, or {@code null} when no baseline was given
 * @param checks    the checks' verdict ({@code passed}, {@code checks}), or a missing node when there were none
 */
public record Revalidation(ObjectNode predicate, boolean holds, DriftReport drift, JsonNode checks) {
    /** The checks that failed, as their text. */
    public List<String> failedChecks() {
        return java.util.stream.StreamSupport.stream(checks.path("checks").spliterator(), false)
                .filter(c -> !c.path("passed").asBoolean()).map(c -> c.path("check").asText()).toList();
    }
}
