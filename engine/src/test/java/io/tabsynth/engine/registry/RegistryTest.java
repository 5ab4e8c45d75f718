package io.tabsynth.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.governance.Charter;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.governance.revocation.RetirementApproval;
import io.tabsynth.engine.governance.revocation.Withdrawing;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.privacy.LedgerFits;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry: built sync by sync it holds the same rows as rebuilt from the ledgers at once (in SQLite and in H2),
 * a row changed by SQL is caught against the ledger, statuses and budgets are read right.
 */
class RegistryTest {
    @TempDir
    Path dir;

    private Lineage lineage;
    private TrustStore trust;
    private int files;
    /** An approver of the charters below, trusted; the local key certifies and is no approver. */
    private final SigningKey bob = SigningKey.generate();

    private Lineage lineage() {
        if (lineage == null) {
            lineage = new Lineage(new Ledger(dir.resolve(".tabsynth/ledger.jsonl")), new KeyStore(dir.resolve("keys")));
            lineage.keys().signingKey();
            trust = TrustStore.standard(lineage.keys()).add(bob.publicKeyBytes(), "Bob");
        }
        return lineage;
    }

    private Registry registry(String url) {
        lineage();
        return new Registry(RegistryDatabase.open(url), List.of(lineage.ledger().file()), trust);
    }

    private String sqlite(String name) {
        return RegistryDatabase.sqliteFile(dir.resolve(name));
    }

