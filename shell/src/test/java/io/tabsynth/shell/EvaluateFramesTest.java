package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.EvaluateFrames;
import io.tabsynth.engine.run.EvaluateRequest;
import io.tabsynth.engine.run.ExtensionInfo;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluating frames in memory gives the report that evaluating the same rows written to CSV gives, and the
 * evaluate step's record names every evaluator that ran with its plugin and version.
 */
class EvaluateFramesTest {
    private static final Map<String, String> OPTIONS = Map.of("target", "segment", "protected", "churned",
            "quasi", "age,city", "sensitive", "segment");

    @TempDir
    Path dir;

    /** The predicate of the report's evaluate record. */
    private static JsonNode evaluateRecord(Path report) throws IOException {
        List<JsonNode> records = Sidecar.read(report);
        JsonNode predicate = Dsse.JSON.readTree(Dsse.payload(records.get(records.size() - 1))).path("predicate");
        assertEquals("evaluate", predicate.path("step").asText());
        return predicate;
    }

    private static Map<String, JsonNode> inputsByRole(JsonNode predicate) {
        Map<String, JsonNode> byRole = new HashMap<>();
        predicate.path("inputs").forEach(in -> byRole.put(in.path("role").asText(), in));
        return byRole;
    }

    @Test
    void framesInMemoryEvaluateAsTheSameRowsWrittenToCsv() throws IOException {
        try (Engine e = Engine.classpath(Lineage.standard(dir.resolve("ledger.jsonl")))) {
            Path realCsv = dir.resolve("real.csv");
            Path holdoutCsv = dir.resolve("holdout.csv");
            e.write(DemoData.customers(1200, 5), realCsv);
            e.write(DemoData.customers(300, 7), holdoutCsv);
            Frame real = e.read(realCsv, null);
            FittedModel model = e.fit(real, "gaussian-copula", Map.of(), 6, Progress.NONE);
            Frame synthetic = e.sampleFrame(model, 1200, 8, Sampling.NONE);
            assertNull(synthetic.source(), "sampled in memory");
            Path synCsv = dir.resolve("syn.csv");
            e.write(synthetic, synCsv);

            Path fromFiles = dir.resolve("from-files.json");
            JsonNode a = e.evaluate(new EvaluateRequest(realCsv, holdoutCsv, synCsv, null, List.of(), OPTIONS, null,
                    fromFiles, null));
            Path fromFrames = dir.resolve("from-frames.json");
            Frame holdout = e.readLike(holdoutCsv, real).withSource(null);
            JsonNode b = e.evaluate(new EvaluateFrames(real.withSource(null), holdout, synthetic, List.of(), OPTIONS,
                    null, fromFrames, null));
            assertEquals(a, b);
            assertEquals(Files.readString(fromFiles), Files.readString(fromFrames), "the same report, byte for byte");
            for (String section : new String[] {"fidelity", "privacy", "utility", "fairness"}) {
                assertTrue(b.path(section).path("score").isNumber(), section);
            }

            // the rows in memory are recorded by the content digest their CSV has
            Map<String, JsonNode> files = inputsByRole(evaluateRecord(fromFiles));
            Map<String, JsonNode> frames = inputsByRole(evaluateRecord(fromFrames));
            for (String role : new String[] {"real data", "synthetic", "holdout"}) {
                assertEquals(role + " (in memory)", frames.get(role).path("name").asText());
                assertEquals(files.get(role).path("annotations").path("contentSha256"),
                        frames.get(role).path("annotations").path("contentSha256"), role);
            }
            assertEquals(ContentDigest.of(synthetic), frames.get("synthetic").path("digest").path("sha256").asText());
            Verifier verifier = new Verifier(TrustStore.standard(e.lineage().keys()));
            assertTrue(verifier.verifyFile(fromFrames).ok(), "the report of frames verifies");
        }
    }

    @Test
    void theEvaluateRecordNamesEveryEvaluatorsPlugin() throws IOException {
        try (Engine e = Engine.classpath(Lineage.standard(dir.resolve("ledger.jsonl")))) {
            Frame real = DemoData.customers(400, 5);
            Frame synthetic = DemoData.customers(400, 6);
            Path report = dir.resolve("r.json");
            e.evaluate(new EvaluateFrames(real, null, synthetic, List.of("privacy", "fidelity"), Map.of(), null, report,
                    null));
            JsonNode params = evaluateRecord(report).path("parameters");
            assertEquals("privacy,fidelity", params.path("evaluators").asText());
            for (String id : new String[] {"privacy", "fidelity"}) {
                ExtensionInfo info = e.extensions().stream().filter(x -> x.id().equals(id) && x.type().equals("evaluator"))
                        .findFirst().orElseThrow();
                assertEquals(info.pluginId() + " " + info.pluginVersion(), params.path("plugin." + id).asText(), id);
            }
            assertEquals(2, new ObjectMapper().convertValue(params, Map.class).keySet().stream()
                    .filter(k -> k.toString().startsWith("plugin.")).count(), "one entry per evaluator that ran");
        }
    }

    @Test
    void syntheticFramesMissingARealColumnAreRefused() {
        try (Engine e = Engine.classpath(Lineage.standard(dir.resolve("ledger.jsonl")))) {
            Frame real = DemoData.customers(100, 5);
            Frame narrow = real.select(List.of("age"));
            BadInputException x = assertThrows(BadInputException.class, () -> e.evaluate(new EvaluateFrames(real, null,
                    narrow, List.of("fidelity"), Map.of(), null, dir.resolve("r.json"), null)));
            assertTrue(x.getMessage().startsWith("synthetic (in memory): has no column '"), x.getMessage());
            assertTrue(Files.notExists(dir.resolve("r.json")), "nothing written");
        }
    }
}
