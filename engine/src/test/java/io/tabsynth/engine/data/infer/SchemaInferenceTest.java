package io.tabsynth.engine.data.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.CsvReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    private static ColumnSpec infer(String name, List<String> cells) {
        return SchemaInference.infer(name, cells, MissingValues.DEFAULT);
    }

    private static List<String> repeat(int n, java.util.function.IntFunction<String> f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    @Test
    void infersEachKind() {
        assertEquals(ColumnKind.BOOLEAN, infer("b", List.of("true", "FALSE", "", "True")).kind());
        assertEquals(ColumnKind.INTEGER, infer("n", List.of("1", "-2", "+3", "NA")).kind());
        assertEquals(ColumnKind.CONTINUOUS, infer("x", List.of("1", "2.5", "-3e4", ".5")).kind());
        ColumnSpec date = infer("d", List.of("2024-01-31", "2023-12-01", ""));
        assertEquals(new ColumnSpec("d", ColumnKind.DATETIME, "yyyy-MM-dd"), date);
        assertEquals("yyyy-MM-dd HH:mm:ss", infer("t", List.of("2024-01-31 10:00:00")).format());
        assertEquals(ColumnKind.CATEGORICAL, infer("c", repeat(100, i -> "level" + i % 7)).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("key", repeat(50, i -> "K" + i)).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("count", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("userID", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("orderId", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("paid", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("valid", repeat(10, i -> Integer.toString(1000 + i))).kind());
        for (String key : new String[] {"account_number", "order no", "policy_nr", "ssn", "iban", "phone", "accountNumber", "mobile_phone"}) {
            assertEquals(ColumnKind.IDENTIFIER, infer(key, repeat(30, i -> Long.toString(4_470_000_000L + 17L * i))).kind(), key);
        }
        for (String other : new String[] {"number_of_children", "nominal", "phones_owned", "snow"}) {
            assertEquals(ColumnKind.INTEGER, infer(other, repeat(30, i -> Integer.toString(i))).kind(), other);
        }
        assertEquals(ColumnKind.FREE_TEXT, infer("comment", repeat(50, i -> "this is comment number " + i)).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("empty", List.of("", "", "NA")).kind());
    }

    @Test
    void manyLevelsStayCategoricalWhenValuesRepeat() {
        assertEquals(ColumnKind.CATEGORICAL, infer("city", repeat(30_000, i -> "city-" + i % 10_000)).kind());
    }

    @Test
    void longColumnsAreClassifiedAsIfEveryCellWereRead() {
        // inference stops reading a text column once no rest could make it keys or free text: the answers must
        // be those of reading it all, also when the distinct values come late
        assertEquals(ColumnKind.CATEGORICAL, infer("city", repeat(200_000, i -> "city-" + i % 40)).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("code", repeat(50_000, i -> i < 1_000 ? "K-" + i % 500 : "K-" + i)).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("code", repeat(50_000, i -> i < 5_000 ? "K-" + i % 500 : "K-" + i)).kind());
        assertEquals(ColumnKind.FREE_TEXT, infer("note", repeat(50_000,
                i -> "called back on day " + (i < 10_000 ? i % 7 : i))).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("note", repeat(50_000,
                i -> "called back on day " + (i < 30_000 ? i % 7 : i))).kind());
    }

    @Test
    void nearlyDistinctColumnsAreKeysSoThatNoGeneratorCopiesTheirValues() {
        // 400 addresses, 8 of them repeated: categorical would make generators replay real addresses
        List<String> emails = repeat(400, i -> "person" + (i % 392) + "@mail.com");
        assertEquals(ColumnKind.IDENTIFIER, infer("email", emails).kind());
        List<String> ids = repeat(400, i -> "C-" + (10_000 + (i % 395) * 7));
        assertEquals(ColumnKind.IDENTIFIER, infer("customer", ids).kind());
        // whole numbers need an id-like name as well; a measurement with few repeats stays a number
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(400, i -> Integer.toString(i % 390))).kind());
        assertEquals(ColumnKind.INTEGER, infer("fnlwgt", repeat(400, i -> Integer.toString(i % 390))).kind());
        assertEquals(ColumnKind.FREE_TEXT, infer("note", repeat(100, i -> "called back on day " + i % 97)).kind());
        // under 95 % distinct, or under 20 values with a repeat: categories
        assertEquals(ColumnKind.CATEGORICAL, infer("city", repeat(400, i -> "town" + (i % 370))).kind());
        assertEquals(ColumnKind.INTEGER, infer("customer_id", repeat(400, i -> Integer.toString(i % 370))).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("name", repeat(19, i -> "n" + (i % 18))).kind());
        assertEquals(ColumnKind.INTEGER, infer("order_id", repeat(19, i -> Integer.toString(i % 18))).kind());
    }

    @Test
    void impossibleDatesAndOddNumbersAreNotMisread() {
        assertEquals(ColumnKind.CATEGORICAL, infer("d", List.of("2024-02-30", "2024-01-01", "2024-02-30")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("x", List.of("Inf1nity", "1", "Inf1nity")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("x", List.of("0x1F", "1", "0x1F")).kind());
    }

    @Test
    void placeholdersAmongNumbersAndDatesAreTheColumnsOwnMissingValues() {
        // 1 in 40 incomes is a spelling of "not available", 1 in 60 ages a "?" or "none": without the rule they
        // were an identifier (nearly distinct text) and 76 categories
        List<String> incomes = repeat(500, i -> i % 40 == 0 ? List.of("n/a", "-", "unknown", "#N/A", ".").get(i / 40 % 5)
                : String.format(java.util.Locale.ROOT, "%.2f", 20_000 + 37.5 * i));
        assertEquals(new ColumnSpec("income", ColumnKind.CONTINUOUS, "0.00", List.of("#N/A", "-", ".", "n/a", "unknown")),
                infer("income", incomes));
        ColumnSpec age = infer("age", repeat(500, i -> i % 60 == 0 ? (i % 120 == 0 ? "?" : " none") : Integer.toString(18 + i % 70)));
        assertEquals(ColumnKind.INTEGER, age.kind());
        assertEquals(List.of(" none", "?"), age.missingValues());
        assertEquals(List.of("-Infinity", "Infinity"),
                infer("x", repeat(100, i -> i % 30 == 0 ? (i % 60 == 0 ? "Infinity" : "-Infinity") : i + ".5")).missingValues());
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(50, i -> i == 7 ? "unknown" : Integer.toString(900 + i))).kind());
        ColumnSpec day = infer("day", repeat(50, i -> i % 10 == 3 ? "TBD" : "2024-03-" + (10 + i % 19)));
        assertEquals(new ColumnSpec("day", ColumnKind.DATETIME, "yyyy-MM-dd", List.of("TBD")), day);
        assertEquals("reads 'TBD' as missing", day.missingNote());
        // real text among the numbers keeps the column text: a grade "K", codes, units, too many placeholders
        assertEquals(ColumnKind.CATEGORICAL, infer("grade", repeat(200, i -> i % 13 == 0 ? "K" : Integer.toString(1 + i % 12))).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("size", repeat(200, i -> i % 9 == 0 ? "12a" : Integer.toString(i % 20))).kind());
        List<String> punctuation = List.of("-", "--", "?", "??", ".", "..", "*", "**", "/", "//", "+");
        assertEquals(ColumnKind.CATEGORICAL, infer("n", repeat(200, i -> i % 2 == 0 ? punctuation.get(i / 2 % 11) : Integer.toString(i % 20))).kind());
        assertTrue(infer("n", repeat(200, i -> i % 2 == 0 ? punctuation.get(i / 2 % 10) : Integer.toString(i % 20))).kind().isNumeric());
        // only placeholders: nothing says what the values would be
        assertEquals(ColumnKind.CATEGORICAL, infer("n", List.of("-", "unknown", "-")).kind());
        assertEquals(List.of(), infer("x", List.of("1", "2.5")).missingValues());
    }

    @Test
    void aColumnsOwnMissingValuesAreReadAsMissingAndKeptByTheSchema() {
        Frame f = CsvReader.parse("t.csv", "income,city\n1200.5,a\nn/a,b\n980,a\n-,c\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ',', Metadata.NONE);
        assertEquals(ColumnKind.CONTINUOUS, f.schema().column("income").kind());
        assertEquals(0.5, f.missingRate("income"));
        assertEquals(980, f.doubles("income").getDouble(2));
        Schema back = Schema.fromJson(f.schema().toJson());
        assertEquals(f.schema(), back);
        // a holdout read like the real data: the same texts are missing there; another text is an error that says how to fix it
        Metadata likeReal = Metadata.of(f.schema(), MissingValues.DEFAULT);
        Frame holdout = CsvReader.parse("h.csv", "income,city\n-,a\n5,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), ',', likeReal);
        assertTrue(holdout.isMissing(0, 0));
        String msg = org.junit.jupiter.api.Assertions.assertThrows(io.tabsynth.spi.BadInputException.class, () -> CsvReader.parse(
                "h.csv", "income,city\nnone,a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), ',', likeReal)).getMessage();
        assertEquals("h.csv, row 1, column 'income': 'none' is not a number (the column is continuous; a metadata file's "
                + "\"missingValues\" can list the texts that mean missing)", msg);
    }

    @Test
    void isoTimesWithAnOffsetAreInstantsKeptAndWrittenInUtc() {
        ColumnSpec z = infer("created", List.of("2024-01-10T10:00:00Z", "2024-03-01T23:59:59Z"));
        assertEquals("yyyy-MM-dd'T'HH:mm:ssXXX", z.format());
        assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", infer("t", List.of("2024-01-10T10:00:00.125Z")).format());
        assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", infer("t", List.of("2024-01-10T12:00:00.000001+02:00")).format());
        // the same instant written at two offsets is one time
        assertEquals(java.time.LocalDateTime.of(2024, 1, 10, 8, 0),
                DateTimeFormats.parse("2024-01-10T10:00:00+02:00", z.format()));
        assertEquals(DateTimeFormats.parse("2024-01-10T08:00:00Z", z.format()),
                DateTimeFormats.parse("2024-01-10T03:00:00-05:00", z.format()));
        assertEquals("2024-01-10T08:00:00Z", DateTimeFormats.format(java.time.LocalDateTime.of(2024, 1, 10, 8, 0), z.format()));
        assertTrue(DateTimeFormats.hasOffset(z.format()));
        assertTrue(!DateTimeFormats.hasOffset("yyyy-MM-dd'T'HH:mm:ss") && !DateTimeFormats.hasOffset("yyyy-MM-dd'Z'"));
    }

    @Test
    void numbersWithCurrencyOrPercentSignsOrThousandsSeparatorsAreNumbersWithTheirFormat() {
        // nearly distinct prices were an identifier ("price-000001"), percentages 98 categories
        List<String> prices = repeat(300, i -> String.format(java.util.Locale.ROOT, "$%,.2f", 3.5 + 41.25 * i));
        ColumnSpec price = infer("price", prices);
        assertEquals(new ColumnSpec("price", ColumnKind.CONTINUOUS, "'$'#,##0.00"), price);
        assertEquals(ColumnKind.INTEGER, infer("pct", repeat(100, i -> i + "%")).kind());
        assertEquals("0'%'", infer("pct", repeat(100, i -> i + "%")).format());
        assertEquals("0.##' %'", infer("rate", List.of("12.5 %", "3 %", "7.25 %")).format());
        assertEquals(new ColumnSpec("n", ColumnKind.INTEGER, "#,##0", List.of("n/a")),
                infer("n", List.of("1,234", "999", "-12,345,678", "n/a")));
        assertEquals("'€'0.00", infer("eur", List.of("€5.00", "-€3.20", "€-1.10")).format());
        // not one pattern, or not numbers: text as before
        assertEquals(ColumnKind.CATEGORICAL, infer("mixed", List.of("$5", "€5", "$5")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("weight", List.of("5 kg", "7 kg", "5 kg")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("decimalComma", List.of("1,5", "2,25", "1,5")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("quarter", List.of("Q1", "Q2", "Q1")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("code", List.of("#12", "#12a", "#12")).kind());
        assertEquals(null, infer("plain", List.of("5", "6")).format());
    }

    @Test
    void formattedNumbersReadBackInTheirFormatOrPlainAndNothingElse() {
        Frame f = CsvReader.parse("t.csv", "price,n\n\"$1,234.50\",\"1,000\"\n-$3.00,12\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ',', Metadata.NONE);
        assertEquals(1234.5, f.doubles("price").getDouble(0));
        assertEquals(-3.0, f.doubles("price").getDouble(1));
        assertEquals(1000, f.longs("n").getLong(0));
        Metadata likeReal = Metadata.of(f.schema(), MissingValues.DEFAULT);
        Frame plain = CsvReader.parse("s.csv", "price,n\n17.25,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), ',', likeReal);
        assertEquals(17.25, plain.doubles("price").getDouble(0));
        String msg = org.junit.jupiter.api.Assertions.assertThrows(io.tabsynth.spi.BadInputException.class, () -> CsvReader.parse(
                "s.csv", "price,n\n€17.25,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), ',', likeReal)).getMessage();
        assertTrue(msg.startsWith("s.csv, row 1, column 'price': '€17.25' is not a number in the format '\'$\'#,##0.00'"), msg);
        assertEquals(f.schema(), Schema.fromJson(f.schema().toJson()));
    }
}
