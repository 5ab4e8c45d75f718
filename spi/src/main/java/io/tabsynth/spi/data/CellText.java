package io.tabsynth.spi.data;

import com.fasterxml.jackson.core.io.NumberOutput;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The text form of a cell, as tabsynth writes it to CSV and reads it back: numbers in plain decimal
 * (never exponent notation for magnitudes from 1e-6 to 1e15), booleans as {@code true}/{@code false},
 * datetimes in the column's format, and {@code null} for a missing cell.
 */
public final class CellText {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};

    private CellText() {
    }

    /** The text of a cell, or {@code null} if it is missing. */
    public static String of(Frame frame, int column, int row) {
        Column<?> c = frame.column(column);
        if (c.isMissing(row)) {
            return null;
        }
        switch (frame.schema().column(column).kind()) {
            case CONTINUOUS:
                return number(((DoubleColumn) c).getDouble(row));
            case INTEGER:
                return Long.toString(((LongColumn) c).getLong(row));
            case BOOLEAN:
                return ((BooleanColumn) c).get(row) ? "true" : "false";
            case DATETIME:
                return DateTimeFormats.format(((DateTimeColumn) c).get(row), frame.schema().column(column).format());
            default:
                return ((StringColumn) c).get(row);
        }
    }

    /** The most decimals a number is written with in plain decimal before the shortest exact form takes over. */
    public static final int MAX_DECIMALS = 9;

    /** Appends a double in plain decimal; the shortest form with up to nine decimals that reads back exactly. */
    public static void appendNumber(StringBuilder out, double v) {
        double a = Math.abs(v);
        if (a < 1e15 && (a >= 1e-6 || a == 0)) {
            int d = decimals(v);
            if (d >= 0) {
                appendScaled(out, Math.round(v * POW10[d]), d);
                return;
            }
            out.append(new java.math.BigDecimal(shortest(v)).toPlainString());
            return;
        }
        out.append(shortest(v));
    }

    /**
     * The fewest decimals that write the number exactly (0 for whole numbers and for magnitudes from 1e15 on,
     * where a double has no fraction), or -1 when it needs more than {@link #MAX_DECIMALS} (or is not finite).
     */
    public static int decimals(double v) {
        if (!Double.isFinite(v)) {
            return -1;
        }
        if (Math.abs(v) >= 1e15) {
            return 0;
        }
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            if (Math.round(v * POW10[d]) / (double) POW10[d] == v) {
                return d;
            }
        }
        return -1;
    }

    /**
     * The most decimals any value needs ({@link #decimals}), missing values (NaN) skipped; -1 when some value needs
     * more than {@link #MAX_DECIMALS} or is infinite, and when no value is present: such a column has no number of
     * decimals to round to. Values 1e15 and larger need none.
     */
    public static int mostDecimals(double[] values) {
        int most = -1;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            int d = decimals(v);
            if (d < 0) {
                return -1;
            }
            most = Math.max(most, d);
        }
        return most;
    }

    /**
     * A single-precision value as the double its shortest text names ({@code 0.1f} as 0.1, not as
     * 0.10000000149011612, the double nearest the float): what a column of float32 data means, so that it is
     * modelled and written as the real file's readers see it.
     */
    public static double widen(float v) {
        return Float.isFinite(v) ? Double.parseDouble(NumberOutput.toString(v, true)) : v;
    }

    /** The shortest decimal that reads back as the double, the same on every JDK (as Java 19's toString). */
    private static String shortest(double v) {
        return NumberOutput.toString(v, true);
    }

    /** A double in plain decimal, as {@link #appendNumber}. */
    public static String number(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendNumber(sb, v);
        return sb.toString();
    }

    private static void appendScaled(StringBuilder out, long r, int decimals) {
        if (decimals == 0) {
            out.append(r);
            return;
        }
        if (r < 0) {
            out.append('-');
            r = -r;
        }
        long whole = r / POW10[decimals];
        long frac = r % POW10[decimals];
        out.append(whole).append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < decimals; i++) {
            out.append('0');
        }
        out.append(f);
    }
}
