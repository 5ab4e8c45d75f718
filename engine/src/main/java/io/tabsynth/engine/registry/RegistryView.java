package io.tabsynth.engine.registry;

import io.tabsynth.engine.governance.Revalidations;
import io.tabsynth.engine.governance.ReviewSchedule;

import static io.tabsynth.engine.registry.RegistrySchema.APPROVALS;
import static io.tabsynth.engine.registry.RegistrySchema.CHARTERS;
import static io.tabsynth.engine.registry.RegistrySchema.ENTRIES;
import static io.tabsynth.engine.registry.RegistrySchema.FITS;
import static io.tabsynth.engine.registry.RegistrySchema.ITEMS;
import static io.tabsynth.engine.registry.RegistrySchema.WITHDRAWALS;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.privacy.BudgetLimit;
import io.tabsynth.engine.privacy.RecordedFit;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry's rows, confirmed by the ledgers, and the answers read from them: each item's status now, the items
 * of a real dataset, everything known about one item, and the counts and budgets of {@code registry status}.
 */
public final class RegistryView {
    /** The kinds {@code registry list} shows. */
    public static final List<String> LISTED = List.of(IndexDerivation.DATASET, IndexDerivation.MODEL, IndexDerivation.CERTIFICATE);

    private final IndexRows rows;
    private final List<VerifiedLedgers.Read> ledgers;
    private final List<String> notes;

    RegistryView(IndexRows rows, List<VerifiedLedgers.Read> ledgers, List<String> notes) {
        this.rows = rows;
        this.ledgers = ledgers;
        this.notes = List.copyOf(notes);
    }

    /** What the check noted (entries or approvals newer than the last sync). */
    public List<String> notes() {
        return notes;
    }

    private Collection<Map<String, String>> items() {
        return rows.of(ITEMS).values();
    }

    /**
     * The status of an item now: its withdrawal if it has one; else that of its latest certificate under a charter
     * (awaiting approval until the release quorum signed, expired once the review is due); else active.
     */
    public ItemStatus statusOf(Map<String, String> item, Instant now) {
        ItemStatus stored = ItemStatus.of(item.get("status"));
        if (stored != ItemStatus.ACTIVE) {
            return stored;
        }
        Map<String, String> cert = IndexDerivation.CERTIFICATE.equals(item.get("kind")) ? item : latestCertificateOf(item);
        Map<String, String> charter = cert == null || cert.get("charter_sha256") == null ? null
                : rows.get(CHARTERS, cert.get("charter_sha256"));
        if (charter == null) {
            return ItemStatus.ACTIVE;
        }
        if (releaseApprovals(cert, charter).size() < Integer.parseInt(charter.get("release_quorum"))) {
            return ItemStatus.AWAITING_APPROVAL;
        }
        return now.isBefore(reviewDue(cert, charter)) ? ItemStatus.ACTIVE : ItemStatus.EXPIRED;
    }

    private Map<String, String> latestCertificateOf(Map<String, String> item) {
        Map<String, String> latest = null;
        for (Map<String, String> c : items()) {
            if (IndexDerivation.CERTIFICATE.equals(c.get("kind")) && item.get("sha256").equals(c.get("dataset_sha256"))
                    && (latest == null || madeOn(c).isAfter(madeOn(latest)))) {
                latest = c;
            }
        }
        return latest;
    }

    /** The approvals of a certificate by the charter's approvers. */
    private List<Map<String, String>> releaseApprovals(Map<String, String> cert, Map<String, String> charter) {
        Set<String> approvers = new HashSet<>();
        json(charter.get("approvers")).forEach(a -> approvers.add(a.path("keyid").asText()));
        return approvalsOf(cert.get("sha256")).stream().filter(a -> approvers.contains(a.get("key_id"))).toList();
    }

    private List<Map<String, String>> approvalsOf(String document) {
        return rows.of(APPROVALS).values().stream().filter(a -> document.equals(a.get("document_sha256"))).toList();
    }

