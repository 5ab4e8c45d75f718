package io.tabsynth.spi.data;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One column of a {@link Schema}: its name, its kind, the text format used to read and write it (for datetimes
 * a {@link java.time.format.DateTimeFormatter} pattern such as {@code yyyy-MM-dd}; for numbers written with signs
 * or separators a {@link java.text.DecimalFormat} pattern such as {@code '$'#,##0.00}, see {@link NumberText}), and
 * the cell texts this column reads as missing besides the file's {@link MissingValues} (such as the {@code n/a}
 * and {@code -} that inference finds among a number column's values).
 *
 * @param name          column name, unique in its schema regardless of case; spaces around it are dropped
 * @param kind          what the column holds
 * @param format        datetime or number pattern, or {@code null} (always for text and boolean kinds)
 * @param missingValues this column's own missing-value texts, exact (no trimming), sorted; empty for none
 */
public record ColumnSpec(String name, ColumnKind kind, String format, List<String> missingValues) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        name = name.trim(); // the spaces around a name are not part of it (tables drop them too)
        if (kind == ColumnKind.DATETIME && format == null) {
            format = DateTimeFormats.ISO_DATE_TIME;
        }
        if (kind != ColumnKind.DATETIME && kind != ColumnKind.CONTINUOUS && kind != ColumnKind.INTEGER) {
            format = null;
        }
        missingValues = missingValues == null ? List.of() : List.copyOf(new TreeSet<>(missingValues));
    }

    /** A spec without column-specific missing values. */
    public ColumnSpec(String name, ColumnKind kind, String format) {
        this(name, kind, format, List.of());
    }

    /** A spec without a format. */
    public static ColumnSpec of(String name, ColumnKind kind) {
        return new ColumnSpec(name, kind, null);
    }

    /**
     * For people: which texts this column reads as missing besides the file's, e.g.
     * {@code reads '-', 'n/a' as missing}; empty when it has none.
     */
    public String missingNote() {
        if (missingValues.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("reads ");
        for (int i = 0; i < missingValues.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(missingValues.get(i)).append('\'');
        }
        return b.append(" as missing").toString();
    }

    /** Whether another spec has the same kind and format (their missing values aside). */
    public boolean sameType(ColumnSpec other) {
        return kind == other.kind && Objects.equals(format, other.format);
    }
}
