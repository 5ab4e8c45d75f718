package io.tabsynth.spi.data;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * The engine's one table type: a Tablesaw {@link Table} whose columns match a {@link Schema} in order,
 * name and storage type. Missing values are Tablesaw's: NaN for doubles, the empty string for strings,
 * and each type's missing marker otherwise.
 */
public final class Frame {
    private final Table table;
    private final Schema schema;
    private final Source source;

    private Frame(Table table, Schema schema) {
        this(table, schema, null);
    }

    private Frame(Table table, Schema schema, Source source) {
        this.table = table;
        this.schema = schema;
        this.source = source;
    }

    /** The same frame, remembering the file it was read from (set by the engine's reader, used by lineage). */
    public Frame withSource(Source source) {
        return new Frame(table, schema, source);
    }

    /** The file this frame was read from, or {@code null} for data made or changed in memory. */
    public Source source() {
        return source;
    }

    /** Pairs a table with its schema, checking that they agree. */
    public static Frame of(Table table, Schema schema) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        if (table.columnCount() != schema.size()) {
            throw new IllegalArgumentException("table has " + table.columnCount() + " columns, schema has " + schema.size());
        }
        for (int i = 0; i < schema.size(); i++) {
            ColumnSpec spec = schema.column(i);
            Column<?> c = table.column(i);
            if (!c.name().equals(spec.name()) || !spec.kind().stores(c)) {
                throw new IllegalArgumentException("column " + i + " is " + c.name() + ":" + c.type()
                        + " but the schema says " + spec.name() + ":" + spec.kind().jsonName());
            }
        }
        return new Frame(table, schema);
    }

    /** A frame with the schema's columns and no rows. */
    public static Frame empty(Schema schema) {
        Table t = Table.create("frame");
        for (ColumnSpec c : schema.columns()) {
            t.addColumns(c.kind().newColumn(c.name()));
        }
        return new Frame(t, schema);
    }

    /** The rows of all frames, in order; they must share one schema. */
    public static Frame concat(Schema schema, List<Frame> parts) {
        Frame out = empty(schema);
        for (Frame f : parts) {
            if (!f.schema.equals(schema)) {
                throw new IllegalArgumentException("frames have different schemas: " + f.schema + " vs " + schema);
            }
            out.table.append(f.table);
        }
        return out;
    }

    public Table table() {
        return table;
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return table.rowCount();
    }

    public int columnCount() {
        return table.columnCount();
    }

    public Column<?> column(int i) {
        return table.column(i);
    }

    public Column<?> column(String name) {
        return table.column(schema.indexOf(name));
    }

    public DoubleColumn doubles(String name) {
        return (DoubleColumn) typed(name, ColumnKind.CONTINUOUS);
    }

    public LongColumn longs(String name) {
        return (LongColumn) typed(name, ColumnKind.INTEGER);
    }

    public StringColumn strings(String name) {
        Column<?> c = column(name);
        if (!(c instanceof StringColumn)) {
            throw new BadInputException("column '" + name + "' is " + schema.column(name).kind().jsonName() + ", not text");
        }
        return (StringColumn) c;
    }

    public BooleanColumn booleans(String name) {
        return (BooleanColumn) typed(name, ColumnKind.BOOLEAN);
    }

    public DateTimeColumn datetimes(String name) {
        return (DateTimeColumn) typed(name, ColumnKind.DATETIME);
    }

    private Column<?> typed(String name, ColumnKind kind) {
        ColumnKind actual = schema.column(name).kind();
        if (actual != kind) {
            throw new BadInputException("column '" + name + "' is " + actual.jsonName() + ", not " + kind.jsonName());
        }
        return column(name);
    }

    /** True if the cell is missing. */
    public boolean isMissing(int column, int row) {
        return table.column(column).isMissing(row);
    }

    /** The share of missing cells in a column, in [0, 1]. */
    public double missingRate(String name) {
        int n = rowCount();
        return n == 0 ? 0 : column(name).countMissing() / (double) n;
    }

    /** The rows the selection holds, in order. */
    public Frame where(Selection rows) {
        return new Frame(table.where(rows), schema);
    }

    /**
     * One cell as a plain Java value: {@code Double}, {@code Long}, {@code String}, {@code Boolean} or
     * {@code LocalDateTime} by kind, and {@code null} when missing. For expressions and row checks.
     */
    public Object cell(int column, int row) {
        Column<?> c = table.column(column);
        if (c.isMissing(row)) {
            return null;
        }
        return c.get(row);
    }

    /**
     * One cell of a continuous, integer or datetime column as a number: datetimes as seconds since
     * 1970-01-01T00:00 (UTC, with the fraction of a second); NaN when missing.
     */
    public double number(int column, int row) {
        Column<?> c = table.column(column);
        if (c.isMissing(row)) {
            return Double.NaN;
        }
        switch (schema.column(column).kind()) {
            case CONTINUOUS:
                return ((DoubleColumn) c).getDouble(row);
            case INTEGER:
                return ((LongColumn) c).getLong(row);
            case DATETIME:
                return ArrowFrames.toMicros(((DateTimeColumn) c).get(row)) / 1e6;
            default:
                throw new IllegalArgumentException("column '" + c.name() + "' is "
                        + schema.column(column).kind().jsonName() + ", not a number");
        }
    }

    /** A whole continuous, integer or datetime column as numbers, as {@link #number} reads each cell. */
    public double[] numbers(String name) {
        int c = schema.indexOf(name);
        double[] v = new double[rowCount()];
        for (int r = 0; r < v.length; r++) {
            v[r] = number(c, r);
        }
        return v;
    }

    /** The first {@code n} rows. */
    public Frame head(int n) {
        return new Frame(table.first(Math.min(n, rowCount())), schema);
    }

    /**
     * {@code n} rows chosen without replacement ({@link Rng#choose}), in the order drawn; the frame itself when
     * it has no more than {@code n} rows. The same frame, n and seed give the same rows.
     */
    public Frame sample(int n, long seed) {
        if (rowCount() <= n) {
            return this;
        }
        return new Frame(table.rows(new Rng(seed).choose(rowCount(), n)), schema);
    }

    /** A frame of the named columns only, in the given order. */
    public Frame select(List<String> names) {
        List<ColumnSpec> specs = new ArrayList<>();
        Table t = Table.create(table.name());
        for (String n : names) {
            specs.add(schema.column(n));
            t.addColumns(column(n));
        }
        return new Frame(t, Schema.of(specs));
    }

    /** The first rows as a text table, for people. */
    public String print(int rows) {
        return schema + " " + rowCount() + " rows\n" + table.print(rows);
    }

    @Override
    public String toString() {
        return print(10);
    }
}
