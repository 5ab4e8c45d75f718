package io.tabsynth.engine.data.infer;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.PlainText;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The few cells of a column that spoil its kind: a column whose values all read as numbers, or all as datetimes
 * in one format, except at most {@link #MAX_SHARE 1 %} of them and at most {@link #MAX_CELLS} cells (an impossible
 * date such as {@code 31.02.2025}, a decimal comma in a column of decimal points), is a column of that kind with
 * a few bad cells, not a column of text. Inference alone would make it categorical; the reader refuses it
 * instead ({@link #refuse}), naming the file, rows, column and texts and saying how to declare them. A column
 * with more misfits than that is genuinely mixed and stays text. Placeholders ({@code n/a}, {@code -}) are
 * missing values, not misfits.
 *
 * @param kind    the kind the other cells read as (integer, continuous or datetime)
 * @param format  the datetime format they read in, or {@code null} for numbers
 * @param rows    the misfits' rows (0-based, in order)
 * @param texts   the misfits' cell texts, in the same order
 * @param fitting how many non-missing cells read as the kind
 */
public record Misfits(ColumnKind kind, String format, List<Integer> rows, List<String> texts, int fitting) {
    /** The largest share of a column's non-missing cells that may be misfits. */
    static final double MAX_SHARE = 0.01;
    /** The most misfits a column may have (so at least 100 values are needed for one). */
    static final int MAX_CELLS = 5;
    /** How many cells {@link #mostlyDigits} looks at. */
    private static final int FIRST_CELLS = 20;
    /** The longest text tried as a datetime, as in {@link SchemaInference}. */
    private static final int MAX_DATETIME_TEXT = 40;
    /** A number written with a decimal comma, as {@code 3,5} or {@code -12,25}. */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d+,\\d+");

    public Misfits {
        rows = List.copyOf(rows);
        texts = List.copyOf(texts);
    }

    /**
     * The misfits of a column that inference read as text, or {@code null} when it has none: its cells are text
     * through and through, or too many are not numbers (datetimes) for the column to be one.
     */
    public static Misfits of(String name, List<String> cells, MissingValues missing) {
        int present = 0;
        for (String cell : cells) {
            if (!missing.isMissing(cell)) {
                present++;
            }
        }
        int allowed = Math.min(MAX_CELLS, (int) Math.floor(present * MAX_SHARE));
        if (allowed == 0) {
            return null;
        }
        Misfits numbers = numbers(name, cells, missing, allowed, present);
        return numbers != null ? numbers : datetimes(name, cells, missing, allowed, present);
    }

    private static Misfits numbers(String name, List<String> cells, MissingValues missing, int allowed, int present) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < cells.size(); r++) {
            String cell = cells.get(r);
            if (!missing.isMissing(cell) && !PlainText.isNumber(cell.trim()) && !Placeholders.isPlaceholder(cell)) {
                rows.add(r);
                if (rows.size() > allowed) {
                    return null;
                }
            }
        }
        return kindWithout(name, cells, missing, rows, null, present);
    }

    private static Misfits datetimes(String name, List<String> cells, MissingValues missing, int allowed, int present) {
        if (!mostlyDigits(cells, missing)) {
            return null;
        }
        for (String pattern : DateTimeCandidates.ALL) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < cells.size() && rows.size() <= allowed; r++) {
                String cell = cells.get(r);
                if (!missing.isMissing(cell) && !Placeholders.isPlaceholder(cell) && !parses(cell.trim(), pattern)) {
                    rows.add(r);
                }
            }
            if (rows.size() <= allowed) {
                return kindWithout(name, cells, missing, rows, pattern, present);
            }
        }
        return null;
    }

    /**
     * The misfits at these rows if, with their texts read as missing, inference gives the column a number kind
     * (no format: datetime in that format); {@code null} otherwise (say, codes with leading zeros stay text).
     */
    private static Misfits kindWithout(String name, List<String> cells, MissingValues missing, List<Integer> rows,
                                       String format, int present) {
        if (rows.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> texts.add(cells.get(r)));
        ColumnSpec without = SchemaInference.infer(name, cells, missing.and(List.copyOf(new LinkedHashSet<>(texts))));
        boolean fits = format == null
                ? without.kind() == ColumnKind.INTEGER || without.kind() == ColumnKind.CONTINUOUS
                : without.kind() == ColumnKind.DATETIME && format.equals(without.format());
        return fits ? new Misfits(without.kind(), format, rows, texts, present - rows.size()) : null;
    }

    /**
     * Whether at least half of the first {@link #FIRST_CELLS} non-missing cells hold a digit, as every date the
     * candidates read does: text columns ({@code Married}, {@code State-gov}) are not tried in every format.
     */
    private static boolean mostlyDigits(List<String> cells, MissingValues missing) {
        int seen = 0;
        int withDigit = 0;
        for (int r = 0; r < cells.size() && seen < FIRST_CELLS; r++) {
            String cell = cells.get(r);
            if (!missing.isMissing(cell)) {
                seen++;
                withDigit += cell.chars().anyMatch(Character::isDigit) ? 1 : 0;
            }
        }
        return 2 * withDigit >= seen;
    }

    private static boolean parses(String text, String pattern) {
        if (text.length() > MAX_DATETIME_TEXT) {
            return false;
        }
        try {
            DateTimeFormats.parse(text, pattern);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The error for these misfits in a file's column: where they are, what the other values are, and the two ways
     * out (declare the texts missing, or declare the column text) as metadata to paste.
     */
    public BadInputException refuse(String file, String column) {
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            at.append(i == 0 ? "" : i == rows.size() - 1 ? " and " : ", ").append(rows.get(i) + 1)
                    .append(" ('").append(texts.get(i)).append("'").append(hint(texts.get(i))).append(")");
        }
        String what = format == null ? "number" : "date in the format " + format;
        boolean one = rows.size() == 1;
        Set<String> distinct = new LinkedHashSet<>(texts);
        String declared = format == null ? "\"kind\": \"" + kind.jsonName() + "\""
                : "\"kind\": \"datetime\", \"format\": \"" + format + "\"";
        return new BadInputException(String.format(Locale.ROOT, "%s, column '%s', row%s %s: %s not %s, while the "
                        + "column's other %d values are; if %s for a missing value, declare %s in a metadata file "
                        + "(--metadata): {\"columns\": {\"%s\": {%s, \"missingValues\": [%s]}}}; if the column is text, "
                        + "declare it categorical: {\"columns\": {\"%s\": {\"kind\": \"categorical\"}}}",
                file, column, one ? "" : "s", at, one ? "is" : "are", one ? "a " + what : what + "s", fitting,
                one ? "it stands" : "they stand", one ? "it" : "them", column, declared, quoted(distinct), column));
    }

    /** A word on what is wrong with a misfit where it is plain: a decimal comma among decimal points. */
    private String hint(String text) {
        return format == null && DECIMAL_COMMA.matcher(text.trim()).matches()
                ? ": a decimal comma, the other values use a point" : "";
    }

    private static String quoted(Set<String> texts) {
        List<String> out = new ArrayList<>();
        texts.forEach(t -> out.add("\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return String.join(", ", out);
    }
}
