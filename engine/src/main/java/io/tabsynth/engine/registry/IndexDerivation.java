package io.tabsynth.engine.registry;

import static io.tabsynth.engine.registry.RegistrySchema.APPROVALS;
import static io.tabsynth.engine.registry.RegistrySchema.ARTIFACTS;
import static io.tabsynth.engine.registry.RegistrySchema.CHARTERS;
import static io.tabsynth.engine.registry.RegistrySchema.ENTRIES;
import static io.tabsynth.engine.registry.RegistrySchema.FITS;
import static io.tabsynth.engine.registry.RegistrySchema.ITEMS;
import static io.tabsynth.engine.registry.RegistrySchema.SYNCED_APPROVALS;
import static io.tabsynth.engine.registry.RegistrySchema.WITHDRAWALS;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SignedDocument.Signer;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.privacy.RecordedFit;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the registry's rows from the entries of verified ledgers (and, for charters and release approvals, from the
 * files those entries name, where the files still hold the digests recorded). The same entries and files give the
 * same rows, whether the registry is built at once or sync by sync.
 */
final class IndexDerivation {
    /** The kind of the certificate among a certify record's subjects (its first); the rest are its data cards. */
    static final String CERTIFICATE = "certificate";
    static final String DATASET = "dataset";
    static final String MODEL = "model";
    static final String REAL_DATA = "real data";
    /** What a release approval approves (a charter's quorum name). */
    static final String RELEASE = "release";
    static final String PLAN = "plan";
    private static final String CERTIFY = "certify";

    private final TrustStore trust;
    private final IndexRows rows = new IndexRows();
    private final List<Map<String, String>> withdrawals = new ArrayList<>();

    private IndexDerivation(TrustStore trust) {
        this.trust = trust;
    }

    /** The rows of every table but {@link RegistrySchema#LEDGERS}, from the entries in ledger order. */
    static IndexRows of(List<LedgerEntry> entries, TrustStore trust) {
        IndexDerivation d = new IndexDerivation(trust);
        for (LedgerEntry e : entries) {
            d.add(e);
        }
        d.settleStatuses();
        d.recordSyncedApprovals();
        return d.rows;
    }

    /** One {@link RegistrySchema#SYNCED_APPROVALS} row per approved document: the key ids of its approvals. */
    private void recordSyncedApprovals() {
        Map<String, Map<String, String>> synced = new LinkedHashMap<>();
        for (Map<String, String> a : rows.of(APPROVALS).values()) {
            Map<String, String> row = IndexRows.row(SYNCED_APPROVALS, a.get("document_sha256"), a.get("approved_for"),
                    null, a.get("entry"));
            Map<String, String> kept = synced.computeIfAbsent(IndexRows.keyOf(SYNCED_APPROVALS, row), k -> row);
            kept.put("key_ids", kept.get("key_ids") == null ? a.get("key_id") : kept.get("key_ids") + "," + a.get("key_id"));
        }
        for (Map<String, String> row : synced.values()) {
            row.put("key_ids", String.join(",", new TreeSet<>(List.of(row.get("key_ids").split(",")))));
            rows.addIfAbsent(SYNCED_APPROVALS, row);
        }
    }

