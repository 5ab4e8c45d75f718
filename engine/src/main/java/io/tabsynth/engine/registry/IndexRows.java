package io.tabsynth.engine.registry;

import io.tabsynth.engine.registry.RegistrySchema.Table;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the registry's tables, by table and primary key; every value is text (or {@code null}), as the database
 * gives it back, so rows read from the database and rows read from the ledgers compare exactly.
 */
public final class IndexRows {
    private final Map<String, Map<String, Map<String, String>>> tables = new HashMap<>();

    /** The key of a row: its key columns' values, joined. */
    static String keyOf(Table table, Map<String, String> row) {
        StringBuilder key = new StringBuilder();
        for (String k : table.key()) {
            key.append(row.get(k)).append('\u0000');
        }
        return key.toString();
    }

    /** The rows of a table, by key, in the order added. */
    public Map<String, Map<String, String>> of(Table table) {
        return tables.computeIfAbsent(table.name(), n -> new LinkedHashMap<>());
    }

    /** Adds a row unless one with its key is there already (the first record to name a thing wins). */
    void addIfAbsent(Table table, Map<String, String> row) {
        of(table).putIfAbsent(keyOf(table, row), row);
    }

    /** The row with this one-column key, or {@code null}. */
    public Map<String, String> get(Table table, String key) {
        return of(table).get(key + '\u0000');
    }

    /** A row of the table's columns from values given in column order ({@code null} for none; numbers as text). */
    static Map<String, String> row(Table table, Object... values) {
        List<String> names = table.columnNames();
        if (names.size() != values.length) {
            throw new IllegalArgumentException(table.name() + " has " + names.size() + " columns, not " + values.length);
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(names.get(i), values[i] == null ? null : values[i].toString());
        }
        return row;
    }
}
