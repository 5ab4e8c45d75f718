package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The plain page's sentence on how models learn from the data. */
class PlainSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withoutATargetThePageSaysNoneWasNamedNotAnEmptyName() {
        ObjectNode report = JSON.createObjectNode();
        report.putObject("utility").put("note", "utility needs a target column (--target)");
        String sentence = PlainSummary.utility(report);
        assertEquals("How well models learn from it was not measured: no target column was named (evaluate --target).",
                sentence);
        assertTrue(!sentence.contains("predict  "), sentence);
    }

    @Test
    void aTargetWithoutAHoldoutIsNamedWithTheReason() {
        ObjectNode report = JSON.createObjectNode();
        report.putObject("utility").put("target", "churned").put("note", "utility trains on synthetic and tests on a real holdout (--holdout)");
        assertEquals("Models that learn from it to predict churned could not be scored: utility trains on synthetic and tests "
                + "on a real holdout (--holdout).", PlainSummary.utility(report));
    }
}
