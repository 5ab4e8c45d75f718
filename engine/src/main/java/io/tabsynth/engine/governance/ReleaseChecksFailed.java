package io.tabsynth.engine.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.TabsynthException;
import java.util.ArrayList;
import java.util.List;

/**
 * A release whose certified report failed its policy's or charter's checks: it is not approvable, however many sign
 * it. The message names each failed check with the value the report had. Exit code 3.
 */
public final class ReleaseChecksFailed extends TabsynthException {
    private ReleaseChecksFailed(String message) {
        super(message);
    }

    /**
     * Refuses a certificate (its statement) whose certified report's gates failed; does nothing when the report
     * passed them or had none.
     */
    public static void refuseIfAny(String where, JsonNode certificateStatement) {
        JsonNode policy = certificateStatement.path("predicate").path("validation").path("results").path("policy");
        if (policy.isMissingNode() || policy.path("passed").asBoolean(false)) {
            return;
        }
        List<String> failed = new ArrayList<>();
        for (JsonNode c : policy.path("checks")) {
            if (!c.path("passed").asBoolean(false)) {
                JsonNode actual = c.path("actual");
                failed.add(c.path("check").asText() + " (the report has " + (actual.isNumber() ? actual.asText()
                        : c.path("reason").asText("no value")) + ")");
            }
        }
        throw new ReleaseChecksFailed(where + ": the release is not approvable: its report failed the checks of "
                + policy.path("policy").asText("its policy") + ": " + String.join("; ", failed));
    }
}
