package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, revocation and retirement: a revoked file fails verify (exit 4, saying who, when and why), in a fresh home
 * too once it imported the revocation list; a tampered list is refused; what is made from a revoked model fails too;
 * a retired file is said to be retired.
 */
class RevocationTest {
    private static final String REASON = "consent withdrawn for the March extract";

    @TempDir
    Path dir;

    private Path ledger;
    private Path model;

    /** Real data, a model fitted to it and 300 rows sampled from it, recorded in this test's ledger. */
    private Path synthetic() throws Exception {
        ledger = dir.resolve("producer.jsonl");
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(400, 3), real);
        }
        model = dir.resolve("m.model");
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger).code());
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 300, "--seed", 2, "--out", syn, "--ledger", ledger)
                .code());
        return syn;
    }

    /** Runs {@code work} with {@code home} as the tabsynth home (its keys, its trust file, its imported lists). */
    private static <T> T inHome(Path home, Callable<T> work) throws Exception {
        String before = System.getProperty("tabsynth.keys");
        System.setProperty("tabsynth.keys", home.resolve("keys").toString());
        try {
            return work.call();
        } finally {
            System.setProperty("tabsynth.keys", before);
        }
    }

    @Test
    void aRevokedFileFailsVerifyInAFreshHomeThatImportedTheList() throws Exception {
        Path syn = synthetic();
        Cli revoke = Cli.run("revoke", syn, "--reason", REASON, "--by", "Data Steward", "--ledger", ledger);
        assertEquals(0, revoke.code(), revoke.err());
        assertTrue(revoke.out().contains("revoked " + syn + " (sha256 " + Sha256.file(syn)), revoke.out());

        Cli here = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertEquals(4, here.code(), here.out());
        String keyId = KeyStore.standard().signingKey().keyId();
        assertTrue(here.err().contains("FAILED: " + syn + " was revoked by Data Steward (key " + keyId.substring(0, 12))
                && here.err().contains(REASON) && here.err().matches("(?s).* on 20\\d\\d-\\d\\d-\\d\\dT.*"), here.err());
        assertEquals(0, Cli.run("lineage", "verify", syn, "--ledger", dir.resolve("other.jsonl")).code(),
                "the revocation lives in the producer's ledger, not in the file");

        Path list = dir.resolve("revoked.json");
        Cli export = Cli.run("revocations", "export", "--out", list, "--ledger", ledger);
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("1 revocation, 0 retirements"), export.out());
        Path pem = dir.resolve("producer.pem");
        Files.writeString(pem, KeyStore.standard().signingKey().publicKeyPem());

        Path home = dir.resolve("fresh-home");
        Path theirLedger = dir.resolve("consumer.jsonl");
        inHome(home, () -> {
            assertEquals(0, Cli.run("keys", "trust", pem, "--name", "Producer").code());
            Cli before = Cli.run("lineage", "verify", syn, "--ledger", theirLedger);
            assertEquals(0, before.code(), "verifies before the list is imported: " + before.err());

            Cli imported = Cli.run("revocations", "import", list);
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.out().contains("1 withdrawal"), imported.out());

            Cli after = Cli.run("lineage", "verify", syn, "--ledger", theirLedger);
            assertEquals(4, after.code(), after.out());
            assertTrue(after.err().contains("was revoked by Data Steward (key " + keyId.substring(0, 12) + ", trusted as "
                    + "Producer) on ") && after.err().contains(REASON), after.err());
            Cli show = Cli.run("lineage", "show", syn, "--ledger", theirLedger);
            assertTrue(show.out().contains(syn + " was revoked by Data Steward"), show.out());
            return null;
        });
    }

    @Test
    void aTamperedOrUntrustedListIsRefused() throws Exception {
        Path syn = synthetic();
        assertEquals(0, Cli.run("revoke", syn, "--reason", REASON, "--ledger", ledger).code());
        Path list = dir.resolve("revoked.json");
        assertEquals(0, Cli.run("revocations", "export", "--out", list, "--ledger", ledger).code());

        ObjectNode env = (ObjectNode) Dsse.JSON.readTree(Files.readAllBytes(list));
        String statement = new String(Base64.getDecoder().decode(env.path("payload").asText()), StandardCharsets.UTF_8);
        Path tampered = dir.resolve("tampered.json");
        env.put("payload", Base64.getEncoder().encodeToString(statement.replace(Sha256.file(syn), "0".repeat(64))
                .getBytes(StandardCharsets.UTF_8)));
        Files.writeString(tampered, Dsse.JSON.writeValueAsString(env));

        Cli refused = Cli.run("revocations", "import", tampered);
        assertEquals(4, refused.code(), refused.out());
        assertTrue(refused.err().contains("tampered.json: the signature does not verify")
                && refused.err().contains("the list was changed after it was signed"), refused.err());
        Cli verify = Cli.run("lineage", "verify", syn, "--revocations", tampered, "--ledger", dir.resolve("none.jsonl"));
        assertEquals(4, verify.code());
        assertTrue(verify.err().contains("tampered.json: the signature does not verify"), verify.err());
        assertFalse(Files.exists(KeyStore.standard().dir().resolveSibling("revocations")), "nothing was imported");

        Cli untrusted = inHome(dir.resolve("stranger"), () -> Cli.run("revocations", "import", list));
        assertEquals(4, untrusted.code());
        assertTrue(untrusted.err().contains("which is not trusted"), untrusted.err());

        Cli given = Cli.run("lineage", "verify", syn, "--revocations", list, "--ledger", dir.resolve("none.jsonl"));
        assertEquals(4, given.code(), "the untampered list, given for one command, revokes: " + given.out());
        assertTrue(given.err().contains("was revoked by"), given.err());
    }

    @Test
    void whatIsMadeFromARevokedModelFailsVerifyAndCertify() throws Exception {
        Path syn = synthetic();
        Path report = dir.resolve("report.json");
        assertEquals(0, Cli.run("evaluate", "--real", dir.resolve("real.csv"), "--synthetic", syn, "--evaluators",
                "fidelity", "--report", report, "--ledger", ledger).code());
        assertEquals(0, Cli.run("revoke", model, "--reason", "trained on the wrong extract", "--ledger", ledger).code());

        Cli verify = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertEquals(4, verify.code());
        assertTrue(verify.err().contains(syn + " derives from m.model") || verify.err().contains(syn + " derives from "
                + model), verify.err());
        assertTrue(verify.err().contains("trained on the wrong extract"), verify.err());
        assertEquals(1, verify.err().lines().filter(l -> l.startsWith("FAILED: ")).count(),
                "the model is the fit's subject and the sample's input, and its one revocation is said once: " + verify.err());

        Path cert = dir.resolve("cert.json");
        Cli certify = Cli.run("certify", syn, "--report", report, "--out", cert, "--ledger", ledger);
        assertEquals(4, certify.code(), certify.out());
        assertTrue(certify.err().contains("a revoked dataset is not certified"), certify.err());
        assertFalse(Files.exists(cert));
    }

    @Test
    void aRevokedModelIsNotSampledAndTheRefusalSaysWhoRevokedItWhenAndWhy() throws Exception {
        synthetic();
        assertEquals(0, Cli.run("revoke", model, "--reason", "trained on the wrong extract", "--by", "Data Steward",
                "--ledger", ledger).code());
        Path out = dir.resolve("again.csv");
        Cli sample = Cli.run("sample", "--model", model, "--rows", 50, "--seed", 1, "--out", out, "--ledger", ledger);
        assertEquals(4, sample.code(), sample.err());
        assertTrue(sample.err().contains(model + " was revoked by Data Steward") && sample.err().contains(
                "trained on the wrong extract") && sample.err().contains("a revoked model is not sampled"), sample.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void cuttingTheRevocationOffTheLedgerDoesNotUnrevokeAndNothingIsAppendedOrResigned() throws Exception {
        Path syn = synthetic();
        int before = Files.readAllLines(ledger).size();
        assertEquals(0, Cli.run("revoke", syn, "--reason", REASON, "--ledger", ledger).code());
        Path head = ledger.resolveSibling(ledger.getFileName() + ".head");
        byte[] signedHead = Files.readAllBytes(head);
        Files.write(ledger, Files.readAllLines(ledger).subList(0, before));

        Cli verify = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertEquals(4, verify.code(), verify.out());
        assertTrue(verify.err().contains(ledger + ": does not match its signed head (producer.jsonl.head: signed for "
                + (before + 1) + " records but the ledger has " + before + "; records were removed from the end)"),
                verify.err());

        byte[] cut = Files.readAllBytes(ledger);
        Path out = dir.resolve("again.csv");
        Cli sample = Cli.run("sample", "--model", model, "--rows", 50, "--seed", 1, "--out", out, "--ledger", ledger);
        assertEquals(4, sample.code(), sample.err());
        assertTrue(sample.err().contains("does not match its signed head"), sample.err());
        assertFalse(Files.exists(out), "no output without its record");
        assertArrayEquals(cut, Files.readAllBytes(ledger), "nothing appended");
        assertArrayEquals(signedHead, Files.readAllBytes(head), "the head is not re-signed for the cut ledger");
        assertEquals(4, Cli.run("lineage", "verify", ledger).code(), "the ledger itself still fails");
    }

    @Test
    void aRetiredFileIsSaidToBeRetiredAndCanBeRetiredByDigestOnceGone() throws Exception {
        Path syn = synthetic();
        Cli retire = Cli.run("retire", syn, "--reason", "all copies deleted on 2026-12-01", "--ledger", ledger);
        assertEquals(0, retire.code(), retire.err());
        Cli verify = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertEquals(0, verify.code(), "retired is said, not failed: " + verify.err());
        assertTrue(verify.out().contains("note: " + syn + " was retired by") && verify.out().contains("all copies deleted"),
                verify.out());

        String digest = Sha256.file(model);
        Files.delete(model);
        Cli gone = Cli.run("retire", "--digest", "sha256:" + digest, "--reason", "model deleted", "--ledger", ledger);
        assertEquals(0, gone.code(), gone.err());
        assertTrue(gone.out().contains("retired " + model) || gone.out().contains("m.model"), gone.out());
        Cli show = Cli.run("lineage", "show", model, "--ledger", ledger);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("was retired by") && show.out().contains("model deleted"), show.out());

        Cli modelGone = Cli.run("lineage", "verify", model, "--ledger", ledger);
        assertEquals(0, modelGone.code(), "a deleted file whose retirement the ledger records is accounted for: "
                + modelGone.err());
        assertTrue(modelGone.out().contains(model + " is gone: it was retired by") && modelGone.out().contains("model deleted"),
                modelGone.out());

        Files.delete(syn);
        Files.delete(Path.of(syn + ".lineage.json"));
        Cli synGone = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertEquals(0, synGone.code(), synGone.err());
        assertTrue(synGone.out().contains(syn + " is gone: it was retired by") && synGone.out().contains("all copies deleted")
                && synGone.out().matches("(?s).* on 20\\d\\d-\\d\\d-\\d\\dT.*"), synGone.out());
        Cli neverMade = Cli.run("lineage", "verify", dir.resolve("never.csv"), "--ledger", ledger);
        assertEquals(2, neverMade.code(), "a file no retirement names is not found: " + neverMade.out());
        assertTrue(neverMade.err().contains("never.csv: file not found"), neverMade.err());

        Cli neither = Cli.run("retire", "--reason", "x", "--ledger", ledger);
        assertEquals(2, neither.code());
        Cli badDigest = Cli.run("retire", "--digest", "sha256:abc", "--reason", "x", "--ledger", ledger);
        assertEquals(2, badDigest.code());
        assertTrue(badDigest.err().contains("is not a SHA-256"), badDigest.err());
    }
}
