package io.tabsynth.engine.registry;

import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens the registry's database: an SQLite file by default, or any JDBC URL whose driver is on the class path. */
public final class RegistryDatabase {
    /** The default database's file name, beside the ledger. */
    public static final String DEFAULT_FILE = "registry.db";
    private static final String SQLITE = "jdbc:sqlite:";

    private RegistryDatabase() {
    }

    /** The URL of the default database beside a ledger: {@code jdbc:sqlite:<ledger's folder>/registry.db}. */
    public static String besideLedger(Path ledger) {
        return sqliteFile(ledger.toAbsolutePath().normalize().resolveSibling(DEFAULT_FILE));
    }

    /** The URL of an SQLite database file. */
    public static String sqliteFile(Path file) {
        return SQLITE + file.toAbsolutePath().normalize();
    }

    /** Opens the database at the URL, creating an SQLite file's folder; bad input when it cannot be opened. */
    public static Connection open(String url) {
        try {
            if (url.startsWith(SQLITE) && !url.contains(":memory:")) {
                Path parent = Path.of(url.substring(SQLITE.length())).toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            }
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String why = e.getMessage() != null && e.getMessage().startsWith("No suitable driver")
                    ? "no JDBC driver for it is on the class path" : e.getMessage();
            throw new BadInputException(url + ": cannot open the registry database: " + why);
        } catch (java.io.IOException e) {
            throw new BadInputException(url + ": cannot create the registry's folder: " + e.getMessage());
        }
    }
}
