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

    private Lineage lineage() {
        if (lineage == null) {
            lineage = new Lineage(new Ledger(dir.resolve(".tabsynth/ledger.jsonl")), new KeyStore(dir.resolve("keys")));
            lineage.keys().signingKey();
            trust = TrustStore.standard(lineage.keys());
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
}
