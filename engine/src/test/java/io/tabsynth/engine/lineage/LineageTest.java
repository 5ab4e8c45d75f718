package io.tabsynth.engine.lineage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageTest {
    @TempDir
    Path dir;

    Lineage lineage;
    Verifier verifier;

    @BeforeEach
    void setUp() {
        KeyStore keys = new KeyStore(dir.resolve("home/keys"));
        lineage = new Lineage(new Ledger(dir.resolve("ledger/ledger.jsonl")), keys);
        keys.signingKey();
        verifier = new Verifier(TrustStore.standard(keys));
    }

    /** fit: real.csv -> m.model; sample: m.model -> out.csv. */
    private Path twoSteps() throws Exception {
        Path real = Files.writeString(dir.resolve("real.csv"), "a,b\n1,x\n2,y\n");
        Path model = Files.writeString(dir.resolve("m.model"), "model bytes");
        Path out = Files.writeString(dir.resolve("out.csv"), "a,b\n2,y\n");
        lineage.record(Step.builder("fit").by("gaussian-copula", "copula", "0.1.0").parameter("knots", "1000").seed(1L)
                .input(Artifact.file("real data", real)).output(Artifact.file("model", model)).result("rows", 2)
                .between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z")).build());
        lineage.record(sampleStep(model, out));
        return out;
    }

    private static Step sampleStep(Path model, Path out) {
        return Step.builder("sample").by("gaussian-copula", "copula", "0.1.0").parameter("rows", "1").seed(2L)
                .input(Artifact.file("model", model)).output(Artifact.file("output", out)).result("rows", 1)
                .between(Instant.parse("2026-01-01T00:00:02Z"), Instant.parse("2026-01-01T00:00:03Z")).build();
    }

    @Test
    void bouncyCastleAndJdkEd25519Interoperate() throws Exception {
        SigningKey key = SigningKey.generate();
        byte[] msg = "in-toto".getBytes(StandardCharsets.UTF_8);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(SigningKey.jdkPublicKey(key.publicKeyBytes()));
        jdk.update(msg);
        assertTrue(jdk.verify(key.sign(msg)), "a Bouncy Castle signature verifies with the JDK");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.jdkPrivateKey());
        signer.update(msg);
        assertTrue(SigningKey.verify(key.publicKeyBytes(), msg, signer.sign()), "a JDK signature verifies with Bouncy Castle");
        assertEquals("DSSEv1 28 application/vnd.in-toto+json 5 hello",
                new String(Dsse.pae(Dsse.IN_TOTO, "hello".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void privateKeyIsOwnerOnlyAndKeyIdFollowsThePublicKey() throws Exception {
        KeyStore keys = new KeyStore(dir.resolve("k"));
        SigningKey k = keys.signingKey();
        assertEquals(k.keyId(), keys.signingKey().keyId(), "created once, then reused");
        assertEquals(Sha256.hex(k.publicKeyBytes()), k.keyId());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("k").resolve(KeyStore.PRIVATE))));
        }
        assertFalse(Files.readString(dir.resolve("k").resolve(KeyStore.PUBLIC)).contains("PRIVATE"));
    }

    @Test
    void aReplacedKeyFileIsReadAgainAndPrepareCreatesNoKey() throws Exception {
        KeyStore keys = new KeyStore(dir.resolve("k2"));
        new Lineage(new Ledger(dir.resolve("l2.jsonl")), keys).prepare();
        assertFalse(keys.exists(), "prepare creates no key");
        SigningKey first = keys.signingKey();
        assertEquals(first.keyId(), keys.signingKey().keyId());
        // another process replaces the key file (as a fresh key store would write it)
        SigningKey other = SigningKey.generate();
        Path priv = dir.resolve("k2").resolve(KeyStore.PRIVATE);
        Path tmp = dir.resolve("k2").resolve("new.key");
        Files.writeString(tmp, other.privateKeyPem(), StandardCharsets.US_ASCII);
        Files.move(tmp, priv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(other.keyId(), keys.signingKey().keyId(), "the kept key follows the file");
        Files.writeString(priv, "not a key");
        assertThrows(io.tabsynth.spi.BadInputException.class, keys::signingKey);
    }

    @Test
    void prepareRehearsesARecordWithoutWritingOne() throws Exception {
        lineage.prepare(); // the key exists (setUp): prepare signs and drops a rehearsal record
        assertFalse(Files.exists(dir.resolve("ledger")), "prepare writes no ledger");
        Path out = twoSteps();
        List<String> lines = lineage.ledger().lines();
        assertEquals(2, lines.size(), "only the two steps are in the ledger");
        JsonNode first = Dsse.JSON.readTree(Dsse.payload(Dsse.JSON.readTree(lines.get(0))));
        assertEquals(0, first.path("predicate").path("sequence").asLong(), "the rehearsal took no sequence number");
        assertEquals("fit", first.path("predicate").path("step").asText());
        assertEquals(2, Sidecar.read(out).size(), "out.csv's history is fit and sample, no rehearsal");
        Verification v = verifier.verifyFile(out);
        assertTrue(v.ok(), v.problems().toString());
    }

    @Test
    void goodLineageVerifies() throws Exception {
        Path out = twoSteps();
        Verification v = verifier.verifyFile(out);
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(2, v.records());
        Verification l = verifier.verifyLedger(lineage.ledger().file());
        assertTrue(l.ok(), l.problems().toString());
        JsonNode st = Dsse.JSON.readTree(Dsse.payload(Sidecar.read(out).get(1)));
        assertEquals(Statement.TYPE, st.path("_type").asText());
        assertEquals(Statement.PREDICATE_TYPE, st.path("predicateType").asText());
        assertEquals(Sha256.file(out), st.path("subject").path(0).path("digest").path("sha256").asText());
        assertEquals(Ledger.digest(lineage.ledger().lines().get(0)), st.path("predicate").path("previousRecord").asText());
        String tree = History.of(out);
        assertTrue(tree.contains("sample by gaussian-copula") && tree.contains("fit by gaussian-copula")
                && tree.contains("real data ") && tree.contains("real.csv  sha256 "), tree);
    }

    @Test
    void aFileRenamedWithItsSidecarVerifiesUnderItsRecordedName() throws Exception {
        Path out = twoSteps();
        Path renamed = Files.move(out, dir.resolve("renamed.csv"));
        Files.move(Sidecar.of(out), Sidecar.of(renamed));
        Verification v = verifier.verifyFile(renamed);
        assertTrue(v.ok(), v.problems().toString());
        assertTrue(v.reachesRealData());
        assertEquals(List.of("renamed.csv was named out.csv when its lineage was written; it was renamed together with "
                + "its sidecar, and its content is the one the records signed"), v.notes());
        assertTrue(History.of(renamed).startsWith("renamed.csv  sha256 " + Sha256.file(renamed).substring(0, 16)),
                History.of(renamed));
        Files.writeString(renamed, "a,b\n3,z\n");
        Verification changed = verifier.verifyFile(renamed);
        assertFalse(changed.ok());
        assertTrue(changed.problems().get(0).contains("the file has changed"), changed.problems().toString());
    }

    @Test
    void aModelNoRecordMadeIsAnOriginTheChainDoesNotReach() throws Exception {
        assertTrue(verifier.verifyFile(twoSteps()).reachesRealData(), "a sample of a recorded fit reaches real data");
        Path model = Files.writeString(dir.resolve("edited.model"), "hand-edited model bytes");
        Path out = Files.writeString(dir.resolve("unknown.csv"), "a,b\n1,x\n");
        lineage.record(sampleStep(model, out));
        Verification v = verifier.verifyFile(out);
        assertTrue(v.ok(), "signatures and digests are intact: " + v.problems());
        assertFalse(v.reachesRealData());
        assertEquals(List.of("unknown.csv.lineage.json record 1 (sample) used the model " + model + " (sha256 "
                + Sha256.file(model) + "), which no earlier record made: its fit, and the data it learned from, are not "
                + "recorded"), v.unreached());
        assertTrue(v.toString().startsWith("NOT VERIFIED: " + out + ": 1 record, signatures and digests intact, but the "
                + "chain does not reach real data: "), v.toString());
    }

    @Test
    void everyChangedByteOfTheOutputIsCaught() throws Exception {
        Path out = twoSteps();
        byte[] good = Files.readAllBytes(out);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(out, bad);
            Verification v = verifier.verifyFile(out);
            assertFalse(v.ok(), "flipped byte " + i);
            assertTrue(v.problems().get(0).contains("the file has changed"), v.problems().toString());
        }
    }

    @Test
    void everyChangedByteOfTheSidecarIsCaught() throws Exception {
        Path out = twoSteps();
        Path side = Sidecar.of(out);
        byte[] good = Files.readAllBytes(side);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(side, bad);
            assertFalse(verifier.verifyFile(out).ok(), "flipped sidecar byte " + i + " of " + good.length);
        }
        Files.write(side, good);
        assertTrue(verifier.verifyFile(out).ok());
    }

    @Test
    void everyChangedByteOfALedgerLineIsCaught() throws Exception {
        twoSteps();
        Path ledger = lineage.ledger().file();
        byte[] good = Files.readAllBytes(ledger);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(ledger, bad);
            assertFalse(verifier.verifyLedger(ledger).ok(), "flipped ledger byte " + i + " of " + good.length);
        }
    }

    @Test
    void aLedgerCutShorterThanItsHeadIsNeitherReadNorAppendedTo() throws Exception {
        Path out = twoSteps();
        Ledger ledger = lineage.ledger();
        List<String> lines = Files.readAllLines(ledger.file());
        byte[] head = Files.readAllBytes(ledger.head());
        Files.write(ledger.file(), lines.subList(0, 1));
        TrustStore trust = TrustStore.standard(lineage.keys());

        VerificationException read = assertThrows(VerificationException.class, () -> ledger.verifiedLines(trust));
        assertTrue(read.getMessage().contains("signed for 2 records but the ledger has 1; records were removed from the end")
                && read.getMessage().contains("it was not read"), read.getMessage());
        assertThrows(VerificationException.class, () -> lineage.requireIntactLedger());
        VerificationException append = assertThrows(VerificationException.class,
                () -> lineage.record(sampleStep(dir.resolve("m.model"), out)));
        assertTrue(append.getMessage().contains("nothing was appended"), append.getMessage());
        assertEquals(lines.subList(0, 1), Files.readAllLines(ledger.file()), "nothing appended");
        assertArrayEquals(head, Files.readAllBytes(ledger.head()), "the head is not re-signed");

        Files.delete(ledger.head());
        assertTrue(assertThrows(VerificationException.class, () -> ledger.verifiedLines(trust)).getMessage()
                .contains("ledger.jsonl.head: missing"));
        Files.write(ledger.file(), lines);
        Files.write(ledger.head(), head);
        assertEquals(lines, ledger.verifiedLines(trust), "restored from the backup, it is read again");
    }

    @Test
    void deletedReorderedAndForeignRecordsAreCaught() throws Exception {
        twoSteps();
        lineage.record(Step.builder("export").by("csv", "exporters", "0.1.0")
                .output(Artifact.file("output", Files.writeString(dir.resolve("e.csv"), "x\n1\n"))).build());
        Path ledger = lineage.ledger().file();
        List<String> lines = new ArrayList<>(Files.readAllLines(ledger));
        assertTrue(verifier.verifyLedger(ledger).ok());

        List<String> middleGone = new ArrayList<>(lines);
        middleGone.remove(1);
        Files.write(ledger, middleGone);
        assertTrue(verifier.verifyLedger(ledger).problems().toString().contains("the chain breaks here"));

        List<String> lastGone = new ArrayList<>(lines.subList(0, 2));
        Files.write(ledger, lastGone);
        assertTrue(verifier.verifyLedger(ledger).problems().toString().contains("records were removed from the end"));

        List<String> swapped = new ArrayList<>(lines);
        Collections.swap(swapped, 0, 1);
        Files.write(ledger, swapped);
        assertFalse(verifier.verifyLedger(ledger).ok());

        // Re-sign the last record's statement with a key nobody trusts.
        List<String> resigned = new ArrayList<>(lines);
        JsonNode env = Dsse.JSON.readTree(lines.get(2));
        resigned.set(2, Dsse.JSON.writeValueAsString(Dsse.sign(Dsse.IN_TOTO, Dsse.payload(env), SigningKey.generate())));
        Files.write(ledger, resigned);
        assertTrue(verifier.verifyLedger(ledger).problems().toString().contains("which is not trusted"));

        Files.write(ledger, lines);
        assertTrue(verifier.verifyLedger(ledger).ok());
        assertFalse(new Verifier(new TrustStore()).verifyLedger(ledger).ok(), "an empty trust store trusts nobody");
    }

    @Test
    void oneRemovedLineIsReportedOnceWithTheRecordsAfterItCountedNotListed() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "f");
        for (int i = 0; i < 20; i++) {
            lineage.record(Step.builder("export").by("csv", "exporters", "0.1.0").output(Artifact.file("output", f)).build());
        }
        Path ledger = lineage.ledger().file();
        List<String> lines = new ArrayList<>(Files.readAllLines(ledger));
        lines.remove(2);
        Files.write(ledger, lines);
        List<String> problems = verifier.verifyLedger(ledger).problems();
        List<String> chainProblems = problems.stream().filter(p -> !p.startsWith(ledger.getFileName() + ".head")).toList();
        assertEquals(1, chainProblems.size(), problems.toString());
        assertTrue(chainProblems.get(0).startsWith(ledger.getFileName() + " line 3 (export): the chain breaks here")
                && chainProblems.get(0).contains("1 record was removed before it")
                && chainProblems.get(0).contains("16 later records follow on from this break"), chainProblems.get(0));
        assertTrue(problems.toString().contains("signed for 20 records but the ledger has 19; its last record is the one "
                + "the head signed"), problems.toString());

        lines.remove(10); // a second break further on is counted and placed, not described again
        Files.write(ledger, lines);
        List<String> twice = verifier.verifyLedger(ledger).problems();
        assertTrue(twice.get(0).contains("; 1 more break further on, at line 11"), twice.toString());
    }

    @Test
    void concurrentAppendsStayChained() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "f");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    lineage.record(Step.builder("export").by("csv", "exporters", "0.1.0")
                            .output(Artifact.file("output", f)).build());
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        Verification v = verifier.verifyLedger(lineage.ledger().file());
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(40, v.records());
    }
}
