package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few cells that keep a number or date column from its kind are bad input; a genuinely mixed column is text. */
class MisfitsTest {
    @TempDir
    Path dir;

    /** A CSV of {@code rows} rows, an id and one column whose cell in each row {@code cell} gives. */
    private static String table(String column, int rows, IntFunction<String> cell) {
        StringBuilder b = new StringBuilder("id,").append(column).append('\n');
        for (int r = 0; r < rows; r++) {
            b.append(r).append(',').append(cell.apply(r)).append('\n');
        }
        return b.toString();
    }

    private static String date(int r) {
        return String.format(Locale.ROOT, "%02d.%02d.2025", 1 + r % 28, 1 + r % 12);
    }

    private static Frame parse(String text, Metadata metadata) {
        return CsvReader.parse("visits.csv", text.getBytes(StandardCharsets.UTF_8), ',', metadata);
    }

    private static String error(String text) {
        return assertThrows(BadInputException.class, () -> parse(text, Metadata.NONE)).getMessage();
    }

    @Test
    void oneImpossibleDateAmongValidDatesNamesFileRowColumnTextAndTheWaysOut() {
        String csv = table("visit", 300, r -> r == 137 ? "31.02.2025" : date(r));
        assertEquals("visits.csv, column 'visit', row 138 ('31.02.2025'): is not a date in the format dd.MM.yyyy,"
                + " while the column's other 299 values are; if it stands for a missing value, declare it in a metadata"
                + " file (--metadata): {\"columns\": {\"visit\": {\"kind\": \"datetime\", \"format\": \"dd.MM.yyyy\","
                + " \"missingValues\": [\"31.02.2025\"]}}}; if the column is text, declare it categorical:"
                + " {\"columns\": {\"visit\": {\"kind\": \"categorical\"}}}", error(csv));
    }

    @Test
    void oneDecimalCommaAmongDecimalPointsIsNamedAsSuch() {
        String csv = table("amount", 300, r -> r == 200 ? "\"3,5\"" : r + ".25");
        String message = error(csv);
        assertTrue(message.startsWith("visits.csv, column 'amount', row 201 ('3,5': a decimal comma, the other values"
                + " use a point): is not a number, while the column's other 299 values are;"), message);
        assertTrue(message.contains("{\"columns\": {\"amount\": {\"kind\": \"continuous\", \"missingValues\": [\"3,5\"]}}}"),
                message);
    }

    @Test
    void severalMisfitsAreListedTogether() {
        String csv = table("n", 500, r -> r == 10 ? "12x" : r == 20 ? "7 7" : Integer.toString(r));
        assertTrue(error(csv).startsWith("visits.csv, column 'n', rows 11 ('12x') and 21 ('7 7'): are not numbers,"
                + " while the column's other 498 values are; if they stand for a missing value, declare them"), error(csv));
    }

    @Test
    void theWaysOutTheMessageGivesWork() throws Exception {
        String csv = table("visit", 300, r -> r == 137 ? "31.02.2025" : date(r));
        Path missing = Files.writeString(dir.resolve("missing.json"), "{\"columns\": {\"visit\": {\"kind\": \"datetime\","
                + " \"format\": \"dd.MM.yyyy\", \"missingValues\": [\"31.02.2025\"]}}}");
        Frame dates = parse(csv, Metadata.read(missing));
        assertEquals(ColumnKind.DATETIME, dates.schema().column("visit").kind());
        assertTrue(dates.table().column("visit").isMissing(137));
        Path text = Files.writeString(dir.resolve("text.json"), "{\"columns\": {\"visit\": {\"kind\": \"categorical\"}}}");
        assertEquals(ColumnKind.CATEGORICAL, parse(csv, Metadata.read(text)).schema().column("visit").kind());
    }

    @Test
    void genuinelyMixedAndSmallColumnsStayTextAsBefore() {
        // 2 % misfits: more than 1 %
        assertEquals(ColumnKind.CATEGORICAL, kind(table("n", 300, r -> r % 50 == 0 ? "x" + r : Integer.toString(r % 7))));
        // six misfits: more than five, though under 1 %
        assertEquals(ColumnKind.CATEGORICAL, kind(table("n", 1000, r -> r % 170 == 0 ? "x" + r : Integer.toString(r % 7))));
        // under 100 values: not even one misfit is allowed
        assertEquals(ColumnKind.CATEGORICAL, kind(table("n", 99, r -> r == 5 ? "x" : Integer.toString(r % 7))));
        // codes with leading zeros stay text with or without the odd value
        assertEquals(ColumnKind.CATEGORICAL, kind(table("zip", 300, r -> r == 5 ? "A1B" : String.format("%05d", r % 9))));
        // placeholders are missing values, not misfits
        Frame f = parse(table("n", 300, r -> r == 5 ? "n/a" : Integer.toString(r)), Metadata.NONE);
        assertEquals(ColumnKind.INTEGER, f.schema().column("n").kind());
        // a column of dates that reads whole in another format is that format, as before
        assertEquals(ColumnKind.DATETIME, kind(table("d", 300, r -> r == 7 ? "13/05/2020" : "05/01/2020")));
    }

    @Test
    void jsonLinesGetTheSameErrorAsCsv() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < 300; r++) {
            b.append("{\"id\": ").append(r).append(", \"visit\": \"").append(r == 137 ? "31.02.2025" : date(r)).append("\"}\n");
        }
        Path file = Files.writeString(dir.resolve("visits.jsonl"), b);
        String message = assertThrows(BadInputException.class, () -> FrameReader.read(file, Metadata.NONE)).getMessage();
        assertTrue(message.startsWith(file + ", column 'visit', row 138 ('31.02.2025'): is not a date"), message);
    }

    private static ColumnKind kind(String csv) {
        Frame f = parse(csv, Metadata.NONE);
        return f.schema().column(f.schema().names().get(1)).kind();
    }
}