    private void add(LedgerEntry e) {
        rows.addIfAbsent(ENTRIES, e.entryRow());
        e.artifactRows().forEach(r -> rows.addIfAbsent(ARTIFACTS, r));
        SignedRecord record = e.record();
        if (record == null) {
            return; // another predicate type (a revalidation, say): its entry and artifacts are all it gives
        }
        Step step = record.step();
        Artifact charter = input(step, SignedCharter.ROLE);
        String charterDigest = charter == null ? null : charter.contentSha256();
        if (charter != null) {
            addCharter(e, charter);
        }
        Artifact real = input(step, Artifact.REAL_DATA_ROLE);
        if (real != null) {
            rows.addIfAbsent(ITEMS, IndexRows.row(ITEMS, real.sha256(), REAL_DATA, real.path().toString(),
                    real.contentSha256(), rows(real), null, null, null, null, null, null, null, null, null, e.digest()));
        }
        if (step.fitsRealData()) {
            addFit(e, real, charterDigest);
        }
        withdrawal(e);
        Artifact model = input(step, Artifact.MODEL_ROLE);
        Artifact dataset = input(step, DATASET);
        String realSha = real == null ? null : real.sha256();
        String realContent = real == null ? null : real.contentSha256();
        Map<String, String> parent = model != null ? rows.get(ITEMS, model.sha256()) : dataset != null ? rows.get(ITEMS, dataset.sha256()) : null;
        if (real == null && parent != null) {
            realSha = parent.get("real_sha256");
            realContent = parent.get("real_content_sha256");
        }
        List<Artifact> outputs = step.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            Artifact out = outputs.get(i);
            String kind = kind(step.step(), i);
            rows.addIfAbsent(ITEMS, IndexRows.row(ITEMS, out.sha256(), kind, out.path().toString(), out.contentSha256(),
                    rows(out), step.finished().toString(), CERTIFY.equals(step.step()) ? null : step.extension(),
                    model == null ? null : model.sha256(), realSha, realContent,
                    dataset == null ? null : dataset.sha256(), charterDigest, null, null, e.digest()));
            if (CERTIFICATE.equals(kind) && charterDigest != null) {
                addReleaseApprovals(e, out);
            }
        }
        addPlanApprovals(e, step);
    }

    private static Long rows(Artifact a) {
        return a.rows() >= 0 ? a.rows() : null;
    }

    /** What a step's {@code index}th output is: a model, a dataset, a certificate and its data cards, a report... */
    static String kind(String step, int index) {
        return switch (step) {
            case "fit" -> MODEL;
            case "sample" -> DATASET;
            case CERTIFY -> index == 0 ? CERTIFICATE : "data card";
            case "evaluate" -> "report";
            default -> step;
        };
    }

    private static Artifact input(Step step, String role) {
        return step.inputs().stream().filter(a -> role.equals(a.role())).findFirst().orElse(null);
    }

    private void addFit(LedgerEntry e, Artifact real, String charterDigest) {
        RecordedFit fit = new RecordedFit(e.ledger(), e.position(), e.record().step(), real);
        double spent = fit.epsilonSpent();
        rows.addIfAbsent(FITS, IndexRows.row(FITS, e.digest(), real.sha256(), real.contentSha256(), fit.generator(),
                fit.guarantee().name(), Double.isNaN(spent) ? null : Double.toString(spent), charterDigest));
    }

    private void withdrawal(LedgerEntry e) {
        Step s = e.record().step();
        for (String[] kind : new String[][] {{"revoke", "revoked"}, {"retire", "retired"}}) {
            if (kind[0].equals(s.step()) && s.inputs().size() == 1 && kind[1].equals(s.inputs().get(0).role())) {
                Artifact a = s.inputs().get(0);
                Map<String, String> row = IndexRows.row(WITHDRAWALS, e.digest(), kind[1], a.sha256(), a.contentSha256(),
                        a.path().toString(), s.parameters().get("reason"), s.parameters().getOrDefault("by", ""), e.keyId(),
                        s.finished().toString());
                rows.addIfAbsent(WITHDRAWALS, row);
                withdrawals.add(row);
            }
        }
    }

    /** The charter a record names, read from its file when that still holds the charter's digest and verifies. */
    private void addCharter(LedgerEntry e, Artifact charter) {
        if (charter.contentSha256() == null || rows.get(CHARTERS, charter.contentSha256()) != null) {
            return;
        }
        Path file = FileNamed.in(e.ledger(), charter.path());
        if (file == null) {
            return;
        }
        try {
            SignedCharter c = SignedCharter.read(file, trust);
            if (!c.digest().equals(charter.contentSha256())) {
                return;
            }
            JsonNode body = c.charter().body();
            var approvers = Dsse.JSON.createArrayNode();
            c.charter().approvers().forEach(a -> approvers.addObject().put("name", a.name()).put("keyid", a.keyId()));
            JsonNode budget = body.path("privacyBudget");
            rows.addIfAbsent(CHARTERS, IndexRows.row(CHARTERS, c.digest(), c.charter().name(), c.charter().version(),
                    c.charter().reviewInterval().toString(), c.charter().quorum(RELEASE), approvers.toString(),
                    budget.isMissingNode() || budget.isNull() ? null : budget.toString(), e.digest()));
        } catch (RuntimeException unreadable) {
            // a charter file that no longer reads as the charter recorded tells nothing: its digest stays in the entry
        }
    }

    /**
     * The signatures of a certificate's file, the certifier's and the approvals added since (only while it is the
     * certificate recorded): a charter's release quorum counts those of its approvers, as {@code lineage verify} does.
     */
    private void addReleaseApprovals(LedgerEntry e, Artifact certificate) {
        Path file = FileNamed.in(e.ledger(), certificate.path());
        if (file == null) {
            return;
        }
        try {
            SignedDocument doc = SignedDocument.read(file);
            if (!Sha256.hex(doc.bytesBeforeApprovals()).equals(certificate.sha256())) {
                return;
            }
            for (Signer s : doc.verify(trust)) {
                rows.addIfAbsent(APPROVALS, IndexRows.row(APPROVALS, certificate.sha256(), s.keyId(), RELEASE, s.name(),
                        s.approvedOn() == null ? null : s.approvedOn().toString(), e.digest()));
            }
        } catch (RuntimeException unreadable) {
            // a certificate that no longer verifies adds no approval
        }
    }

    /** The plan approvals a fit recorded ({@code results.planApprovals}). */
    private void addPlanApprovals(LedgerEntry e, Step step) {
        Artifact plan = input(step, PLAN);
        Object approvals = step.results().get("planApprovals");
        if (plan == null || !(approvals instanceof List<?> list)) {
            return;
        }
        String document = plan.contentSha256() != null ? plan.contentSha256() : plan.sha256();
        for (Object o : list) {
            if (o instanceof Map<?, ?> a) {
                rows.addIfAbsent(APPROVALS, IndexRows.row(APPROVALS, document, String.valueOf(a.get("keyid")), PLAN,
                        String.valueOf(a.get("name")), String.valueOf(a.get("approvedOn")), e.digest()));
            }
        }
    }

    /**
     * Gives every item its status from the withdrawals: {@code retired} when a retirement names it (its bytes or its
     * content), else {@code revoked} when a revocation names it or anything it was made from (its model, the model's
     * real data, a certificate's dataset), else {@code active}. {@code status_entry} is the withdrawal's entry.
     */
    private void settleStatuses() {
        Map<String, Map<String, String>> items = rows.of(ITEMS);
        for (Map<String, String> item : items.values()) {
            Map<String, String> retired = withdrawalOf("retired", List.of(item));
            Map<String, String> revoked = retired != null ? null : withdrawalOf("revoked", lineOf(item));
            Map<String, String> w = retired != null ? retired : revoked;
            item.put("status", w == null ? ItemStatus.ACTIVE.word() : w.get("withdrawal"));
            item.put("status_entry", w == null ? null : w.get("entry"));
        }
    }

    /** The item and everything it was made from, nearest first. */
    private List<Map<String, String>> lineOf(Map<String, String> item) {
        List<Map<String, String>> line = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Map<String, String>> todo = new ArrayList<>(List.of(item));
        while (!todo.isEmpty()) {
            Map<String, String> i = todo.remove(0);
            if (!seen.add(i.get("sha256"))) {
                continue;
            }
            line.add(i);
            for (String parent : List.of("model_sha256", "dataset_sha256", "real_sha256")) {
                Map<String, String> p = i.get(parent) == null ? null : rows.get(ITEMS, i.get(parent));
                if (p != null) {
                    todo.add(p);
                }
            }
        }
        return line;
    }

    private Map<String, String> withdrawalOf(String kind, List<Map<String, String>> line) {
        for (Map<String, String> w : withdrawals) {
            if (!kind.equals(w.get("withdrawal"))) {
                continue;
            }
            for (Map<String, String> i : line) {
                if (w.get("sha256").equals(i.get("sha256"))
                        || w.get("content_sha256") != null && w.get("content_sha256").equals(i.get("content_sha256"))) {
                    return w;
                }
            }
        }
        return null;
    }

    /** Finds a file a record names: as written, or relative to the folder the ledger's folder is in. */
    static final class FileNamed {
        private FileNamed() {
        }

        static Path in(Path ledger, Path name) {
            if (Files.isRegularFile(name)) {
                return name;
            }
            Path parent = ledger.toAbsolutePath().getParent();
            Path base = parent == null ? null : parent.getParent();
            Path found = base == null ? null : base.resolve(name);
            return found != null && Files.isRegularFile(found) ? found : null;
        }
    }
}
