package io.tabsynth.engine.data;

import java.util.Objects;

/**
 * One column of a {@link Schema}: its name, its kind, and for datetimes the text format (a
 * {@link java.time.format.DateTimeFormatter} pattern such as {@code yyyy-MM-dd}) used to read and write it.
 *
 * @param name   column name, unique in its schema
 * @param kind   what the column holds
 * @param format datetime pattern, or {@code null} for other kinds
 */
public record ColumnSpec(String name, ColumnKind kind, String format) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (kind == ColumnKind.DATETIME && format == null) {
            format = DateTimeFormats.ISO_DATE_TIME;
        }
        if (kind != ColumnKind.DATETIME) {
            format = null;
        }
    }

    /** A spec without a format. */
    public static ColumnSpec of(String name, ColumnKind kind) {
        return new ColumnSpec(name, kind, null);
    }
}