    /** When the certificate's review falls due under its charter: the engine's {@link ReviewSchedule} rule. */
    private Instant reviewDue(Map<String, String> cert, Map<String, String> charter) {
        List<ReviewSchedule.Revalidated> revalidations = new ArrayList<>();
        for (Map<String, String> e : rows.of(ENTRIES).values()) {
            boolean revalidation = Revalidations.PREDICATE_TYPE.equals(e.get("predicate_type"))
                    || Revalidations.STEP.equals(e.get("step"));
            if (revalidation && e.get("statement").contains(cert.get("sha256"))) {
                JsonNode st = json(e.get("statement"));
                Instant on = ReviewDue.madeOn(st);
                if (on != null) {
                    revalidations.add(new ReviewSchedule.Revalidated(e.get("entry"), on, ReviewDue.passed(st)));
                }
            }
        }
        return new ReviewSchedule(Period.parse(charter.get("review_interval")), java.time.Clock.systemUTC())
                .review(Instant.parse(cert.get("made_on")), revalidations).due();
    }

    /**
     * The datasets, models and certificates, optionally only those made from real data with one of these digests,
     * only the one(s) whose digest starts with {@code digest}, only those of this status; each as a row for people and
     * JSON.
     */
    public List<Map<String, Object>> list(Set<String> realDigests, String digest, ItemStatus status, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, String> item : inOrderMade()) {
            if (!LISTED.contains(item.get("kind"))
                    || realDigests != null && !realDigests.contains(item.get("real_sha256"))
                    && !realDigests.contains(item.get("real_content_sha256"))
                    || digest != null && !matches(item, digest)) {
                continue;
            }
            ItemStatus s = statusOf(item, now);
            if (status == null || status == s) {
                out.add(summary(item, s));
            }
        }
        return out;
    }

    /** The items, oldest first (then by name): the order of {@code registry list}. */
    private List<Map<String, String>> inOrderMade() {
        return items().stream().sorted(Comparator.comparing(RegistryView::madeOn)
                .thenComparing(i -> i.get("name"))).toList();
    }

    /** When the item was made; real data, which no record made, counts as the oldest. */
    private static Instant madeOn(Map<String, String> item) {
        return item.get("made_on") == null ? Instant.MIN : Instant.parse(item.get("made_on"));
    }

    private static boolean matches(Map<String, String> item, String digest) {
        String d = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return item.get("sha256").startsWith(d) || item.get("content_sha256") != null && item.get("content_sha256").startsWith(d);
    }

    private Map<String, Object> summary(Map<String, String> item, ItemStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.word());
        m.put("kind", item.get("kind"));
        m.put("name", item.get("name"));
        m.put("sha256", item.get("sha256"));
        m.put("madeOn", item.get("made_on"));
        Map<String, String> real = item.get("real_sha256") == null ? null : rows.get(ITEMS, item.get("real_sha256"));
        m.put("realData", real == null ? null : real.get("name"));
        return m;
    }

    /** The real-data digests that identify a file: its own, and the content digests recorded for it. */
    public Set<String> realDigests(String fileSha256) {
        Set<String> digests = new HashSet<>();
        digests.add(fileSha256);
        Map<String, String> real = rows.get(ITEMS, fileSha256);
        if (real != null && real.get("content_sha256") != null) {
            digests.add(real.get("content_sha256"));
        }
        return digests;
    }

    /** Everything the registry knows about the one item whose digest (or content digest) starts with {@code digest}. */
    public Map<String, Object> show(String digest, Instant now) {
        List<Map<String, String>> found = items().stream().filter(i -> matches(i, digest)).toList();
        if (found.isEmpty()) {
            throw new BadInputException(digest + ": the registry holds nothing with this digest (tabsynth registry list)");
        }
        if (found.size() > 1 && found.stream().map(i -> i.get("sha256")).distinct().count() > 1) {
            throw new BadInputException(digest + ": " + found.size() + " items have digests starting so; give more of it");
        }
        Map<String, String> item = found.get(0);
        ItemStatus status = statusOf(item, now);
        Map<String, Object> m = summary(item, status);
        m.put("contentSha256", item.get("content_sha256"));
        m.put("rows", item.get("row_count") == null ? null : Long.parseLong(item.get("row_count")));
        m.put("generator", item.get("generator"));
        m.put("recordedIn", where(item.get("entry")));
        List<Map<String, Object>> origin = new ArrayList<>();
        for (String parent : List.of("dataset_sha256", "model_sha256", "real_sha256")) {
            Map<String, String> p = item.get(parent) == null ? null : rows.get(ITEMS, item.get(parent));
            if (p != null) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("kind", p.get("kind"));
                o.put("name", p.get("name"));
                o.put("sha256", p.get("sha256"));
                o.put("generator", p.get("generator"));
                origin.add(o);
            }
        }
        m.put("madeFrom", origin);
        List<Map<String, Object>> certs = new ArrayList<>();
        for (Map<String, String> c : items()) {
            boolean its = IndexDerivation.CERTIFICATE.equals(c.get("kind"))
                    && (item.get("sha256").equals(c.get("dataset_sha256")) || c == item);
            if (its) {
                certs.add(certificate(c, now));
            }
        }
        m.put("certificates", certs);
        List<Map<String, Object>> plan = new ArrayList<>();
        for (Map<String, String> a : rows.of(APPROVALS).values()) {
            if (IndexDerivation.PLAN.equals(a.get("approved_for")) && a.get("entry").equals(item.get("entry"))) {
                plan.add(approval(a));
            }
        }
        m.put("planApprovals", plan);
        List<Map<String, Object>> withdrawals = new ArrayList<>();
        for (Map<String, String> w : rows.of(WITHDRAWALS).values()) {
            if (w.get("entry").equals(item.get("status_entry")) || w.get("sha256").equals(item.get("sha256"))) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("withdrawal", w.get("withdrawal"));
                o.put("name", w.get("name"));
                o.put("by", w.get("signed_by"));
                o.put("keyId", w.get("key_id"));
                o.put("on", w.get("signed_on"));
                o.put("reason", w.get("reason"));
                withdrawals.add(o);
            }
        }
        m.put("withdrawals", withdrawals);
        Map<String, String> real = item.get("real_sha256") == null ? null : rows.get(ITEMS, item.get("real_sha256"));
        m.put("budget", real == null ? null : budget(real));
        return m;
    }

    private Map<String, Object> certificate(Map<String, String> c, Instant now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", c.get("name"));
        o.put("sha256", c.get("sha256"));
        o.put("certifiedOn", c.get("made_on"));
        o.put("status", statusOf(c, now).word());
        Map<String, String> charter = c.get("charter_sha256") == null ? null : rows.get(CHARTERS, c.get("charter_sha256"));
        o.put("charter", charter == null ? c.get("charter_sha256") : charter.get("name") + " v" + charter.get("version"));
        if (charter != null) {
            o.put("releaseQuorum", Integer.parseInt(charter.get("release_quorum")));
            o.put("reviewDue", reviewDue(c, charter).toString());
        }
        List<Map<String, Object>> approvals = new ArrayList<>();
        for (Map<String, String> a : approvalsOf(c.get("sha256"))) {
            approvals.add(approval(a));
        }
        o.put("approvals", approvals);
        return o;
    }

    private static Map<String, Object> approval(Map<String, String> a) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("by", a.get("signer"));
        x.put("keyId", a.get("key_id"));
        x.put("on", a.get("approved_on"));
        return x;
    }

    /** Counts per status of the listed kinds, and per real dataset the budget spent and left. */
    public Map<String, Object> status(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String kind : LISTED) {
            Map<String, Integer> c = new LinkedHashMap<>();
            for (ItemStatus s : ItemStatus.values()) {
                c.put(s.word(), 0);
            }
            counts.put(kind, c);
        }
        for (Map<String, String> item : items()) {
            Map<String, Integer> c = counts.get(item.get("kind"));
            if (c != null) {
                c.merge(statusOf(item, now).word(), 1, Integer::sum);
            }
        }
        m.put("counts", counts);
        List<Map<String, Object>> budgets = new ArrayList<>();
        for (Map<String, String> item : items()) {
            if (IndexDerivation.REAL_DATA.equals(item.get("kind"))) {
                budgets.add(budget(item));
            }
        }
        m.put("realData", budgets);
        return m;
    }

    /**
     * The privacy budget spent on a real dataset, composed as {@code tabsynth privacy budget} composes it (from the
     * signed records of its fits), and, under each charter limit that applies, what is left.
     */
    Map<String, Object> budget(Map<String, String> real) {
        Map<String, LedgerEntry> byDigest = new HashMap<>();
        ledgers.forEach(l -> l.entries().forEach(e -> byDigest.put(e.digest(), e)));
        Set<String> digests = realDigests(real.get("sha256"));
        List<RecordedFit> fits = new ArrayList<>();
        Set<String> charters = new HashSet<>();
        for (Map<String, String> f : rows.of(FITS).values()) {
            if (!digests.contains(f.get("real_sha256")) && !digests.contains(f.get("real_content_sha256"))) {
                continue;
            }
            LedgerEntry e = byDigest.get(f.get("entry"));
            Artifact data = e.record().step().inputs().stream().filter(a -> Artifact.REAL_DATA_ROLE.equals(a.role()))
                    .findFirst().orElseThrow();
            fits.add(new RecordedFit(e.ledger(), e.position(), e.record().step(), data));
            if (f.get("charter_sha256") != null) {
                charters.add(f.get("charter_sha256"));
            }
        }
        SpentBudget spent = new SpentBudget(Path.of(real.get("name")), real.get("sha256"), real.get("content_sha256"),
                ledgers.stream().map(VerifiedLedgers.Read::file).toList(), fits);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", real.get("name"));
        m.put("sha256", real.get("sha256"));
        m.put("contentSha256", real.get("content_sha256"));
        m.put("fits", fits.size());
        m.put("privateFits", spent.privateFits().size());
        double delta = spent.deltaAsked();
        double epsilon = SpentBudget.epsilon(spent.spent(), delta);
        m.put("epsilon", Double.isInfinite(epsilon) ? null : epsilon);
        m.put("delta", delta);
        m.put("formalGuarantee", spent.formalGuarantee());
        List<Map<String, Object>> limits = new ArrayList<>();
        for (String c : charters) {
            Map<String, String> charter = rows.get(CHARTERS, c);
            if (charter == null || charter.get("privacy_budget") == null) {
                continue;
            }
            for (BudgetLimit limit : BudgetLimit.of(json(charter.get("privacy_budget")), Path.of(charter.get("name")))) {
                if (limit.appliesTo(digests, Path.of(real.get("name")).getFileName().toString())) {
                    double at = SpentBudget.epsilon(spent.spent(), limit.delta());
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("charter", charter.get("name") + " v" + charter.get("version"));
                    l.put("maxEpsilon", limit.maxEpsilon());
                    l.put("delta", limit.delta());
                    l.put("spent", Double.isInfinite(at) ? null : at);
                    l.put("left", Double.isInfinite(at) ? 0.0 : Math.max(0, limit.maxEpsilon() - at));
                    limits.add(l);
                }
            }
        }
        m.put("limits", limits);
        return m;
    }

    private Map<String, Object> where(String entry) {
        for (VerifiedLedgers.Read l : ledgers) {
            for (LedgerEntry e : l.entries()) {
                if (e.digest().equals(entry)) {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("ledger", l.file().toString());
                    w.put("line", e.position() + 1);
                    w.put("entry", entry);
                    return w;
                }
            }
        }
        return Map.of("entry", entry);
    }

    private static JsonNode json(String text) {
        try {
            return Dsse.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a registry row confirmed by its ledger holds JSON", e);
        }
    }
}
