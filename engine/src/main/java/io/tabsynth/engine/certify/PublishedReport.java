package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.disclosure.RareValues;
import java.util.List;

/**
 * The evaluation report as a certificate carries it. The report's counts of real values that only one row holds
 * (the unique-value replay check, per column) are statistics of the real data outside any privacy budget; a count
 * smaller than the report's {@code minCount} (the rare-value rule's k, {@link RareValues#DEFAULT_MIN_COUNT} when the
 * report names none) could single out the few people behind it, so it is written as "fewer than k" instead.
 */
final class PublishedReport {
    /** The per-column counts of the unique-value replay check. */
    private static final List<String> SMALL_COUNTS = List.of("uniqueValues", "replayedValues", "rows");

    private PublishedReport() {
    }

    /** A copy of {@code report} with each small per-value count replaced by "fewer than k". */
    static JsonNode of(JsonNode report) {
        JsonNode copy = report.deepCopy();
        int minCount = report.path(RareValues.PARAM).asInt(RareValues.DEFAULT_MIN_COUNT);
        copy.path("privacy").path("uniqueValueReplay").path("columns").forEach(column -> {
            if (column instanceof ObjectNode counts) {
                for (String key : SMALL_COUNTS) {
                    JsonNode n = counts.path(key);
                    if (n.isIntegralNumber() && n.asLong() > 0 && n.asLong() < minCount) {
                        counts.put(key, "fewer than " + minCount);
                    }
                }
            }
        });
        return copy;
    }
}
