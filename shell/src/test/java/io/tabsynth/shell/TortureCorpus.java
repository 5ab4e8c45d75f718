package io.tabsynth.shell;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Tables nobody designed tabsynth around, made by code: the kinds of data that crashed it, corrupted values or
 * copied real people's values when it was tried on public datasets, and the usual suspects besides (odd names,
 * every date style, -0.0, huge and tiny magnitudes, one row, thousands of columns, 10,000 categories, mixed
 * encodings). Each table says, per column, the written form every synthetic value must keep (a regular
 * expression over the cell's text as written in the CSV file; empty cells are missing values and always allowed).
 * When a bug is found on a new kind of table, add the table here.
 */
final class TortureCorpus {
    /** A table: its file name, its bytes, and the form each column's synthetic cells must have. */
    record Table(String name, byte[] bytes, Map<String, String> forms) {
        int columns() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).split(",", -1).length;
        }
    }

    private static final String ONE_DECIMAL = "-?\\d+(\\.\\d)?";
    private static final String WHOLE = "-?\\d+";
    private static final String NUMBER = "-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?";
    private static final String[] LAST_NAMES = {"Okafor", "Lindqvist", "Haddad", "Nakamura", "Moreau", "Kowalski",
        "Fernandes", "O'Brien", "Van der Berg", "Nguyen", "Schmidt", "Rossi", "Petrov", "Ahmed", "García"};
    private static final String[] STREETS = {"Main St", "High Street", "Rue de la Paix", "Oak Avenue", "Elm Road",
        "Church Lane", "Station Rd", "Mill Way"};

    private TortureCorpus() {
    }

    static List<Table> tables() {
        List<Table> t = new ArrayList<>();
        t.add(negativeZero());
        t.add(magnitudes());
        t.add(leadingZeros());
        t.add(dateStyles());
        t.add(monthlySeries());
        t.add(decimals());
        t.add(oddNames());
        t.add(namesDifferingInCase());
        t.add(nullsAndConstants());
        t.add(heavyTies());
        t.add(oneRow());
        t.add(manyCategories());
        t.add(people());
        t.add(mixedEncodings());
        t.add(quotingAndLineEndings());
        t.add(wide(1_000, 40));
        return t;
    }

    /** A column holding both 0.0 and -0.0 (crashed the copula: ties grouped with ==, found by binary search). */
    static Table negativeZero() {
        return csv("negative-zero.csv", List.of("x", "y"), 200, i -> {
            String[] x = {"0.0", "-0.0", "1.5", "2.5", "3.5"};
            return List.of(x[i % 5], Integer.toString(i % 7));
        }, Map.of("x", ONE_DECIMAL, "y", WHOLE));
    }

    /** 1e308 and -1e308 in one column (the range overflowed to infinity), subnormal and tiny values in another. */
    static Table magnitudes() {
        Random r = new Random(11);
        return csv("magnitudes.csv", List.of("huge", "tiny", "mixed"), 300, i -> {
            String huge = i % 2 == 0 ? "1e308" : "-1e308";
            if (i % 5 == 0) {
                huge = String.format(Locale.ROOT, "%.3e", (r.nextDouble() * 2 - 1) * 1e307);
            }
            String tiny = i % 3 == 0 ? "4.9e-324" : String.format(Locale.ROOT, "%.4e", r.nextDouble() * 1e-300);
            String mixed = String.format(Locale.ROOT, "%.3e", Math.pow(10, r.nextInt(600) - 300) * (r.nextBoolean() ? 1 : -1));
            return List.of(huge, tiny, mixed);
        }, Map.of("huge", NUMBER, "tiny", NUMBER, "mixed", NUMBER));
    }

    /**
     * Zip codes, account numbers and phone numbers with leading zeros: codes, not numbers (00501 became 501). The
     * phone numbers are keys, and new keys are numbered above every real one, so 07... may become 08...: the width
     * and the leading zero are the written form kept.
     */
    static Table leadingZeros() {
        Random r = new Random(5);
        String[] zips = new String[40];
        for (int i = 0; i < zips.length; i++) {
            zips[i] = String.format("%05d", i < 10 ? 501 + i * 37 : 10_000 + r.nextInt(89_999));
        }
        return csv("codes.csv", List.of("zip", "account", "phone", "amount"), 400, i -> List.of(
                zips[r.nextInt(zips.length)],
                String.format("%010d", r.nextInt(2_000_000)),
                "07" + String.format("%09d", r.nextInt(1_000_000_000)),
                Integer.toString(10 + r.nextInt(990))),
                Map.of("zip", "\\d{5}", "account", "\\d{10}", "phone", "0\\d{10}", "amount", WHOLE));
    }

    /** A column of dates written in one pattern, and the form every synthetic cell of it must have. */
    private record DateStyle(String name, String pattern, String form) {
    }

    private static final List<DateStyle> DATE_STYLES = List.of(
            new DateStyle("slashed", "yyyy/MM/dd HH:mm:ss", "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}"),
            new DateStyle("slashed_minutes", "yyyy/MM/dd HH:mm", "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}"),
            new DateStyle("month_first", "MMM d yyyy", "[A-Z][a-z]{2} \\d{1,2} \\d{4}"),
            new DateStyle("day_first", "d MMM yyyy", "\\d{1,2} [A-Z][a-z]{2} \\d{4}"),
            new DateStyle("short_year", "dd-MMM-yy", "\\d{2}-[A-Z][a-z]{2}-\\d{2}"),
            new DateStyle("us_clock", "M/d/yy h:mm a", "\\d{1,2}/\\d{1,2}/\\d{2} \\d{1,2}:\\d{2} (AM|PM)"),
            new DateStyle("us_clock_seconds", "M/d/yy h:mm:ss a", "\\d{1,2}/\\d{1,2}/\\d{2} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)"),
            new DateStyle("full_month", "MMMM d, yyyy", "[A-Z][a-z]+ \\d{1,2}, \\d{4}"),
            new DateStyle("iso", "yyyy-MM-dd'T'HH:mm:ss", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"));

    /** Every common written form of a date or date-time, each in its own column, kept as written. */
    static Table dateStyles() {
        Random r = new Random(3);
        LocalDateTime start = LocalDateTime.of(1998, 1, 1, 0, 0);
        Map<String, String> forms = new LinkedHashMap<>();
        DATE_STYLES.forEach(d -> forms.put(d.name(), d.form()));
        return csv("dates.csv", DATE_STYLES.stream().map(DateStyle::name).toList(), 300, i -> {
            List<String> row = new ArrayList<>();
            for (DateStyle d : DATE_STYLES) {
                LocalDateTime t = start.plusMinutes((long) r.nextInt(60 * 24 * 365 * 20));
                if (!d.pattern().contains("H") && !d.pattern().contains("h")) {
                    t = t.toLocalDate().atStartOfDay();
                }
                t = d.pattern().contains("ss") ? t.withSecond(r.nextInt(60)) : t.withSecond(0);
                row.add(DateTimeFormatter.ofPattern(d.pattern(), Locale.ENGLISH).format(t));
            }
            return row;
        }, forms);
    }

    /**
     * A monthly series: synthetic dates must stay on the first of a month (722 of 741 rows got arbitrary days);
     * the same months written as year and month ({@code 2000-01}) stay so (they became {@code ym-000001}).
     */
    static Table monthlySeries() {
        Random r = new Random(8);
        return csv("monthly.csv", List.of("month", "sales", "ym"), 240, i -> List.of(
                LocalDate.of(2000, 1, 1).plusMonths(i).toString(), Integer.toString(1_000 + r.nextInt(500)),
                LocalDate.of(2000, 1, 1).plusMonths(i).toString().substring(0, 7)),
                Map.of("month", "\\d{4}-\\d{2}-01", "sales", WHOLE, "ym", "\\d{4}-(0[1-9]|1[0-2])"));
    }

    /** One, two and no decimals: each column comes back with the decimals it has. */
    static Table decimals() {
        Random r = new Random(9);
        return csv("decimals.csv", List.of("temperature", "price", "count", "ratio"), 300, i -> List.of(
                String.format(Locale.ROOT, "%.1f", r.nextGaussian() * 8 + 12),
                String.format(Locale.ROOT, "%.2f", 5 + r.nextDouble() * 100),
                Integer.toString(r.nextInt(40)),
                String.format(Locale.ROOT, "%.3f", r.nextDouble())),
                Map.of("temperature", ONE_DECIMAL, "price", "-?\\d+(\\.\\d{1,2})?", "count", WHOLE,
                        "ratio", "-?\\d+(\\.\\d{1,3})?"));
    }

    /**
     * Column names with spaces (inside, and around: ' padded ' is read as 'padded'), dots, quotes, unicode, SQL
     * keywords and a leading digit.
     */
    static Table oddNames() {
        Random r = new Random(4);
        List<String> names = List.of("Airport Name", "capital-gain", "a.b", "Größe", "select", "1st place", "名前",
                "from", "it's", " padded ");
        return csv("odd-names.csv", names, 200, i -> List.of(
                new String[] {"Heathrow", "Schiphol", "Narita", "O'Hare"}[r.nextInt(4)],
                Integer.toString(r.nextInt(10) < 8 ? 0 : r.nextInt(5000)),
                String.format(Locale.ROOT, "%.1f", r.nextDouble() * 10),
                Integer.toString(150 + r.nextInt(50)),
                new String[] {"yes", "no"}[r.nextInt(2)],
                Integer.toString(1 + r.nextInt(3)),
                new String[] {"花子", "太郎", "次郎"}[r.nextInt(3)],
                new String[] {"north", "south"}[r.nextInt(2)],
                new String[] {"a", "b", "c"}[r.nextInt(3)],
                Integer.toString(r.nextInt(9))),
                Map.of("capital-gain", WHOLE, "a.b", ONE_DECIMAL, "Größe", WHOLE, "1st place", "[123]",
                        "名前", "花子|太郎|次郎", "padded", "\\d"));
    }

    /** Two columns whose names differ only in case: refused with exit 2 (it was an internal error). */
    static Table namesDifferingInCase() {
        return csv("same-name.csv", List.of("Name", "name"), 50, i -> List.of("a" + i % 5, "b" + i % 7), Map.of());
    }

    /** An all-empty column, constant text and number columns, and a column that is 95 % missing. */
    static Table nullsAndConstants() {
        Random r = new Random(2);
        return csv("nulls.csv", List.of("empty", "constant", "seven", "sparse", "value"), 200, i -> List.of(
                "", "same", "7", r.nextInt(20) == 0 ? Integer.toString(r.nextInt(100)) : "",
                String.format(Locale.ROOT, "%.2f", r.nextDouble())),
                Map.of("empty", "", "constant", "same", "seven", "7", "sparse", WHOLE, "value", "-?\\d+(\\.\\d{1,2})?"));
    }

    /** Heavy ties: most values equal, a few others. */
    static Table heavyTies() {
        Random r = new Random(6);
        return csv("ties.csv", List.of("t", "u"), 500, i -> List.of(
                r.nextInt(100) < 90 ? "1" : Integer.toString(2 + r.nextInt(3)),
                r.nextInt(100) < 70 ? "0.5" : r.nextBoolean() ? "0.25" : "0.75"),
                Map.of("t", WHOLE, "u", "-?\\d+(\\.\\d{1,2})?"));
    }

    /** A table of one row. */
    static Table oneRow() {
        return csv("one-row.csv", List.of("a", "b", "c"), 1, i -> List.of("3.5", "x", "2020-01-01"),
                Map.of("a", NUMBER, "c", "\\d{4}-\\d{2}-\\d{2}"));
    }

    /** 10,000 categories, each held by three rows. */
    static Table manyCategories() {
        Random r = new Random(12);
        return csv("categories.csv", List.of("code", "n"), 30_000, i -> List.of(
                String.format("k%05d", i % 10_000), Integer.toString(r.nextInt(50))),
                Map.of("n", WHOLE));
    }

    /** Names and street addresses that are mostly distinct, a car model column at 77 % distinct, and keys. */
    static Table people() {
        Random r = new Random(21);
        return csv("people.csv", List.of("customer_id", "last_name", "address", "car", "city", "age"), 500, i -> {
            String name = LAST_NAMES[r.nextInt(LAST_NAMES.length)] + (r.nextInt(100) < 92 ? "-" + (1000 + i) : "");
            String address = (1 + r.nextInt(300)) + " " + STREETS[r.nextInt(STREETS.length)] + " " + (char) ('A' + i % 26) + i;
            String car = r.nextInt(100) < 77 ? "Model " + Integer.toString(i * 7919 % 100_000, 36).toUpperCase(Locale.ROOT) : "Corolla";
            return List.of(String.format("CUST-%06d", i + 1), name, address, car,
                    new String[] {"Leeds", "York", "Hull"}[r.nextInt(3)], Integer.toString(18 + r.nextInt(70)));
        }, Map.of("age", WHOLE));
    }

    /** A UTF-8 file with a row written in Latin-1 (a café whose é is the single byte 0xE9). */
    static Table mixedEncodings() {
        StringBuilder b = new StringBuilder("place,visits\n");
        for (int i = 0; i < 100; i++) {
            b.append(i % 2 == 0 ? "Zürich" : "Malmö").append(',').append(i % 13).append('\n');
        }
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] latin = "caf\u00e9,4\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + latin.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin, 0, all, head.length, latin.length);
        return new Table("mixed-encodings.csv", all, Map.of("visits", WHOLE));
    }

    /** A byte-order mark, CRLF line endings, quoted cells with commas, quotes and line breaks inside. */
    static Table quotingAndLineEndings() {
        StringBuilder b = new StringBuilder("\uFEFFnote,score\r\n");
        String[] notes = {"\"plain\"", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\""};
        for (int i = 0; i < 120; i++) {
            b.append(notes[i % notes.length]).append(',').append(i % 10).append("\r\n");
        }
        return new Table("quoting.csv", b.toString().getBytes(StandardCharsets.UTF_8), Map.of("score", WHOLE));
    }

    /** Thousands of columns and few rows. */
    static Table wide(int columns, int rows) {
        Random r = new Random(13);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            names.add("c" + c);
        }
        return csv("wide-" + columns + ".csv", names, rows, i -> {
            List<String> row = new ArrayList<>();
            double base = r.nextGaussian();
            for (int c = 0; c < columns; c++) {
                row.add(c % 10 == 9 ? new String[] {"p", "q", "r"}[r.nextInt(3)]
                        : String.format(Locale.ROOT, "%.2f", base * (c % 3) + r.nextGaussian()));
            }
            return row;
        }, Map.of("c0", "-?\\d+(\\.\\d{1,2})?", "c9", "[pqr]"));
    }

    private static Table csv(String name, List<String> header, int rows, IntFunction<List<String>> row,
            Map<String, String> forms) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", header.stream().map(TortureCorpus::quote).toList())).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(String.join(",", row.apply(i).stream().map(TortureCorpus::quote).toList())).append('\n');
        }
        return new Table(name, b.toString().getBytes(StandardCharsets.UTF_8), forms);
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("'")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
