package io.tabsynth.spi.data;

import io.tabsynth.spi.BadInputException;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * What a column holds, which decides how generators model it and how it is stored. Each kind has one
 * Tablesaw storage type: continuous as double, integer as long, datetime as local date-time, boolean as
 * boolean, and the three string kinds as strings.
 */
public enum ColumnKind {
    /** Real numbers. Stored as {@link DoubleColumn}; missing is NaN. */
    CONTINUOUS,
    /** Whole numbers. Stored as {@link LongColumn}. */
    INTEGER,
    /** A value from a finite set of labels. Stored as {@link StringColumn}. */
    CATEGORICAL,
    /** True or false. Stored as {@link BooleanColumn}. */
    BOOLEAN,
    /** A date or a date and time, with the text format in the column spec. Stored as {@link DateTimeColumn}. */
    DATETIME,
    /** A key that identifies a row; generators make new keys rather than learning a distribution. */
    IDENTIFIER,
    /** Free text such as comments. Stored as {@link StringColumn}. */
    FREE_TEXT;

    /** The lower-case name used in JSON files and on the command line, e.g. {@code free_text}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a kind name, also accepting SDV's {@code sdtype} names ({@code numerical}, {@code id}, {@code text}). */
    public static ColumnKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "numerical":
            case "numeric":
            case "float":
            case "double":
                return CONTINUOUS;
            case "int":
            case "long":
                return INTEGER;
            case "id":
                return IDENTIFIER;
            case "text":
            case "freetext":
                return FREE_TEXT;
            case "bool":
                return BOOLEAN;
            case "date":
            case "timestamp":
                return DATETIME;
            default:
                for (ColumnKind k : values()) {
                    if (k.jsonName().equals(n)) {
                        return k;
                    }
                }
                throw new BadInputException("unknown column kind '" + name + "' (expected one of continuous, integer, "
                        + "categorical, boolean, datetime, identifier, free_text)");
        }
    }

    /** True for kinds stored as strings. */
    public boolean isText() {
        return this == CATEGORICAL || this == IDENTIFIER || this == FREE_TEXT;
    }

    /** True for kinds whose values are ordered numbers (datetimes count as numbers of milliseconds). */
    public boolean isNumeric() {
        return this == CONTINUOUS || this == INTEGER || this == DATETIME;
    }

    /** A new empty column of this kind's storage type. */
    public Column<?> newColumn(String name) {
        switch (this) {
            case CONTINUOUS:
                return DoubleColumn.create(name);
            case INTEGER:
                return LongColumn.create(name);
            case BOOLEAN:
                return BooleanColumn.create(name);
            case DATETIME:
                return DateTimeColumn.create(name);
            default:
                return StringColumn.create(name);
        }
    }

    /** True if the given column has this kind's storage type. */
    public boolean stores(Column<?> column) {
        switch (this) {
            case CONTINUOUS:
                return column instanceof DoubleColumn;
            case INTEGER:
                return column instanceof LongColumn;
            case BOOLEAN:
                return column instanceof BooleanColumn;
            case DATETIME:
                return column instanceof DateTimeColumn;
            default:
                return column instanceof StringColumn;
        }
    }
}
