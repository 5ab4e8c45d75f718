package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The warning lines {@code tabsynth evaluate} prints on standard error: one for every red finding (and every
 * warning about what a score can say) that an evaluator listed under its {@code findings}, with the finding's
 * message, which names the metric, its value, the threshold it crossed and what that means.
 */
final class FindingWarnings {
    private static final List<String> PRINTED = List.of("red", "warning");

    private FindingWarnings() {
    }

    /** One line per red finding or warning of the report, in report order. */
    static List<String> lines(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.properties().forEach(section -> {
            for (JsonNode f : section.getValue().path("findings")) {
                if (PRINTED.contains(f.path("level").asText())) {
                    out.add("warning: " + f.path("message").asText());
                }
            }
        });
        return out;
    }
}
