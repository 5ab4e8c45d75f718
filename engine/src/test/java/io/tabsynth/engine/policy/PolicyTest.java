package io.tabsynth.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;

    private Policy policy(String json) throws Exception {
        return Policy.read(Files.writeString(dir.resolve("p.json"), json));
    }

    @Test
    void checksPassAndFailByThreshold() throws Exception {
        JsonNode report = new ObjectMapper().readTree("{\"fidelity\":{\"score\":0.85},\"privacy\":{\"exactMatches\":2,"
                + "\"membershipInferenceAuc\":0.55}}");
        JsonNode ok = policy("{\"checks\":[\"fidelity.score >= 0.8\", {\"metric\":\"privacy.membershipInferenceAuc\","
                + "\"op\":\"<=\",\"value\":0.6}]}").evaluate(report);
        assertTrue(ok.path("passed").asBoolean());
        JsonNode bad = policy("{\"checks\":[\"fidelity.score >= 0.9\", \"privacy.exactMatches == 0\", "
                + "\"utility.score > 0.5\"]}").evaluate(report);
        assertFalse(bad.path("passed").asBoolean());
        assertEquals(0.85, bad.path("checks").path(0).path("actual").asDouble());
        assertFalse(bad.path("checks").path(1).path("passed").asBoolean());
        assertEquals("the report has no 'utility': the utility evaluator did not run (add utility to --evaluators)",
                bad.path("checks").path(2).path("reason").asText());
    }

    @Test
    void aCheckWithoutANumberSaysWhy() throws Exception {
        JsonNode report = new ObjectMapper().readTree("{\"fidelity\":{\"score\":0.85,\"detection\":{\"auc\":0.7,"
                + "\"score\":0.6}},\"privacy\":{\"exactMatches\":0,\"membershipInferenceAuc\":null,"
                + "\"note\":\"no holdout given\"}}");
        JsonNode v = policy("{\"checks\":[\"privacy.linkability.risk <= 0.1\", \"privacy.membershipInferenceAuc <= 0.6\", "
                + "\"fidelity.detection >= 0.5\"]}").evaluate(report);
        assertFalse(v.path("passed").asBoolean(), "a check without a number never passes");
        assertEquals("not in the report", v.path("checks").path(0).path("reason").asText());
        assertEquals("no value in this report: no holdout given", v.path("checks").path(1).path("reason").asText());
        assertEquals("not a number but a group of metrics, e.g. fidelity.detection.auc, fidelity.detection.score",
                v.path("checks").path(2).path("reason").asText());
    }

    @Test
    void aMisspeltMetricIsBadInputNamingTheFileTheCheckAndTheMetricMeant() throws Exception {
        JsonNode report = new ObjectMapper().readTree("{\"fidelity\":{\"score\":0.85,\"relationships\":{\"score\":0.9}},"
                + "\"privacy\":{\"exactMatches\":0}}");
        Path file = dir.resolve("p.json");
        assertEquals(file + ": check 2 'fidelity.scroe >= 0.8': the report has no metric 'fidelity.scroe' (did you mean"
                + " 'fidelity.score'?)", assertThrows(BadInputException.class, () -> policy("{\"checks\":"
                + "[\"privacy.exactMatches == 0\", \"fidelity.scroe >= 0.8\"]}").evaluate(report)).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> policy("{\"checks\":[\"privacy.exactmatch == 0\"]}")
                .evaluate(report)).getMessage().endsWith("(did you mean 'privacy.exactMatches'?)"));
        assertTrue(assertThrows(BadInputException.class, () -> policy("{\"checks\":[\"fidelity.relationship.score >= 0.4\"]}")
                .evaluate(report)).getMessage().endsWith("(did you mean 'fidelity.relationships.score'?)"));
    }

    @Test
    void aMetricNoInstalledEvaluatorReportsIsBadInputBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("p.json");
        Policy typo = policy("{\"checks\":[\"fidelty.score >= 0.8\"]}");
        assertEquals(file + ": check 1 'fidelty.score >= 0.8': no installed evaluator reports 'fidelty' (did you mean"
                + " 'fidelity'?) (evaluators: fidelity, privacy, utility)", assertThrows(BadInputException.class,
                () -> typo.checkEvaluators(List.of("fidelity", "privacy", "utility"))).getMessage());
        // an installed evaluator that was not chosen is not bad input: the check fails, saying which to run
        policy("{\"checks\":[\"utility.score >= 0.5\"]}").checkEvaluators(List.of("fidelity", "utility"));
    }

    @Test
    void malformedChecksNameTheFileAndCheck() {
        String msg = assertThrows(BadInputException.class, () -> policy("{\"checks\":[\"fidelity.score >= 0.8\", "
                + "\"fidelity.score about 0.8\"]}")).getMessage();
        assertTrue(msg.endsWith("p.json: check 2 'fidelity.score about 0.8' is not of the form 'metric OP number' "
                + "(OP one of >= <= > < == !=)"), msg);
        assertThrows(BadInputException.class, () -> policy("{\"rules\": []}"));
        msg = assertThrows(BadInputException.class, () -> policy("{\"checks\":[{\"metric\":\"a\",\"op\":\"=<\",\"value\":1}]}"))
                .getMessage();
        assertTrue(msg.endsWith("p.json: check 1: \"op\" \"=<\" is not one of >= <= > < == !="), msg);
        msg = assertThrows(BadInputException.class, () -> policy("{\"checks\":[{\"metric\":\"a\",\"op\":\"<\",\"value\":\"0.6\"}]}"))
                .getMessage();
        assertTrue(msg.endsWith("p.json: check 1: \"value\" must be a number, found \"0.6\""), msg);
    }
}
