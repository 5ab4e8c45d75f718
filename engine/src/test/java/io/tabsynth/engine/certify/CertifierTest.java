package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certification takes the dataset's digests from its verified record, and still catches a changed byte. */
class CertifierTest {
    private static final String DATA = "age,city\n31,Ashford\n45,Bexley\n";
    private static final String CHANGED = "age,city\n31,Ashford\n46,Bexley\n";

    @TempDir
    Path dir;

    private Lineage lineage;
    private Verifier verifier;
    private Path data;
    private CertifyRequest request;

    @BeforeEach
    void setUp() throws Exception {
        KeyStore keys = new KeyStore(dir.resolve("keys"));
        lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), keys);
        keys.signingKey(); // created now, so that the verifier trusts it
        verifier = new Verifier(TrustStore.standard(keys));
        data = Files.writeString(dir.resolve("s.csv"), DATA);
        Path report = Files.writeString(dir.resolve("r.json"), "{\"fidelity\":{\"score\":0.9}}");
        request = new CertifyRequest(data, report, null, dir.resolve("cert.json"), null, null, null);
    }

    /** Records {@code s.csv} as a sample's output, with its content digest and rows when {@code withContent}. */
    private void recordSample(boolean withContent) {
        Frame f = FrameReader.read(data);
        Artifact out = withContent ? new Artifact("output", data, Sha256.file(data), ContentDigest.of(f), f.rowCount())
                : Artifact.file("output", data);
        lineage.record(Step.builder("sample").by("gaussian-copula", "copula", "0.1.0").parameter("rows", "2").seed(5L)
                .output(out).build());
    }

    @Test
    void theCertificateCarriesTheDigestsTheVerifiedRecordSigned() {
        recordSample(true);
        Verification v = verifier.verifyFile(data);
        assertTrue(v.ok(), v.problems().toString());
        assertNotNull(v.subject());
        assertEquals(Sha256.file(data), v.subject().sha256());
        Frame f = FrameReader.read(data);
        JsonNode st = new Certifier(request, f, ContentDigest.of(f), v).statement();
        JsonNode dataset = st.path("predicate").path("dataset");
        assertEquals(Sha256.file(data), dataset.path("sha256").asText());
        assertEquals(ContentDigest.of(f), dataset.path("contentSha256").asText());
        JsonNode generation = st.path("predicate").path("generation").path(0);
        assertEquals("sample", generation.path("step").asText());
        assertEquals(5, generation.path("seed").asLong());
        assertEquals("2", generation.path("parameters").path("rows").asText());
        assertEquals(v.chain().get(0).toJson(), st.path("predicate").path("history").path(0));
    }

    @Test
    void aDpSampleWithSecureNoiseDoesNotClaimThatRefittingReproducesIt() {
        Frame f = FrameReader.read(data);
        lineage.record(Step.builder("sample").by("dp-marginals", "dp", "0.1.0").parameter("rows", "2").seed(5L)
                .result("privacy", java.util.Map.of("epsilon", 1.0, "delta", 1e-6, "rho", "1/41", "noise", "secure"))
                .output(new Artifact("output", data, Sha256.file(data), ContentDigest.of(f), f.rowCount())).build());
        Verification v = verifier.verifyFile(data);
        assertTrue(v.ok(), v.problems().toString());
        String card = new Certifier(request, f, ContentDigest.of(f), v).card("k").markdown();
        assertFalse(card.contains("reproduce the dataset exactly"), card);
        assertTrue(card.contains("Sampling the same model again with the parameters and seed below repeats these rows; "
                + "fitting it again does not reproduce the dataset"), card);
    }

    @Test
    void aSeededSampleIsReproducedExactly() {
        recordSample(true);
        Verification v = verifier.verifyFile(data);
        Frame f = FrameReader.read(data);
        String card = new Certifier(request, f, ContentDigest.of(f), v).card("k").markdown();
        assertTrue(card.contains("The generator, its parameters and seeds below reproduce the dataset exactly."), card);
    }

    @Test
    void theCertificateDoesNotCarrySmallCountsOfRealValuesOnlyOneRowHolds() throws Exception {
        Files.writeString(dir.resolve("r.json"), "{\"fidelity\":{\"score\":0.9},\"privacy\":{\"uniqueValueReplay\":"
                + "{\"rows\":0,\"columns\":{\"diagnosis\":{\"uniqueValues\":1,\"replayedValues\":0,\"rows\":0},"
                + "\"name\":{\"uniqueValues\":300,\"replayedValues\":2,\"rows\":2}}}}}");
        recordSample(true);
        Verification v = verifier.verifyFile(data);
        Frame f = FrameReader.read(data);
        JsonNode columns = new Certifier(request, f, ContentDigest.of(f), v).statement().path("predicate")
                .path("validation").path("results").path("privacy").path("uniqueValueReplay").path("columns");
        assertEquals("fewer than 5", columns.path("diagnosis").path("uniqueValues").asText());
        assertEquals(0, columns.path("diagnosis").path("rows").asInt());
        assertEquals(300, columns.path("name").path("uniqueValues").asInt());
        assertEquals("fewer than 5", columns.path("name").path("replayedValues").asText());
    }

    @Test
    void aByteChangedBeforeVerificationIsCaught() throws Exception {
        recordSample(true);
        Files.writeString(data, CHANGED);
        Verification v = verifier.verifyFile(data);
        assertFalse(v.ok());
        Frame f = FrameReader.read(data);
        VerificationException e = assertThrows(VerificationException.class,
                () -> new Certifier(request, f, ContentDigest.of(f), v));
        assertTrue(e.getMessage().contains("the file has changed"), e.getMessage());
    }

    @Test
    void aByteChangedAfterVerificationIsCaughtByTheContentDigest() throws Exception {
        recordSample(true);
        Verification v = verifier.verifyFile(data);
        assertTrue(v.ok());
        Files.writeString(data, CHANGED);
        Frame f = FrameReader.read(data);
        VerificationException e = assertThrows(VerificationException.class,
                () -> new Certifier(request, f, ContentDigest.of(f), v));
        assertTrue(e.getMessage().contains("its content digest is " + ContentDigest.of(f) + " but its lineage recorded "),
                e.getMessage());
    }

    @Test
    void withoutARecordedContentDigestTheBytesAreHashedAgain() throws Exception {
        recordSample(false);
        Verification v = verifier.verifyFile(data);
        assertTrue(v.ok());
        Frame same = FrameReader.read(data);
        assertEquals(Sha256.file(data), new Certifier(request, same, ContentDigest.of(same), v).statement()
                .path("predicate").path("dataset").path("sha256").asText());
        Files.writeString(data, CHANGED);
        Frame f = FrameReader.read(data);
        VerificationException e = assertThrows(VerificationException.class,
                () -> new Certifier(request, f, ContentDigest.of(f), v));
        assertTrue(e.getMessage().contains("the file has changed"), e.getMessage());
    }
}
