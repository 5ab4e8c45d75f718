package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.governance.Revalidations;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.shell.cli.ReviewCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25, revalidation and drift: tabsynth revalidate, its signed record, and the review date lineage verify reports. */
class RevalidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    private Path ledger;
    private Path old;

    /** People: age ~ N(40 + shift, 10), income tied to age, city A/B/C with the given shares, plan basic/plus. */
    private Path people(String name, long seed, double ageShift, double shareA, double shareB) throws Exception {
        Random rng = new Random(seed);
        StringBuilder csv = new StringBuilder("age,income,city,plan\n");
        for (int i = 0; i < ROWS; i++) {
            double age = 40 + ageShift + 10 * rng.nextGaussian();
            double u = rng.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%s,%s%n", age, 50000 + 10000 * rng.nextGaussian(),
                    u < shareA ? "A" : u < shareA + shareB ? "B" : "C", rng.nextBoolean() ? "basic" : "plus"));
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private Cli run(Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add("--ledger");
        all.add(ledger);
        return Cli.run(all.toArray());
    }

    /** Synthetic data from old.csv, evaluated with a policy of fidelity checks (or under a charter), and certified. */
    private Path certified(Path charter) throws Exception {
        Path syn = dir.resolve("syn.csv");
        Cli made = run("synth", "--data", old, "--generator", "gaussian-copula", "--rows", ROWS, "--seed", 1, "--out", syn);
        assertEquals(0, made.code(), made.err());
        Path policy = Files.writeString(dir.resolve("policy.json"),
                "{\"checks\": [\"fidelity.score >= 0.8\", \"fidelity.columnShapes >= 0.9\"]}");
        Path report = dir.resolve("report.json");
        Cli evaluated = charter == null
                ? run("evaluate", "--real", old, "--synthetic", syn, "--evaluators", "fidelity", "--policy", policy, "--report", report)
                : run("evaluate", "--real", old, "--synthetic", syn, "--evaluators", "fidelity", "--charter", charter, "--report", report);
        assertEquals(0, evaluated.code(), evaluated.err());
        Path cert = dir.resolve("cert.json");
        Cli done = charter == null ? run("certify", syn, "--report", report, "--out", cert)
                : run("certify", syn, "--report", report, "--out", cert, "--charter", charter);
        assertEquals(0, done.code(), done.err());
        return cert;
    }

    @BeforeEach
    void oldSnapshot() throws Exception {
        ledger = dir.resolve("ledger.jsonl");
        old = people("old.csv", 1, 0, 0.5, 0.3);
    }

    @Test
    void aShiftedSnapshotShowsExactlyTheShiftedColumnsAndTheCertificateNoLongerHolds() throws Exception {
        Path cert = certified(null);
        Path shifted = people("shifted.csv", 3, 8, 0.2, 0.6);
        Path record = dir.resolve("rec.json");
        Cli r = run("revalidate", cert, "--real", shifted, "--baseline", old, "--out", record, "--json");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no longer holds") && r.err().contains("fidelity.columnShapes >= 0.9"), r.err());
        JsonNode p = JSON.readTree(r.out());
        assertEquals(List.of("age", "city"), texts(p.path("drift").path("shifted")));
        for (String stable : new String[] {"income", "plan"}) {
            assertEquals("stable", p.path("drift").path("columns").path(stable).path("status").asText(), stable);
        }
        assertTrue(p.path("drift").path("columns").path("age").path("ksPValue").asDouble() < 1e-6);
        assertEquals(10, p.path("drift").path("columns").path("age").path("bins").size(), "deciles of the baseline");
        assertFalse(p.path("holds").asBoolean());

        SignedDocument written = SignedDocument.read(record);
        JsonNode st = written.statement();
        assertEquals(Revalidations.PREDICATE_TYPE, st.path("predicateType").asText());
        assertEquals(SignedDocument.read(cert).payloadSha256(), st.path("subject").get(0).path("digest").path("sha256").asText());
        assertEquals(p, st.path("predicate"), "--json prints what the record signs");
        Cli log = run("lineage", "log");
        assertTrue(log.out().contains("revalidate") && log.out().contains("rec.json"), log.out());
    }

    @Test
    void aNewSampleOfTheSameDistributionHoldsAndItsRecordVerifiesUntilOneByteChanges() throws Exception {
        Path cert = certified(null);
        Path same = people("same.csv", 2, 0, 0.5, 0.3);
        Cli r = run("revalidate", cert, "--real", same, "--baseline", old);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("shifted columns: none") && r.out().contains("the certificate still holds"), r.out());
        Path record = dir.resolve("cert.revalidation.json");
        Cli show = Cli.run("lineage", "show", record);
        assertTrue(show.out().contains("revalidate by revalidate") && show.out().contains("new real data " + same), show.out());
        Cli verified = Cli.run("lineage", "verify", record, "--ledger", ledger);
        assertEquals(0, verified.code(), verified.err());

        byte[] bytes = Files.readAllBytes(record);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"payload\"") + 15;
        bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
        Files.write(record, bytes);
        Cli tampered = Cli.run("lineage", "verify", record, "--ledger", ledger);
        assertEquals(4, tampered.code(), tampered.out() + tampered.err());
        assertTrue(tampered.err().contains("the file has changed"), tampered.err());
    }

    @Test
    void aBaselineOtherThanTheRecordedRealDataIsExit4AndWritesNothing() throws Exception {
        Path cert = certified(null);
        Path other = people("other.csv", 5, 0, 0.5, 0.3);
        Path record = dir.resolve("rec.json");
        Cli r = run("revalidate", cert, "--real", other, "--baseline", other, "--out", record);
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("other.csv") && r.err().contains("old.csv") && r.err().contains("--baseline must be"),
                r.err());
        assertFalse(Files.exists(record));
    }

    @Test
    void aSnapshotOfOtherColumnsIsBadInputNamingTheSnapshotAndTheColumns() throws Exception {
        Path cert = certified(null);
        StringBuilder csv = new StringBuilder("patient_id,age,city,plan,sbp\n");
        for (int i = 0; i < 100; i++) {
            csv.append("P").append(i).append(',').append(30 + i % 40).append(i % 2 == 0 ? ",A," : ",B,")
                    .append(i % 3 == 0 ? "basic," : "plus,").append(110 + i % 50).append('\n');
        }
        Path clinical = Files.writeString(dir.resolve("clinical.csv"), csv);
        Path record = dir.resolve("rec.json");
        Cli r = run("revalidate", cert, "--real", clinical, "--out", record);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(clinical + ": its columns are not those of the certified dataset syn.csv "
                + "(missing: income; extra: patient_id, sbp)"), r.err());
        assertFalse(r.err().contains("syn.csv: has no column"), r.err());
        assertFalse(Files.exists(record));
    }

    @Test
    void aMissingSnapshotIsBadInputNamingIt() throws Exception {
        Path cert = certified(null);
        Cli r = run("revalidate", cert, "--real", dir.resolve("nowhere.csv"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nowhere.csv: file not found"), r.err());
    }

    @Test
    void aCertificatePastItsReviewIntervalIsOverdueUntilAPassingRevalidation() throws Exception {
        String me = KeyStore.standard().signingKey().keyId();
        Path draft = Files.writeString(dir.resolve("charter-draft.json"), "{\"name\": \"people\", \"version\": 1, "
                + "\"purpose\": \"tests\", \"approvedUses\": [\"testing\"], \"audiences\": [\"analysts\"], "
                + "\"checks\": [\"fidelity.score >= 0.8\"], \"approvers\": [{\"name\": \"Me\", \"keyid\": \"" + me + "\"}], "
                + "\"quorum\": {\"charter\": 1, \"plan\": 1, \"release\": 1}, \"reviewInterval\": \"P6M\", "
                + "\"issued\": \"2026-12-01\"}");
        Path charter = dir.resolve("charter.json");
        Cli signed = Cli.run("charter", "sign", draft, "--out", charter);
        assertEquals(0, signed.code(), signed.err());
        Path cert = certified(charter);
        Instant certifiedOn = Instant.parse(SignedDocument.read(cert).statement().path("predicate").path("issuedOn").asText());
        Instant justPastDue = certifiedOn.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(6)).toInstant().plusMillis(1);

        Cli verified = Cli.run("lineage", "verify", cert, "--ledger", ledger);
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("review: due"), verified.out());
        Review before = review(cert, justPastDue);
        assertEquals(3, before.code, before.out + before.err);
        assertTrue(before.err.contains("review overdue since " + justPastDue.minusMillis(1)), before.err);

        Cli revalidated = run("revalidate", cert, "--real", people("same.csv", 2, 0, 0.5, 0.3), "--charter", charter);
        assertEquals(0, revalidated.code(), revalidated.out() + revalidated.err());
        Review after = review(cert, justPastDue);
        assertEquals(0, after.code, after.out + after.err);
        assertTrue(after.out.contains("last revalidation: ") && after.out.contains("cert.revalidation.json")
                && after.out.contains("the certificate still held"), after.out);
        Instant revalidatedOn = Instant.parse(Dsse.JSON.readTree(Dsse.payload(JSON.readTree(
                dir.resolve("cert.revalidation.json").toFile()))).path("predicate").path("revalidatedOn").asText());
        Review later = review(cert, revalidatedOn.atOffset(ZoneOffset.UTC).plus(Period.ofMonths(6)).toInstant().plusMillis(1));
        assertEquals(3, later.code, later.out);
    }

    /** A charter with one approver (this test's key), the given checks and review interval, signed. */
    private Path charter(String name, String check) throws Exception {
        String me = KeyStore.standard().signingKey().keyId();
        Path draft = Files.writeString(dir.resolve(name + "-draft.json"), "{\"name\": \"people\", \"version\": 1, "
                + "\"purpose\": \"tests\", \"approvedUses\": [\"testing\"], \"audiences\": [\"analysts\"], "
                + "\"checks\": [\"" + check + "\"], \"approvers\": [{\"name\": \"Me\", \"keyid\": \"" + me + "\"}], "
                + "\"quorum\": {\"charter\": 1, \"plan\": 1, \"release\": 1}, \"reviewInterval\": \"P6M\", "
                + "\"issued\": \"2026-12-01\"}");
        Path signed = dir.resolve(name + ".json");
        Cli done = Cli.run("charter", "sign", draft, "--out", signed);
        assertEquals(0, done.code(), done.err());
        return signed;
    }

    @Test
    void theOriginalDataOrAnotherCharterRenewsNoReview() throws Exception {
        Path charter = charter("charter", "fidelity.score >= 0.8");
        Path cert = certified(charter);
        Path record = dir.resolve("cert.revalidation.json");

        // the real data the dataset was made from, as the "new" snapshot, under any name: refused, nothing written
        Path copy = Files.copy(old, dir.resolve("old-again.csv"));
        for (Path same : new Path[] {old, copy}) {
            Cli r = run("revalidate", cert, "--real", same, "--baseline", old, "--charter", charter);
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("has the same data as old.csv, the real data") && r.err().contains(
                    "--real must be a newer snapshot"), r.err());
            assertFalse(Files.exists(record));
        }
        assertTrue(Revalidations.of(new Ledger(ledger), TrustStore.standard(KeyStore.standard()),
                SignedDocument.read(cert).payloadSha256()).isEmpty(), "no revalidation recorded");

        // a charter other than the certificate's (same name and version, other checks): refused
        Path other = charter("lenient", "fidelity.score >= 0.1");
        Path newer = people("newer.csv", 3, 0, 0.5, 0.3);
        Cli r = run("revalidate", cert, "--real", newer, "--charter", other);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("lenient.json: charter digest") && r.err().contains("was certified under")
                && r.err().contains("charter.json"), r.err());
        assertFalse(Files.exists(record));
        Cli verify = Cli.run("lineage", "verify", cert, "--ledger", ledger, "--charter", other);
        assertEquals(2, verify.code(), verify.out() + verify.err());
        assertTrue(verify.err().contains("its review date is counted only under the certificate's own charter"),
                verify.err());

        // a newer snapshot under the certificate's own charter renews it
        assertEquals(0, run("revalidate", cert, "--real", newer, "--charter", charter).code());
        assertTrue(Files.exists(record));
    }

    private record Review(int code, String out, String err) {
    }

    /** What lineage verify says of the certificate's review at {@code now}. */
    private Review review(Path cert, Instant now) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ReviewCheck.check(cert, null, new Ledger(ledger), TrustStore.standard(KeyStore.standard()),
                Clock.fixed(now, ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Review(code, out.toString(), err.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
