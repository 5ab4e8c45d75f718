package io.tabsynth.engine.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.spi.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One typed record: written and read the same way, every field back, and malformed records named in plain words. */
class SignedRecordTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @TempDir
    Path dir;

    private final SigningKey key = SigningKey.generate();

    private static Step sample() {
        return Step.builder("sample").by("gaussian-copula", "copula", "0.1.0")
                .parameters(Map.of("rows", "2", "format", "csv")).seed(7L)
                .input(new Artifact(Artifact.MODEL_ROLE, Path.of("m.model"), A, null, Artifact.NOT_DATA))
                .input(new Artifact(Artifact.METADATA_ROLE, Path.of("meta.json"), C, null, Artifact.NOT_DATA))
                .output(new Artifact("output", Path.of("out/s.csv"), B, C, 2))
                .results(Map.of("rows", 2L, "score", 0.25, "columnModels", Map.of("x", "normal")))
                .between(Instant.parse("2026-01-01T00:00:00.123456789Z"), Instant.parse("2026-01-01T00:00:01Z"))
                .build();
    }

    @Test
    void theBuilderMakesTheStepTheConstructorMakes() {
        Step built = sample();
        Step constructed = new Step("sample", "gaussian-copula", "copula", "0.1.0", Map.of("rows", "2", "format", "csv"),
                7L, built.inputs(), built.outputs(), Map.of("rows", 2L, "score", 0.25, "columnModels", Map.of("x", "normal")),
                Instant.parse("2026-01-01T00:00:00.123456789Z"), Instant.parse("2026-01-01T00:00:01Z"));
        assertEquals(constructed, built);
        Step bare = Step.builder("export").by("csv", "exporters", "0.1.0").build();
        assertNull(bare.seed());
        assertTrue(bare.parameters().isEmpty() && bare.inputs().isEmpty() && bare.results().isEmpty());
        assertThrows(IllegalStateException.class, () -> Step.builder("fit").build(), "a step names who did it");
    }

    @Test
    void aRecordWrittenAndParsedBackEqualsItselfFieldByField() throws Exception {
        Step step = sample();
        SignedRecord written = SignedRecord.sign(step, "d".repeat(64), 3, key);
        String line = Dsse.JSON.writeValueAsString(written.toJson());
        SignedRecord read = SignedRecord.parse(line, "ledger.jsonl line 4");

        assertEquals(written, read);
        assertEquals(line, Dsse.JSON.writeValueAsString(read.toJson()), "read and written again byte for byte");
        assertEquals(3, read.sequence());
        assertEquals("d".repeat(64), read.previousRecord());
        assertEquals(key.keyId(), read.keyId());
        Step back = read.step();
        assertEquals(step.step(), back.step());
        assertEquals(step.extension(), back.extension());
        assertEquals(step.pluginId(), back.pluginId());
        assertEquals(step.pluginVersion(), back.pluginVersion());
        assertEquals(step.parameters(), back.parameters());
        assertEquals(step.seed(), back.seed());
        assertEquals(step.inputs(), back.inputs(), "materials keep their roles, digests and rows");
        assertEquals(List.of(step.outputs().get(0).as(Statement.SUBJECT_ROLE)), read.subjects());
        assertEquals(step.started(), back.started());
        assertEquals(step.finished(), back.finished());
        assertEquals(Dsse.JSON.writeValueAsString(new java.util.TreeMap<>(step.results())),
                Dsse.JSON.writeValueAsString(new java.util.TreeMap<>(back.results())));
        assertEquals(read.subjects().get(0), read.subjectNamed("s.csv"));
        assertTrue(read.made(B));

        SignedRecord other = SignedRecord.sign(Step.builder("sample").by("x", "y", "z").between(step.started(), step.finished())
                .build(), null, 0, key);
        assertNotEquals(written, other);
        assertNull(other.previousRecord());
    }

    /** The statement is the format docs/lineage.md describes, field for field and in this order. */
    @Test
    void theWrittenStatementKeepsItsFormat() throws Exception {
        SignedRecord r = SignedRecord.sign(sample(), null, 0, key);
        String payload = new String(r.envelope().payload(), StandardCharsets.UTF_8);
        String expected = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"out/s.csv\","
                + "\"digest\":{\"sha256\":\"" + B + "\"},\"annotations\":{\"contentSha256\":\"" + C + "\",\"rows\":2}}],"
                + "\"predicateType\":\"https://tabsynth.io/lineage/v1\",\"predicate\":{\"step\":\"sample\","
                + "\"extension\":\"gaussian-copula\",\"plugin\":{\"id\":\"copula\",\"version\":\"0.1.0\"},"
                + "\"parameters\":{\"format\":\"csv\",\"rows\":\"2\"},\"seed\":7,\"inputs\":[{\"name\":\"m.model\","
                + "\"digest\":{\"sha256\":\"" + A + "\"},\"role\":\"model\"},{\"name\":\"meta.json\",\"digest\":"
                + "{\"sha256\":\"" + C + "\"},\"role\":\"metadata\"}],\"engine\":{\"version\":\"" + EngineVersion.get()
                + "\"},\"runtime\":{\"jvm\":\"" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "\",\"os\":\"" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\"},\"startedOn\":\"2026-01-01T00:00:00.123456789Z\","
                + "\"finishedOn\":\"2026-01-01T00:00:01Z\",\"results\":{\"columnModels\":{\"x\":\"normal\"},\"rows\":2,"
                + "\"score\":0.25},\"sequence\":0,\"previousRecord\":null}}";
        assertEquals(expected, payload);
        ObjectNode env = r.toJson();
        assertEquals(List.of("payloadType", "payload", "signatures"), List.copyOf(iterable(env.fieldNames())));
        assertTrue(SigningKey.verify(key.publicKeyBytes(), Dsse.pae(Dsse.IN_TOTO, r.envelope().payload()),
                Base64.getDecoder().decode(env.path("signatures").path(0).path("sig").asText())));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void malformedRecordsAreNamedWithWhatIsWrong() throws Exception {
        ObjectNode good = SignedRecord.sign(sample(), null, 0, key).toJson();
        String where = "ledger.jsonl line 2";

        assertEquals(where + ": not valid JSON", message(() -> SignedRecord.parse("{\"payload", where)));
        ObjectNode notBase64 = good.deepCopy().put("payload", "%%%");
        assertEquals(where + ": payload is not base64", message(() -> SignedRecord.parse(notBase64, where)));
        ObjectNode otherType = good.deepCopy().put("payloadType", "text/plain");
        assertEquals(where + ": payload type is not " + Dsse.IN_TOTO, message(() -> SignedRecord.parse(otherType, where)));
        ObjectNode unsigned = good.deepCopy();
        unsigned.putArray("signatures");
        assertEquals(where + ": has no signature", message(() -> SignedRecord.parse(unsigned, where)));
        assertEquals(where + ": payload is not JSON", message(() -> SignedRecord.parse(withPayload(good, "not json"), where)));
        assertEquals(where + ": not a tabsynth lineage statement",
                message(() -> SignedRecord.parse(withPayload(good, "{\"_type\":\"x\"}"), where)));

        String payload = new String(Base64.getDecoder().decode(good.path("payload").asText()), StandardCharsets.UTF_8);
        String noStep = payload.replace("\"step\":\"sample\",", "");
        assertEquals(where + ": the predicate's 'step' is missing or not text",
                message(() -> SignedRecord.parse(withPayload(good, noStep), where)));
        String badTime = payload.replace("2026-01-01T00:00:01Z", "yesterday");
        assertEquals(where + ": finishedOn 'yesterday' is not a UTC time",
                message(() -> SignedRecord.parse(withPayload(good, badTime), where)));
        String noDigest = payload.replace("\"digest\":{\"sha256\":\"" + B + "\"},", "");
        assertEquals(where + ": the subject 1 digest's 'sha256' is missing or not text",
                message(() -> SignedRecord.parse(withPayload(good, noDigest), where)));
    }

    @Test
    void sidecarAndLedgerReadersNameTheRecordThatCannotBeRead() throws Exception {
        Lineage lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys")));
        Path out = Files.writeString(dir.resolve("out.csv"), "a\n1\n");
        lineage.record(Step.builder("export").by("csv", "exporters", "0.1.0").output(Artifact.file("output", out)).build());
        assertEquals(1, Sidecar.records(out).size());
        assertEquals(1, lineage.ledger().records().size());
        assertEquals(Sidecar.records(out), lineage.ledger().records(), "the sidecar and the ledger hold the same record");

        Path side = Sidecar.of(out);
        Files.writeString(side, Files.readString(side).replaceFirst("\"payload\":\"", "\"payload\":\"%"));
        BadInputException e = assertThrows(BadInputException.class, () -> History.of(out));
        assertEquals("out.csv.lineage.json record 1: payload is not base64", e.getMessage());

        Path ledger = lineage.ledger().file();
        Files.writeString(ledger, Files.readString(ledger).replaceFirst("\"payloadType\":\"[^\"]*\"",
                "\"payloadType\":\"text/plain\""));
        e = assertThrows(BadInputException.class, () -> lineage.ledger().records());
        assertEquals("ledger.jsonl line 1: payload type is not " + Dsse.IN_TOTO, e.getMessage());
    }

    private static ObjectNode withPayload(ObjectNode envelope, String payload) {
        return envelope.deepCopy().put("payload",
                Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(org.junit.jupiter.api.function.Executable parse) {
        return assertThrows(BadInputException.class, parse).getMessage();
    }
}
