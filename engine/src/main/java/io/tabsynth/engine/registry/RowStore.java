package io.tabsynth.engine.registry;

import io.tabsynth.engine.registry.RegistrySchema.Column;
import io.tabsynth.engine.registry.RegistrySchema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and writes rows of the registry's tables with plain JDBC. */
final class RowStore {
    private final Connection db;

    RowStore(Connection db) {
        this.db = db;
    }

    /** Every row of a table, by key, values as text. */
    Map<String, Map<String, String>> read(Table table) throws SQLException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        String sql = "SELECT " + String.join(", ", table.columnNames()) + " FROM " + table.name() + " ORDER BY "
                + String.join(", ", table.key());
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (Column c : table.columns()) {
                    row.put(c.name(), rs.getString(c.name()));
                }
                rows.put(IndexRows.keyOf(table, row), row);
            }
        }
        return rows;
    }

    void insert(Table table, Map<String, String> row) throws SQLException {
        String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
                + table.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            int i = 1;
            for (Column c : table.columns()) {
                bind(st, i++, c, row.get(c.name()));
            }
            st.executeUpdate();
        }
    }

    void delete(Table table, Map<String, String> row) throws SQLException {
        String sql = "DELETE FROM " + table.name() + " WHERE " + table.key().stream().map(k -> k + " = ?")
                .collect(Collectors.joining(" AND "));
        try (PreparedStatement st = db.prepareStatement(sql)) {
            int i = 1;
            for (String k : table.key()) {
                Column c = table.columns().stream().filter(x -> x.name().equals(k)).findFirst().orElseThrow();
                bind(st, i++, c, row.get(k));
            }
            st.executeUpdate();
        }
    }

    /**
     * Makes the table hold exactly the rows given: inserts the new ones, rewrites the changed ones and deletes the
     * ones no longer there; rows that are the same are not touched. Returns how many rows it wrote or deleted.
     */
    int bringTo(Table table, Map<String, Map<String, String>> wanted) throws SQLException {
        Map<String, Map<String, String>> present = read(table);
        int changed = 0;
        for (var e : present.entrySet()) {
            Map<String, String> want = wanted.get(e.getKey());
            if (want == null || !want.equals(e.getValue())) {
                delete(table, e.getValue());
                changed++;
            }
        }
        for (var e : wanted.entrySet()) {
            Map<String, String> had = present.get(e.getKey());
            if (had == null || !had.equals(e.getValue())) {
                insert(table, e.getValue());
                changed++;
            }
        }
        return changed;
    }

    private static void bind(PreparedStatement st, int index, Column c, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, c.number() ? Types.BIGINT : Types.VARCHAR);
        } else if (c.number()) {
            st.setLong(index, Long.parseLong(value));
        } else {
            st.setString(index, value);
        }
    }
}
