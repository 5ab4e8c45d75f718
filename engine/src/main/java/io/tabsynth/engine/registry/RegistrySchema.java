package io.tabsynth.engine.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry's tables, in standard SQL that SQLite, H2 and PostgreSQL all accept. Every table but {@code
 * registry_ledgers} has an {@code entry} column: the SHA-256 of the signed ledger line the row was read from.
 */
public final class RegistrySchema {
    /** How long text columns may be: file names, reasons, JSON. */
    private static final String TEXT = "VARCHAR(8000)";
    /** A whole statement (the payload of a ledger line). */
    private static final String LONG_TEXT = "VARCHAR(1000000)";
    private static final String DIGEST = "VARCHAR(64)";
    private static final String NUMBER = "BIGINT";

    /** One column: its name and SQL type. */
    public record Column(String name, String type) {
        /** Whether values are whole numbers (written with {@code setLong}). */
        public boolean number() {
            return NUMBER.equals(type);
        }
    }

    /** One table: its name, columns and the columns of its primary key. */
    public record Table(String name, List<Column> columns, List<String> key) {
        String createSql() {
            return "CREATE TABLE IF NOT EXISTS " + name + " (" + columns.stream().map(c -> c.name() + " " + c.type())
                    .collect(Collectors.joining(", ")) + ", PRIMARY KEY (" + String.join(", ", key) + "))";
        }

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    private static Column c(String name, String type) {
        return new Column(name, type);
    }

    /** Each ledger indexed: how many of its lines, and the digest of the last one indexed (the chain head). */
    public static final Table LEDGERS = new Table("registry_ledgers",
            List.of(c("ledger", TEXT), c("entries", NUMBER), c("head", DIGEST)), List.of("ledger"));
    /** Every ledger line, whatever its predicate type, with its statement. */
    public static final Table ENTRIES = new Table("registry_entries", List.of(c("entry", DIGEST), c("ledger", TEXT),
            c("position", NUMBER), c("predicate_type", TEXT), c("step", TEXT), c("key_id", DIGEST), c("signed_on", TEXT),
            c("statement", LONG_TEXT)), List.of("entry"));
    /** The subjects (role {@code subject}) and inputs of every entry. */
    public static final Table ARTIFACTS = new Table("registry_artifacts", List.of(c("entry", DIGEST), c("position", NUMBER),
            c("role", TEXT), c("name", TEXT), c("sha256", DIGEST), c("content_sha256", DIGEST), c("row_count", NUMBER)),
            List.of("entry", "position"));
    /** Every file a record made or a fit read: real data, models, datasets, certificates; with its status. */
    public static final Table ITEMS = new Table("registry_items", List.of(c("sha256", DIGEST), c("kind", TEXT),
            c("name", TEXT), c("content_sha256", DIGEST), c("row_count", NUMBER), c("made_on", TEXT), c("generator", TEXT),
            c("model_sha256", DIGEST), c("real_sha256", DIGEST), c("real_content_sha256", DIGEST),
            c("dataset_sha256", DIGEST), c("charter_sha256", DIGEST), c("status", TEXT), c("status_entry", DIGEST),
            c("entry", DIGEST)), List.of("sha256"));
    /** Revocations and retirements. */
    public static final Table WITHDRAWALS = new Table("registry_withdrawals", List.of(c("entry", DIGEST),
            c("withdrawal", TEXT), c("sha256", DIGEST), c("content_sha256", DIGEST), c("name", TEXT), c("reason", TEXT),
            c("signed_by", TEXT), c("key_id", DIGEST), c("signed_on", TEXT)), List.of("entry"));
    /** Fits on real data and the privacy they spent. */
    public static final Table FITS = new Table("registry_fits", List.of(c("entry", DIGEST), c("real_sha256", DIGEST),
            c("real_content_sha256", DIGEST), c("generator", TEXT), c("guarantee", TEXT), c("epsilon_spent", TEXT),
            c("charter_sha256", DIGEST)), List.of("entry"));
    /** Charters that records name, read from their files where those still hold the digest recorded. */
    public static final Table CHARTERS = new Table("registry_charters", List.of(c("charter_sha256", DIGEST),
            c("name", TEXT), c("version", NUMBER), c("review_interval", TEXT), c("release_quorum", NUMBER),
            c("approvers", TEXT), c("privacy_budget", TEXT), c("entry", DIGEST)), List.of("charter_sha256"));
    /** Approvals of plans (from the fit records) and releases (from the certificates' signatures). */
    public static final Table APPROVALS = new Table("registry_approvals", List.of(c("document_sha256", DIGEST),
            c("key_id", DIGEST), c("approved_for", TEXT), c("signer", TEXT), c("approved_on", TEXT), c("entry", DIGEST)),
            List.of("document_sha256", "key_id"));

    /**
     * For each document with approvals, the key ids of the approvals the last sync indexed (sorted, comma-separated):
     * an approval row missing from {@link #APPROVALS} that a sync indexed was removed, while an approval signed after
     * the sync is news.
     */
    public static final Table SYNCED_APPROVALS = new Table("registry_synced_approvals", List.of(
            c("document_sha256", DIGEST), c("approved_for", TEXT), c("key_ids", TEXT), c("entry", DIGEST)),
            List.of("document_sha256", "approved_for"));

    /** The tables whose rows come from the ledger entries alone. */
    public static final List<Table> FROM_LEDGERS = List.of(ENTRIES, ARTIFACTS, ITEMS, WITHDRAWALS, FITS);
    /** The tables whose rows come from files the ledger names (charters, certificates), checked against it. */
    public static final List<Table> FROM_FILES = List.of(CHARTERS, APPROVALS);
    /** Every table of rows read from ledgers and files, in the order they are written. */
    public static final List<Table> DERIVED = List.of(ENTRIES, ARTIFACTS, ITEMS, WITHDRAWALS, FITS, CHARTERS, APPROVALS,
            SYNCED_APPROVALS);

    private RegistrySchema() {
    }

    /** Creates the tables that do not exist yet. */
    public static void create(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate(LEDGERS.createSql());
            for (Table t : DERIVED) {
                st.executeUpdate(t.createSql());
            }
        }
    }

    /** Empties every table (a rebuild). */
    public static void clear(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("DELETE FROM " + LEDGERS.name());
            for (Table t : DERIVED) {
                st.executeUpdate("DELETE FROM " + t.name());
            }
        }
    }
}
