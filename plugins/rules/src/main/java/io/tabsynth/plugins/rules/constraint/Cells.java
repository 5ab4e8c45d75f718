package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** Numeric views of the ordered kinds: continuous, integer, and datetime as seconds since the epoch. */
final class Cells {
    private Cells() {
    }

    static boolean ordered(ColumnKind kind) {
        return kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER || kind == ColumnKind.DATETIME;
    }

    /** A column of {@code kind} named {@code name} holding the numbers (NaN for missing). */
    static Column<?> column(String name, ColumnKind kind, double[] values) {
        switch (kind) {
            case CONTINUOUS:
                return DoubleColumn.create(name, values);
            case INTEGER: {
                LongColumn c = LongColumn.create(name, values.length);
                for (int i = 0; i < values.length; i++) {
                    if (Double.isNaN(values[i])) {
                        c.setMissing(i);
                    } else {
                        c.set(i, Math.round(values[i]));
                    }
                }
                return c;
            }
            case DATETIME: {
                DateTimeColumn c = DateTimeColumn.create(name);
                for (double v : values) {
                    if (Double.isNaN(v)) {
                        c.appendMissing();
                    } else {
                        c.append(LocalDateTime.ofEpochSecond(Math.round(v), 0, ZoneOffset.UTC));
                    }
                }
                return c;
            }
            default:
                throw new IllegalArgumentException(kind + " is not ordered");
        }
    }

    /** The frame with column {@code index} replaced. */
    static Frame replace(Frame frame, int index, io.tabsynth.spi.data.ColumnSpec spec, Column<?> column) {
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(frame.table().name());
        java.util.List<io.tabsynth.spi.data.ColumnSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < frame.columnCount(); i++) {
            t.addColumns(i == index ? column.setName(spec.name()) : frame.column(i));
            specs.add(i == index ? spec : frame.schema().column(i));
        }
        return Frame.of(t, io.tabsynth.spi.data.Schema.of(specs));
    }

    /** The row's values over the columns as written in a file, joined by {@code sep}, {@code missing} for a gap. */
    static String key(Frame frame, int row, int[] columns, String sep, String missing) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                b.append(sep);
            }
            b.append(frame.isMissing(columns[i], row) ? missing : io.tabsynth.spi.data.CellText.of(frame, columns[i], row));
        }
        return b.toString();
    }
}
