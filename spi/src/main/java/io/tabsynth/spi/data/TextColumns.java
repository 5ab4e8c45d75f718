package io.tabsynth.spi.data;

import io.tabsynth.spi.BadInputException;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** Turns the cell texts of one column into a typed column of its spec's kind. */
public final class TextColumns {
    private TextColumns() {
    }

    /**
     * Parses the cells; a cell in {@code fileMissing} or the spec's own missing values is missing; a cell that
     * does not fit the kind is a {@link BadInputException} naming the place ({@code where.apply(row)} describes
     * row {@code row}, 0-based) and the column.
     */
    public static Column<?> parse(ColumnSpec spec, List<String> cells, MissingValues fileMissing, IntFunction<String> where) {
        MissingValues missing = fileMissing.and(spec.missingValues());
        int n = cells.size();
        switch (spec.kind()) {
            case CONTINUOUS: {
                double[] v = new double[n];
                NumberText.Reader reader = spec.format() == null ? null : new NumberText.Reader(spec.format());
                for (int i = 0; i < n; i++) {
                    String c = cells.get(i);
                    if (missing.isMissing(c)) {
                        v[i] = Double.NaN;
                    } else {
                        String t = reader == null ? c.trim() : reader.plain(c);
                        if (t == null || !PlainText.isNumber(t)) {
                            throw bad(spec, where, i, c, "a number" + in(spec));
                        }
                        v[i] = Double.parseDouble(t);
                        if (Double.isInfinite(v[i])) {
                            throw bad(spec, where, i, c, "a number within ±1.8e308");
                        }
                    }
                }
                return DoubleColumn.create(spec.name(), v);
            }
            case INTEGER: {
                LongColumn col = LongColumn.create(spec.name(), n);
                NumberText.Reader reader = spec.format() == null ? null : new NumberText.Reader(spec.format());
                for (int i = 0; i < n; i++) {
                    String c = cells.get(i);
                    if (missing.isMissing(c)) {
                        col.setMissing(i);
                    } else {
                        String t = reader == null ? c.trim() : reader.plain(c);
                        if (t == null || !PlainText.isLong(t)) {
                            throw bad(spec, where, i, c, "a whole number" + in(spec));
                        }
                        col.set(i, Long.parseLong(t));
                    }
                }
                return col;
            }
            case BOOLEAN: {
                BooleanColumn col = BooleanColumn.create(spec.name());
                for (int i = 0; i < n; i++) {
                    String c = cells.get(i);
                    if (missing.isMissing(c)) {
                        col.appendMissing();
                    } else {
                        String t = c.trim().toLowerCase(Locale.ROOT);
                        if (!PlainText.isBoolean(t)) {
                            throw bad(spec, where, i, c, "true or false");
                        }
                        col.append(t.equals("true"));
                    }
                }
                return col;
            }
            case DATETIME: {
                DateTimeColumn col = DateTimeColumn.create(spec.name());
                for (int i = 0; i < n; i++) {
                    String c = cells.get(i);
                    if (missing.isMissing(c)) {
                        col.appendMissing();
                    } else {
                        try {
                            col.append(DateTimeFormats.parse(c.trim(), spec.format()));
                        } catch (DateTimeParseException e) {
                            throw bad(spec, where, i, c, "a datetime in the format '" + spec.format() + "'");
                        }
                    }
                }
                return col;
            }
            default: {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    String c = cells.get(i);
                    v[i] = missing.isMissing(c) ? "" : c;
                }
                return StringColumn.create(spec.name(), v);
            }
        }
    }

    private static String in(ColumnSpec spec) {
        return spec.format() == null ? "" : " in the format '" + spec.format() + "'";
    }

    private static BadInputException bad(ColumnSpec spec, IntFunction<String> where, int row, String cell, String expected) {
        return new BadInputException(where.apply(row) + ", column '" + spec.name() + "': '" + cell + "' is not "
                + expected + " (the column is " + spec.kind().jsonName() + "; a metadata file's \"missingValues\" "
                + "can list the texts that mean missing)");
    }
}
