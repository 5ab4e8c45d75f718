package io.tabsynth.engine.registry;

import static io.tabsynth.engine.registry.RegistrySchema.APPROVALS;
import static io.tabsynth.engine.registry.RegistrySchema.CHARTERS;
import static io.tabsynth.engine.registry.RegistrySchema.ENTRIES;
import static io.tabsynth.engine.registry.RegistrySchema.FITS;
import static io.tabsynth.engine.registry.RegistrySchema.ITEMS;
import static io.tabsynth.engine.registry.RegistrySchema.LEDGERS;
import static io.tabsynth.engine.registry.RegistrySchema.WITHDRAWALS;

import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.TabsynthException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry: an index of the datasets, models, certificates, approvals, withdrawals and privacy budgets that signed
 * ledgers record, in a JDBC database. The ledgers stay the source of truth: every read checks the rows against them
 * first ({@link RegistryCheck}) and refuses, with a {@link VerificationException}, a registry they do not confirm.
 */
public final class Registry implements AutoCloseable {
    private final Connection db;
    private final List<Path> given;
    private final TrustStore trust;

    /**
     * @param db     the database (the registry closes it)
     * @param given  ledgers named for this use; with those already indexed they are the registry's ledgers
     * @param trust  the keys whose signatures count
     */
    public Registry(Connection db, List<Path> given, TrustStore trust) {
        this.db = db;
        this.given = List.copyOf(given);
        this.trust = trust;
    }

    /** The ledgers already indexed, then those given, each once. */
    public List<Path> ledgers() {
        Set<Path> all = new LinkedHashSet<>();
        try {
            RegistrySchema.create(db);
            for (Map<String, String> row : new RowStore(db).read(LEDGERS).values()) {
                all.add(Path.of(row.get("ledger")));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        given.forEach(p -> all.add(p.toAbsolutePath().normalize()));
        return new ArrayList<>(all);
    }

    /** Indexes the entries not indexed yet ({@code rebuild}: every entry, from an empty registry). */
    public RegistrySync.Result sync(boolean rebuild) {
        return RegistrySync.sync(db, ledgers(), trust, rebuild);
    }

    /** Checks every row against the ledgers. */
    public RegistryCheck.Findings verify() {
        try {
            RegistrySchema.create(db);
            return RegistryCheck.check(db, VerifiedLedgers.read(ledgers(), trust), trust);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The rows, once the ledgers confirm them; a {@link VerificationException} naming each row they do not. */
    public RegistryView view() {
        List<VerifiedLedgers.Read> read = VerifiedLedgers.read(ledgers(), trust);
        RegistryCheck.Findings f;
        try {
            f = RegistryCheck.check(db, read, trust);
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!f.ok()) {
            throw new VerificationException("the registry does not match its ledgers: " + String.join("; ", f.problems()));
        }
        try {
            RowStore store = new RowStore(db);
            IndexRows rows = new IndexRows();
            for (RegistrySchema.Table t : List.of(ENTRIES, ITEMS, WITHDRAWALS, FITS, CHARTERS, APPROVALS)) {
                store.read(t).values().forEach(r -> rows.addIfAbsent(t, r));
            }
            return new RegistryView(rows, read, f.notes());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static TabsynthException failure(SQLException e) {
        return new TabsynthException("cannot read the registry: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
