package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import io.tabsynth.testkit.TestFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a generator hands the engine while it fits (checkpoints) are written atomically and recorded in lineage. */
class FitFilesTest {
    @TempDir
    Path dir;
    Lineage lineage;
    Engine engine;

    @BeforeEach
    void open() {
        lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys")));
        engine = Engine.open(null, false, lineage);
        engine.register(new CheckpointingMean(), "test-plugin", "1.0");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Verification verify(Path file) {
        return new Verifier(TrustStore.standard(lineage.keys())).verifyFile(file);
    }

    @Test
    void aCheckpointIsRecordedAsAStepOfItsOwnThatVerifiesAndReachesTheRealData() throws IOException {
        Frame real = engine.read(TestFrames.numbersCsv(dir.resolve("train.csv"), "x", 1.5, 2, 3.25, 4), null);
        Path checkpoint = dir.resolve("fit.ckpt");
        FittedModel m = engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", checkpoint.toString()), 5,
                Progress.NONE);
        assertEquals(CheckpointingMean.checkpointText(m.model()), Files.readString(checkpoint), "the model after its epoch");

        List<SignedRecord> ledger = lineage.ledger().records();
        assertEquals(1, ledger.size(), "the checkpoint is in the ledger (the model is not saved yet)");
        assertEquals(ledger, Sidecar.records(checkpoint), "and its sidecar holds the same record");
        Step step = ledger.get(0).step();
        assertEquals("checkpoint", step.step());
        assertEquals(List.of(CheckpointingMean.ID, "test-plugin", "1.0"),
                List.of(step.extension(), step.pluginId(), step.pluginVersion()));
        assertEquals(Map.of(RecordedFitFiles.PARAMETERS_DIGEST, RecordedFitFiles.parametersDigest(m.info().params())),
                step.parameters(), "the fit's parameters, by their digest");
        assertEquals(5L, step.seed());
        assertEquals("1", String.valueOf(step.results().get("epoch")));
        Artifact read = step.inputs().get(0);
        assertEquals(List.of(Artifact.REAL_DATA_ROLE, ContentDigest.of(real)), List.of(read.role(), read.contentSha256()));
        assertEquals(Sha256.file(checkpoint), step.outputs().get(0).sha256());

        Verification v = verify(checkpoint);
        assertTrue(v.ok() && v.reachesRealData(), v.toString());

        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[0] ^= 1;
        Files.write(checkpoint, bytes);
        Verification tampered = verify(checkpoint);
        assertFalse(tampered.ok(), "a changed byte is caught");
        assertTrue(tampered.problems().get(0).contains("sha256"), tampered.toString());
    }

    @Test
    void theLedgerVerifiesACheckpointWrittenAgainAgainstItsLastRecord() throws IOException {
        Frame real = TestFrames.numbers("x", 1, 2.5, 3, 4.5);
        Path checkpoint = dir.resolve("fit.ckpt");
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", checkpoint.toString()), 5, Progress.NONE);
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", checkpoint.toString(), "spread", "2"), 5,
                Progress.NONE);
        Verifier verifier = new Verifier(TrustStore.standard(lineage.keys()));
        Verification v = verifier.verifyLedger(lineage.ledger().file());
        assertTrue(v.ok(), v.toString());
        assertTrue(v.notes().stream().anyMatch(n -> n.contains(checkpoint + " was written again by ")), v.notes().toString());

        Files.writeString(checkpoint, "edited");
        Verification edited = verifier.verifyLedger(lineage.ledger().file());
        assertEquals(1, edited.problems().size(), "the last record's digest is checked: " + edited);
        assertTrue(edited.problems().get(0).contains("line 2"), edited.toString());
    }

    @Test
    void theSameSeedWritesTheSameCheckpointBytes() throws IOException {
        Frame real = TestFrames.numbers("x", 1, 2, 3, 4);
        Path a = dir.resolve("a.ckpt");
        Path b = dir.resolve("b.ckpt");
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", a.toString()), 5, Progress.NONE);
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", b.toString()), 5, Progress.NONE);
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void aCheckpointNeverReplacesTheTrainingData() throws IOException {
        Path train = TestFrames.numbersCsv(dir.resolve("train.csv"), "x", 1.5, 2, 3.25, 4);
        String before = Files.readString(train);
        Frame real = engine.read(train, null);
        BadInputException e = assertThrows(BadInputException.class, () -> engine.fit(real, CheckpointingMean.ID,
                Map.of("checkpoint", train.toString()), 5, Progress.NONE));
        assertTrue(e.getMessage().startsWith(train + ": is also an input"), e.getMessage());
        assertEquals(before, Files.readString(train));
        assertFalse(Files.exists(Sidecar.of(train)));
    }

    @Test
    void aCheckpointMayReplaceTheCheckpointTheFitResumedFromAndCarriesItsHistory() throws IOException {
        Frame real = engine.read(TestFrames.numbersCsv(dir.resolve("train.csv"), "x", 1.5, 2, 3.25, 4), null);
        Path checkpoint = dir.resolve("fit.ckpt");
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", checkpoint.toString()), 5, Progress.NONE);
        engine.fit(real, CheckpointingMean.ID, Map.of("checkpoint", checkpoint.toString(), "resume",
                checkpoint.toString(), "spread", "2"), 5, Progress.NONE);
        List<SignedRecord> chain = Sidecar.records(checkpoint);
        assertEquals(2, chain.size(), "the checkpoint resumed from, then the one that replaced it");
        assertTrue(chain.get(1).step().inputs().stream().anyMatch(in -> in.role().equals("resume")),
                chain.get(1).step().inputs().toString());
        Verification v = verify(checkpoint);
        assertTrue(v.ok() && v.reachesRealData(), v.toString());
    }
}
