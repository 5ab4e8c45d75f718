package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.registry.Registry;
import io.tabsynth.engine.registry.RegistryDatabase;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which registry, and which ledgers with it: {@code [--ledger L]... [--db PATH | --url JDBC] [--trust FILE]}. */
public final class RegistryOptions {
    @Option(names = "--ledger", paramLabel = "L", description = "a ledger to index (repeatable; those indexed before are "
            + "kept; default: .tabsynth/ledger.jsonl in the working directory)")
    List<Path> ledgers = new ArrayList<>();

    @Option(names = "--db", paramLabel = "PATH", description = "the SQLite database file (default: registry.db beside the "
            + "first ledger)")
    Path db;

    @Option(names = "--url", paramLabel = "JDBC", description = "any JDBC URL instead, e.g. jdbc:postgresql://host/db?user=u "
            + "(its driver on the class path)")
    String url;

    @Mixin
    TrustOption trust;

    /** Opens the registry; bad input for --db with --url, or a ledger named that is not there. */
    Registry open() {
        if (db != null && url != null) {
            throw new BadInputException("--db and --url name the registry two ways; give one");
        }
        for (Path l : ledgers) {
            if (!Files.isRegularFile(l)) {
                throw new BadInputException(l + ": ledger file not found");
            }
        }
        Path standard = Ledger.standard().file();
        List<Path> given = !ledgers.isEmpty() ? ledgers : Files.isRegularFile(standard) ? List.of(standard) : List.of();
        String at = url != null ? url : db != null ? RegistryDatabase.sqliteFile(db)
                : RegistryDatabase.besideLedger(ledgers.isEmpty() ? standard : ledgers.get(0));
        return new Registry(RegistryDatabase.open(at), given, trust.store());
    }
}
