package io.tabsynth.engine.registry;

import static io.tabsynth.engine.registry.RegistrySchema.APPROVALS;
import static io.tabsynth.engine.registry.RegistrySchema.LEDGERS;
import static io.tabsynth.engine.registry.RegistrySchema.SYNCED_APPROVALS;

import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.registry.RegistrySchema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the registry's rows against the ledgers: every row must be what the signed entry it names (and, for charters
 * and release approvals, the file that entry names) gives. A row changed, added or removed outside tabsynth is a
 * problem; entries appended to a ledger since the last sync, and approvals signed since, are notes.
 */
public final class RegistryCheck {
    private static final int SHORT = 12;

    /** What the check found: problems (the registry is not what its ledgers say) and notes. */
    public record Findings(int rowsChecked, List<String> problems, List<String> notes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RegistryCheck() {
    }

    static Findings check(Connection db, List<VerifiedLedgers.Read> ledgers, TrustStore trust) throws SQLException {
        RowStore store = new RowStore(db);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, String>> ledgerRows = store.read(LEDGERS);
        List<LedgerEntry> indexed = new ArrayList<>();
        Map<String, String> where = new HashMap<>();
        for (VerifiedLedgers.Read l : ledgers) {
            Map<String, String> row = ledgerRows.get(IndexRows.keyOf(LEDGERS, IndexRows.row(LEDGERS, l.file().toString(), 0, null)));
            int n = row == null ? 0 : Integer.parseInt(row.get("entries"));
            if (n > l.entries().size() || n > 0 && !l.entries().get(n - 1).digest().equals(row.get("head"))) {
                problems.add(l.file() + ": the registry says it indexed " + n + " entries ending in " + row.get("head")
                        + ", which this ledger does not hold");
                continue;
            }
            if (n < l.entries().size()) {
                notes.add(l.file() + ": " + (l.entries().size() - n) + " entries are not indexed yet (tabsynth registry sync)");
            }
            for (LedgerEntry e : l.entries().subList(0, n)) {
                indexed.add(e);
                where.put(e.digest(), l.file().getFileName() + " line " + (e.position() + 1));
            }
        }
        IndexRows expected = IndexDerivation.of(indexed, trust);
        int checked = 0;
        for (Table t : RegistrySchema.DERIVED) {
            if (t == SYNCED_APPROVALS) {
                continue; // checked below, against the approval rows
            }
            boolean fromFiles = RegistrySchema.FROM_FILES.contains(t);
            Map<String, Map<String, String>> stored = store.read(t);
            Map<String, Map<String, String>> want = expected.of(t);
            checked += stored.size();
            for (var e : stored.entrySet()) {
                Map<String, String> w = want.get(e.getKey());
                if (w == null) {
                    problems.add(t.name() + " row " + describe(t, e.getValue()) + ": no ledger entry gives it"
                            + (fromFiles ? " (nor the file its entry names)" : "") + "; it was added outside tabsynth");
                } else if (!w.equals(e.getValue())) {
                    problems.add(t.name() + " row " + describe(t, e.getValue()) + ": " + differences(e.getValue(), w)
                            + ", as " + sources(w, where) + " give" + (w.get("status_entry") == null ? "s" : "") + " it; "
                            + "the row was changed outside tabsynth");
                }
            }
            for (var e : want.entrySet()) {
                if (!stored.containsKey(e.getKey())) {
                    String at = where.getOrDefault(e.getValue().get("entry"), "?");
                    if (fromFiles && !IndexDerivation.PLAN.equals(e.getValue().get("approved_for"))) {
                        notes.add(t.name() + ": " + describe(t, e.getValue()) + " (from " + at + ") is newer than the last "
                                + "sync (tabsynth registry sync)");
                    } else {
                        problems.add(t.name() + " row " + describe(t, e.getValue()) + " of the ledger entry "
                                + shortDigest(e.getValue().get("entry")) + " (" + at + ") is missing; it was removed outside tabsynth");
                    }
                }
            }
        }
        checked += checkSyncedApprovals(store, expected, problems);
        return new Findings(checked, problems, notes);
    }

    /**
     * Checks that every approval the last sync indexed still has its row: a sync records, per approved document, the
     * key ids it saw ({@link RegistrySchema#SYNCED_APPROVALS}), so a row deleted since is a problem while an approval
     * signed after the sync is news (plan approvals come from the fits' ledger entries, so the main check reports a
     * missing one). A document whose approvals are indexed needs that record too. Returns the number of rows checked.
     */
    private static int checkSyncedApprovals(RowStore store, IndexRows expected, List<String> problems)
            throws SQLException {
        Map<String, Map<String, String>> synced = store.read(SYNCED_APPROVALS);
        Map<String, Map<String, String>> approvals = store.read(APPROVALS);
        Map<String, Map<String, String>> want = expected.of(SYNCED_APPROVALS);
        for (var e : synced.entrySet()) {
            Map<String, String> row = e.getValue();
            if (!want.containsKey(e.getKey())) {
                problems.add(SYNCED_APPROVALS.name() + " row " + describe(SYNCED_APPROVALS, row)
                        + ": no ledger entry gives it; it was added outside tabsynth");
                continue;
            }
            if (IndexDerivation.PLAN.equals(row.get("approved_for"))) {
                continue; // the fit's ledger entry gives its plan approvals, so the main check reports a missing one
            }
            for (String keyId : row.get("key_ids").split(",")) {
                Map<String, String> approval = IndexRows.row(APPROVALS, row.get("document_sha256"), keyId, null, null,
                        null, null);
                if (!approvals.containsKey(IndexRows.keyOf(APPROVALS, approval))) {
                    problems.add(APPROVALS.name() + " row " + describe(APPROVALS, approval) + ": the last sync indexed this "
                            + row.get("approved_for") + " approval and it is missing; it was removed outside tabsynth");
                }
            }
        }
        for (Map<String, String> approval : approvals.values()) {
            Map<String, String> row = IndexRows.row(SYNCED_APPROVALS, approval.get("document_sha256"),
                    approval.get("approved_for"), null, null);
            if (expected.of(APPROVALS).containsKey(IndexRows.keyOf(APPROVALS, approval))
                    && !synced.containsKey(IndexRows.keyOf(SYNCED_APPROVALS, row))) {
                problems.add(SYNCED_APPROVALS.name() + ": no row says which approvals of " + describe(SYNCED_APPROVALS, row)
                        + " the last sync indexed; it was removed outside tabsynth (or the registry was synced by an "
                        + "earlier tabsynth: run tabsynth registry sync --rebuild)");
                synced.put(IndexRows.keyOf(SYNCED_APPROVALS, row), row);
            }
        }
        return synced.size();
    }

    /** "the ledger entry 1a2b3c4d5e6f (ledger.jsonl line 3)", and the withdrawal that set an item's status. */
    private static String sources(Map<String, String> row, Map<String, String> where) {
        String made = shortDigest(row.get("entry")) + " (" + where.getOrDefault(row.get("entry"), "?") + ")";
        String status = row.get("status_entry");
        return status == null ? "the ledger entry " + made : "the ledger entries " + made + " and " + shortDigest(status)
                + " (" + where.getOrDefault(status, "?") + ")";
    }

    private static String describe(Table t, Map<String, String> row) {
        List<String> key = new ArrayList<>();
        for (String k : t.key()) {
            String v = row.get(k);
            key.add(k + " " + (v != null && v.length() == 64 ? shortDigest(v) : v));
        }
        return String.join(", ", key);
    }

    private static String differences(Map<String, String> stored, Map<String, String> expected) {
        List<String> out = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String s = stored.get(e.getKey());
            if (s == null ? e.getValue() != null : !s.equals(e.getValue())) {
                out.add(e.getKey() + " is " + quote(s) + ", not " + quote(e.getValue()));
            }
        }
        return String.join(", ", out);
    }

    private static String quote(String v) {
        if (v == null) {
            return "empty";
        }
        return "'" + (v.length() > 80 ? v.substring(0, 80) + "…" : v) + "'";
    }

    static String shortDigest(String d) {
        return d == null ? "?" : d.substring(0, Math.min(SHORT, d.length()));
    }
}