    /** A file of its own bytes, as a step's output. */
    private Artifact file(String role, String name, String contentSha) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, name + " " + (files++));
        return new Artifact(role, p, Sha256.file(p), contentSha, contentSha == null ? Artifact.NOT_DATA : 100);
    }

    private Artifact fit(Artifact real, String model, Map<String, Object> privacy, Artifact... more) throws Exception {
        Artifact m = file("subject", model, null);
        Step.Builder b = Step.builder("fit").by("gaussian-copula", "copula", "1").seed(1L).input(real).output(m);
        for (Artifact a : more) {
            b.input(a);
        }
        if (privacy != null) {
            b.result(FitPrivacy.RESULT, privacy);
        }
        lineage().record(b.build());
        return m;
    }

    private Artifact sample(Artifact model, String out) throws Exception {
        Artifact d = file("subject", out, Sha256.hex(out.getBytes(StandardCharsets.UTF_8)));
        lineage().record(Step.builder("sample").by("gaussian-copula", "copula", "1").seed(2L)
                .input(model.as(Artifact.MODEL_ROLE)).output(d).build());
        return d;
    }

    private Artifact real(String name) throws Exception {
        return file(Artifact.REAL_DATA_ROLE, name, Sha256.hex(("content of " + name).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> privacy(String rho) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epsilon", 1.0);
        p.put("delta", 1e-6);
        p.put("rho", rho);
        p.put("selectionDelta", 0.0);
        p.put("noise", "secure");
        p.put("epsilonSpent", 1.0);
        return p;
    }

    /** Every row of every table of the registry at the URL. */
    private static Map<String, Map<String, Map<String, String>>> rowsAt(String url) throws Exception {
        Map<String, Map<String, Map<String, String>>> all = new LinkedHashMap<>();
        try (Connection db = RegistryDatabase.open(url)) {
            RowStore store = new RowStore(db);
            for (RegistrySchema.Table t : RegistrySchema.DERIVED) {
                all.put(t.name(), store.read(t));
            }
            all.put(RegistrySchema.LEDGERS.name(), store.read(RegistrySchema.LEDGERS));
        }
        return all;
    }

    /** The status {@code registry list} gives the item. */
    private static String status(RegistryView v, Artifact a) {
        List<Map<String, Object>> found = v.list(null, a.sha256(), null, Instant.now());
        assertEquals(1, found.size(), a.path() + " is listed once");
        return (String) found.get(0).get("status");
    }

    @Test
    void theRegistryBuiltSyncBySyncHoldsTheRowsOfOneRebuiltFromTheLedgers() throws Exception {
        String incremental = sqlite("incremental.db");
        Artifact real = real("real.csv");
        Artifact model = fit(real, "m.model", privacy("1/2"));
        try (Registry r = registry(incremental)) {
            assertEquals(1, r.sync(false).total());
        }
        Artifact first = sample(model, "syn1.csv");
        try (Registry r = registry(incremental)) {
            assertEquals(1, r.sync(false).total(), "only the entry not indexed yet");
            assertEquals(0, r.sync(false).total(), "nothing new: nothing added");
        }
        new Withdrawing(lineage()).revoke(model, "trained on the wrong extract", "Steward");
        Artifact second = sample(fit(real, "m2.model", null), "syn2.csv");
        new Withdrawing(lineage()).retire(first, "copies deleted", "Steward", RetirementApproval.NONE);
        try (Registry r = registry(incremental)) {
            assertEquals(4, r.sync(false).total(), "revoke, fit, sample, retire");
            assertTrue(r.verify().ok(), r.verify().problems().toString());
        }
        try (Registry r = registry(sqlite("rebuilt.db"))) {
            r.sync(true);
        }
        try (Registry r = registry("jdbc:h2:mem:rebuilt;DB_CLOSE_DELAY=-1")) {
            r.sync(false);
        }
        var once = rowsAt(sqlite("rebuilt.db"));
        assertEquals(once, rowsAt(incremental), "incremental and rebuilt registries hold the same rows");
        assertEquals(once, rowsAt("jdbc:h2:mem:rebuilt;DB_CLOSE_DELAY=-1"), "H2 through the same code holds them too");
        assertEquals(6, once.get(RegistrySchema.ENTRIES.name()).size());
        try (Registry r = registry(incremental)) {
            RegistryView v = r.view();
            assertEquals("retired", status(v, first));
            assertEquals("revoked", status(v, model));
            assertEquals("active", status(v, second));
        }
    }

    private Path charter(String reviewInterval, double maxEpsilon) throws Exception {
        SigningKey local = lineage().keys().signingKey();
        ObjectNode c = (ObjectNode) Dsse.JSON.readTree("{\"name\": \"board\", \"version\": 1, \"purpose\": \"tests\","
                + "\"approvedUses\": [\"testing\"], \"audiences\": [\"us\"], \"checks\": [\"fidelity.score >= 0.5\"],"
                + "\"privacyBudget\": [{\"data\": \"a.csv\", \"maxEpsilon\": " + maxEpsilon + "}],"
                + "\"approvers\": [{\"name\": \"Bob\", \"keyid\": \"" + bob.keyId() + "\"}, {\"name\": \"Carol\", \"keyid\": \""
                + SigningKey.generate().keyId() + "\"}], \"quorum\": {\"charter\": 1, \"plan\": 1, \"release\": 1}, "
                + "\"reviewInterval\": \"" + reviewInterval + "\", \"issued\": \"2026-01-01\"}");
        Path draft = dir.resolve("draft-" + reviewInterval + ".json");
        Files.writeString(draft, c.toString());
        Path file = dir.resolve("charter-" + reviewInterval + ".json");
        SignedDocument.create(Dsse.IN_TOTO, Charter.readDraft(draft).payload(), local, Instant.now()).write(file);
        return file;
    }

    /** Certifies a dataset under a charter at a time: a certificate file signed (without an approval) and its record. */
    private Path certify(Artifact dataset, Path charter, Instant when, String name) throws Exception {
        ObjectNode st = Dsse.JSON.createObjectNode().put("_type", "https://in-toto.io/Statement/v1")
                .put("predicateType", Certifier.PREDICATE_TYPE);
        st.putObject("predicate").put("dataset", dataset.sha256());
        ObjectNode env = Dsse.sign(Dsse.IN_TOTO, Dsse.JSON.writeValueAsBytes(st), lineage().keys().signingKey());
        Path cert = dir.resolve(name);
        Files.write(cert, JsonOutput.pretty(env, "certificate"));
        lineage().record(Step.builder("certify").by("certify", "engine", "1").input(dataset.as("dataset"))
                .input(SignedCharter.read(charter, trust).artifact()).output(Artifact.file("subject", cert))
                .between(when, when).build());
        return cert;
    }

    private void approve(Path cert) {
        SignedDocument.read(cert).approve(bob, Instant.now(), trust).write(cert);
    }

    @Test
    void listingByRealDataFindsItsDatasetsWithTheirStatuses() throws Exception {
        String url = sqlite("r.db");
        Artifact a = real("a.csv");
        Artifact b = real("b.csv");
        Path yearly = charter("P1Y", 3);
        Artifact mA = fit(a, "a.model", null);
        Artifact active = sample(mA, "active.csv");
        Artifact awaiting = sample(mA, "awaiting.csv");
        Artifact approved = sample(mA, "approved.csv");
        Artifact expired = sample(mA, "expired.csv");
        Artifact revalidated = sample(mA, "revalidated.csv");
        Artifact revoked = sample(fit(a, "revoked.model", null), "from-revoked.csv");
        Artifact fromB = sample(fit(b, "b.model", null), "from-b.csv");
        new Withdrawing(lineage()).revoke(Artifact.file("model", dir.resolve("revoked.model")), "wrong extract", "Steward");
        certify(awaiting, yearly, Instant.now(), "awaiting.cert.json");
        Path approvedCert = certify(approved, yearly, Instant.now(), "approved.cert.json");
        Path monthly = charter("P30D", 3);
        Path old = certify(expired, monthly, Instant.parse("2026-01-01T00:00:00Z"), "expired.cert.json");
        Path again = certify(revalidated, monthly, Instant.parse("2026-01-01T00:00:00Z"), "revalidated.cert.json");
        approve(old);
        approve(again);
        try (Registry r = registry(url)) {
            r.sync(false);
            assertEquals("awaiting-approval", status(r.view(), approved), "no approval yet");
        }
        approve(approvedCert);
        Artifact certAgain = Artifact.file("certificate", again);
        lineage().record(Step.builder("revalidate").by("revalidate", "engine", "1")
                .input(new Artifact("certificate", again, Sha256.hex(SignedDocument.read(again).bytesBeforeApprovals()), null, -1))
                .result("holds", true).build());
        try (Registry r = registry(url)) {
            assertTrue(r.verify().notes().stream().anyMatch(n -> n.contains("newer than the last sync")),
                    "an approval signed after the sync is news, not tampering: " + r.verify());
            r.sync(false);
            RegistryView v = r.view();
            Instant now = Instant.now();
            Map<String, String> byName = new LinkedHashMap<>();
            for (Map<String, Object> row : v.list(v.realDigests(a.sha256()), null, null, now)) {
                if ("dataset".equals(row.get("kind"))) {
                    byName.put(Path.of((String) row.get("name")).getFileName().toString(), (String) row.get("status"));
                }
            }
            Map<String, String> want = new LinkedHashMap<>();
            want.put("active.csv", "active");
            want.put("awaiting.csv", "awaiting-approval");
            want.put("approved.csv", "active");
            want.put("expired.csv", "expired");
            want.put("revalidated.csv", "active");
            want.put("from-revoked.csv", "revoked");
            assertEquals(want, byName, "a.csv's datasets, and not b.csv's");
            assertEquals(List.of(), v.list(v.realDigests(a.sha256()), fromB.sha256(), null, now));
            assertEquals(1, v.list(null, null, ItemStatus.EXPIRED, now).stream()
                    .filter(m -> "dataset".equals(m.get("kind"))).count());
            Map<String, Object> shown = v.show(approved.sha256().substring(0, 12), now);
            assertEquals("active", shown.get("status"));
            List<?> certs = (List<?>) shown.get("certificates");
            assertEquals(1, certs.size());
            assertTrue(certs.get(0).toString().contains("by=Bob"), certs.toString());
            assertFalse(((List<?>) v.show(revoked.sha256(), now).get("withdrawals")).isEmpty(),
                    "show names the revocation that reaches it through its model");
        }
    }

    @Test
    void aRowChangedAddedOrRemovedBySqlIsCaughtAgainstTheLedger() throws Exception {
        String url = sqlite("t.db");
        Artifact model = fit(real("a.csv"), "a.model", null);
        Artifact syn = sample(model, "syn.csv");
        new Withdrawing(lineage()).revoke(syn, "leaks a record", "Steward");
        try (Registry r = registry(url)) {
            r.sync(false);
            assertTrue(r.verify().ok());
            assertEquals("revoked", status(r.view(), syn));
        }
        try (Connection db = RegistryDatabase.open(url); Statement st = db.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE registry_items SET status = 'active' WHERE status = 'revoked'"));
        }
        try (Registry r = registry(url)) {
            List<String> problems = r.verify().problems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("registry_items row sha256 " + syn.sha256().substring(0, 12)
                    + ": status is 'active', not 'revoked', as the ledger entries "), problems.get(0));
            assertTrue(problems.get(0).contains("(ledger.jsonl line 2) and "), "the sample that made it: " + problems.get(0));
            assertTrue(problems.get(0).contains("(ledger.jsonl line 3) give it"), "the revocation: " + problems.get(0));
            VerificationException e = assertThrows(VerificationException.class, r::view);
            assertTrue(e.getMessage().contains("the registry does not match its ledgers"), e.getMessage());
        }
        try (Connection db = RegistryDatabase.open(url); Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE registry_items SET status = 'revoked' WHERE sha256 = '" + syn.sha256() + "'");
            st.executeUpdate("DELETE FROM registry_withdrawals");
            st.executeUpdate("INSERT INTO registry_approvals VALUES ('" + syn.sha256() + "', '" + "f".repeat(64)
                    + "', 'release', 'Mallory', '2026-01-01T00:00:00Z', '" + "0".repeat(64) + "')");
        }
        try (Registry r = registry(url)) {
            List<String> problems = r.verify().problems();
            assertEquals(2, problems.size(), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("registry_withdrawals row entry ")
                    && p.endsWith("is missing; it was removed outside tabsynth")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("registry_approvals row ")
                    && p.contains("added outside tabsynth")), problems.toString());
            r.sync(true);
            assertTrue(r.verify().ok(), "a rebuild from the ledgers repairs it");
        }
    }

    @Test
    void approvalRowsDeletedAfterTheSyncAreCaughtWhileAnApprovalSignedSinceIsNews() throws Exception {
        String url = sqlite("d.db");
        Artifact plan = new Artifact("plan", dir.resolve("plan.json"), "1".repeat(64), "2".repeat(64), Artifact.NOT_DATA);
        Artifact model = file("subject", "m.model", null);
        lineage().record(Step.builder("fit").by("gaussian-copula", "copula", "1").seed(1L).input(real("a.csv")).input(plan)
                .output(model).result("planApprovals", List.of(Map.of("name", "Bob", "keyid", bob.keyId(),
                        "approvedOn", "2026-12-01T10:00:00Z"))).build());
        Path board = charter("P1Y", 1);
        Path cert = certify(sample(model, "syn.csv"), board, Instant.now(), "syn.cert.json");
        approve(cert);
        Path later = certify(sample(model, "later.csv"), board, Instant.now(), "later.cert.json");
        try (Registry r = registry(url)) {
            r.sync(false);
            assertTrue(r.verify().ok(), r.verify().problems().toString());
        }
        approve(later);
        try (Registry r = registry(url)) {
            RegistryCheck.Findings f = r.verify();
            assertTrue(f.ok() && f.notes().stream().anyMatch(n -> n.contains("newer than the last sync")), f.toString());
        }
        try (Connection db = RegistryDatabase.open(url); Statement st = db.createStatement()) {
            assertEquals(4, st.executeUpdate("DELETE FROM registry_approvals"), "the plan's, and the certificates' signers");
        }
        try (Registry r = registry(url)) {
            List<String> problems = r.verify().problems();
            String certDigest = Sha256.hex(SignedDocument.read(cert).bytesBeforeApprovals()).substring(0, 12);
            assertTrue(problems.contains("registry_approvals row document_sha256 " + certDigest + ", key_id "
                    + bob.keyId().substring(0, 12) + ": the last sync indexed this release approval and it is missing; "
                    + "it was removed outside tabsynth"), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("registry_approvals row document_sha256 "
                    + "2".repeat(12) + ", key_id " + bob.keyId().substring(0, 12)) && p.endsWith("removed outside tabsynth")),
                    "the plan approval the fit recorded: " + problems);
            assertEquals(4, problems.size(), "the two signatures of syn.cert.json, the certifier's of later.cert.json "
                    + "and the plan's; Bob's approval of later.cert.json, signed after the sync, is news: " + problems);
            r.sync(true);
            assertTrue(r.verify().ok(), "a rebuild from the ledgers repairs it");
        }
    }

    @Test
    void aLedgerThatDoesNotVerifyIndexesNothing() throws Exception {
        String url = sqlite("b.db");
        fit(real("a.csv"), "a.model", null);
        fit(real("b.csv"), "b.model", null);
        Path ledger = lineage().ledger().file();
        List<String> lines = Files.readAllLines(ledger);
        lines.set(0, lines.get(0).replace("\"payload\":\"", "\"payload\":\"e30"));
        Files.write(ledger, lines);
        try (Registry r = registry(url)) {
            assertThrows(VerificationException.class, () -> r.sync(false));
        }
        assertEquals(0, rowsAt(url).get(RegistrySchema.ENTRIES.name()).size(), "nothing indexed");
    }

    @Test
    void theBudgetSpentIsWhatPrivacyBudgetCountsAndTheCharterLimitSaysWhatIsLeft() throws Exception {
        Path board = charter("P1Y", 3);
        Artifact a = real("a.csv");
        Artifact charterInput = SignedCharter.read(board, trust).artifact();
        fit(a, "one.model", privacy("1/20"), charterInput);
        fit(a, "two.model", privacy("1/30"), charterInput);
        fit(a, "plain.model", null);
        try (Registry r = registry(sqlite("p.db"))) {
            r.sync(false);
            Map<String, Object> budget = r.view().budget(Map.of("name", a.path().toString(), "sha256", a.sha256(),
                    "content_sha256", a.contentSha256()));
            List<Path> ledgers = List.of(lineage().ledger().file());
            SpentBudget spent = new SpentBudget(a.path(), a.sha256(), a.contentSha256(), ledgers,
                    new LedgerFits(trust).on(ledgers, a.sha256(), a.contentSha256()));
            double epsilon = SpentBudget.epsilon(spent.spent(), spent.deltaAsked());
            assertEquals(epsilon, (Double) budget.get("epsilon"), 0.0, "what tabsynth privacy budget says");
            assertEquals(3, budget.get("fits"));
            List<?> limits = (List<?>) budget.get("limits");
            assertEquals(1, limits.size(), budget.toString());
            Map<?, ?> limit = (Map<?, ?>) limits.get(0);
            assertEquals(3 - SpentBudget.epsilon(spent.spent(), 1e-6), (Double) limit.get("left"), 1e-12);
            assertTrue(Set.of("board v1").contains(limit.get("charter")));
        }
    }

    @Test
    void showNamesWhoApprovedTheFitsPlan() throws Exception {
        Artifact plan = new Artifact("plan", dir.resolve("plan.json"), "1".repeat(64), "2".repeat(64), Artifact.NOT_DATA);
        Artifact model = file("subject", "m.model", null);
        lineage().record(Step.builder("fit").by("gaussian-copula", "copula", "1").seed(1L).input(real("a.csv")).input(plan)
                .output(model).result("planApprovals", List.of(Map.of("name", "Bob", "keyid", bob.keyId(),
                        "approvedOn", "2026-12-01T10:00:00Z"))).build());
        try (Registry r = registry(sqlite("plan.db"))) {
            r.sync(false);
            List<?> approvals = (List<?>) r.view().show(model.sha256(), Instant.now()).get("planApprovals");
            assertEquals(List.of(Map.of("by", "Bob", "keyId", bob.keyId(), "on", "2026-12-01T10:00:00Z")), approvals);
        }
    }
}
