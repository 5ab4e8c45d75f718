package io.tabsynth.engine.registry;

import static io.tabsynth.engine.registry.RegistrySchema.ARTIFACTS;
import static io.tabsynth.engine.registry.RegistrySchema.ENTRIES;
import static io.tabsynth.engine.registry.RegistrySchema.LEDGERS;

import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.TabsynthException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the registry up to date with its ledgers, in one transaction. Incremental by default: each ledger's row says
 * how many of its entries are indexed and the digest of the last (the chain head), and only the entries after it are
 * added; the rows they change (a status, an approval) are rewritten, and nothing else is. A rebuild empties the
 * registry first. A ledger that no longer begins with the entries indexed from it is refused (rebuild instead).
 */
public final class RegistrySync {
    /** What a sync did. */
    public record Result(Map<Path, Integer> newEntries, int rowsWritten) {
        public int total() {
            return newEntries.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private RegistrySync() {
    }

    public static Result sync(Connection db, List<Path> ledgers, TrustStore trust, boolean rebuild) {
        List<VerifiedLedgers.Read> read = VerifiedLedgers.read(ledgers, trust);
        try {
            RegistrySchema.create(db);
            boolean auto = db.getAutoCommit();
            db.setAutoCommit(false);
            try {
                Result r = write(db, read, trust, rebuild);
                db.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new TabsynthException("cannot write the registry: " + e.getMessage(), e);
        }
    }

    private static Result write(Connection db, List<VerifiedLedgers.Read> read, TrustStore trust, boolean rebuild)
            throws SQLException {
        if (rebuild) {
            RegistrySchema.clear(db);
        }
        RowStore store = new RowStore(db);
        Map<String, Map<String, String>> ledgerRows = store.read(LEDGERS);
        Map<String, Map<String, String>> newLedgerRows = new LinkedHashMap<>(ledgerRows);
        Map<Path, Integer> added = new LinkedHashMap<>();
        List<LedgerEntry> all = new ArrayList<>();
        int written = 0;
        for (VerifiedLedgers.Read ledger : read) {
            Map<String, String> row = IndexRows.row(LEDGERS, ledger.file().toString(), 0, null);
            int indexed = indexedCount(ledgerRows.get(IndexRows.keyOf(LEDGERS, row)), ledger);
            for (LedgerEntry e : ledger.entries().subList(indexed, ledger.entries().size())) {
                store.insert(ENTRIES, e.entryRow());
                for (Map<String, String> a : e.artifactRows()) {
                    store.insert(ARTIFACTS, a);
                }
                written++;
            }
            added.put(ledger.file(), ledger.entries().size() - indexed);
            all.addAll(ledger.entries());
            int n = ledger.entries().size();
            newLedgerRows.put(IndexRows.keyOf(LEDGERS, row), IndexRows.row(LEDGERS, ledger.file().toString(), n,
                    n == 0 ? null : ledger.entries().get(n - 1).digest()));
        }
        IndexRows derived = IndexDerivation.of(all, trust);
        for (RegistrySchema.Table t : RegistrySchema.DERIVED) {
            if (t != ENTRIES && t != ARTIFACTS) {
                written += store.bringTo(t, derived.of(t));
            }
        }
        written += store.bringTo(LEDGERS, newLedgerRows);
        return new Result(added, written);
    }

    /**
     * How many of the ledger's entries the registry holds; refused when the ledger no longer begins with them (it was
     * replaced, or its chain rewritten and signed again).
     */
    private static int indexedCount(Map<String, String> row, VerifiedLedgers.Read ledger) {
        if (row == null) {
            return 0;
        }
        int n = Integer.parseInt(row.get("entries"));
        String head = row.get("head");
        List<LedgerEntry> entries = ledger.entries();
        if (n > entries.size() || n > 0 && !entries.get(n - 1).digest().equals(head)) {
            throw new VerificationException(ledger.file() + ": the registry indexed " + n + " entries of it, the last with "
                    + "digest " + head + ", but the ledger " + (n > entries.size() ? "has only " + entries.size() + " entries"
                    : "holds another entry there") + "; it was replaced or rewritten since. Run `tabsynth registry sync "
                    + "--rebuild` to index it afresh");
        }
        return n;
    }
}
