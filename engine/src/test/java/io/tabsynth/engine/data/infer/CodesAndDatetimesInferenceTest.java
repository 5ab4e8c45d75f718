package io.tabsynth.engine.data.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.MissingValues;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Codes written in digits stay text, numbers stay numbers, and common written datetimes are datetimes. */
class CodesAndDatetimesInferenceTest {
    private static ColumnSpec infer(String name, List<String> cells) {
        return SchemaInference.infer(name, cells, MissingValues.DEFAULT);
    }

    private static List<String> repeat(int n, IntFunction<String> f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    @Test
    void yearMonthsAreDatesOnTheFirstOfTheMonthWrittenAsTheyWere() {
        // a monthly series written 2000-01 became an identifier (ym-000001)
        List<String> months = repeat(120, i -> String.format("%d-%02d", 2000 + i / 12, 1 + i % 12));
        ColumnSpec spec = infer("ym", months);
        assertEquals(ColumnKind.DATETIME, spec.kind());
        assertEquals("yyyy-MM", spec.format());
        assertEquals(java.time.LocalDateTime.of(2003, 7, 1, 0, 0), DateTimeFormats.parse("2003-07", "yyyy-MM"));
        assertEquals("2003-07", DateTimeFormats.format(java.time.LocalDateTime.of(2003, 7, 1, 0, 0), "yyyy-MM"));
        assertEquals(ColumnKind.CATEGORICAL, infer("season", repeat(60, i -> "20" + (10 + i % 5) + "-" + (11 + i % 5))).kind(),
                "2010-11 has no thirteenth month: 2014-15 is a season, not a date");
    }

    @Test
    void digitStringsWithALeadingZeroAreCodesWhateverTheName() {
        // 00501 is the zip code of Holtsville, NY; as a number it was written back as 501
        List<String> zips = repeat(200, i -> List.of("00501", "02134", "90210", "10001", "60601").get(i % 5));
        assertEquals(ColumnKind.CATEGORICAL, infer("zip", zips).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("where", zips).kind());
        // a single value with a leading zero is enough
        List<String> mostlyPlain = repeat(200, i -> i == 150 ? "0412" : Integer.toString(1000 + i % 9));
        assertEquals(ColumnKind.CATEGORICAL, infer("branch", mostlyPlain).kind());
        // nearly distinct codes are keys, as other text is
        assertEquals(ColumnKind.IDENTIFIER, infer("account", repeat(100, i -> String.format("%08d", 31 * i))).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("phone", repeat(100, i -> "0" + (7_700_900_000L + 13L * i))).kind());
    }

    @Test
    void fixedWidthDigitsAreCodesOnlyUnderACodeLikeName() {
        List<String> zips = repeat(300, i -> Integer.toString(90_000 + 7 * (i % 40)));
        for (String name : new String[] {"zip", "ZIP Code", "zipCode", "postal_code", "fips", "area code", "sku"}) {
            assertEquals(ColumnKind.CATEGORICAL, infer(name, zips).kind(), name);
        }
        // the same five-digit values under another name are numbers (salaries are often all five digits)
        assertEquals(ColumnKind.INTEGER, infer("salary", zips).kind());
        assertEquals(ColumnKind.INTEGER, infer("barcodes_scanned", zips).kind());
    }

    @Test
    void numbersOfOneWidthStayNumbers() {
        // UCI Adult's age is two digits in every row, a year column four, Unix times ten
        assertEquals(ColumnKind.INTEGER, infer("age", repeat(500, i -> Integer.toString(17 + i % 73))).kind());
        assertEquals(ColumnKind.INTEGER, infer("year", repeat(500, i -> Integer.toString(1990 + i % 30))).kind());
        assertEquals(ColumnKind.INTEGER, infer("time", repeat(500, i -> Long.toString(1_420_070_400L + 3600L * (i % 50)))).kind());
        assertEquals(ColumnKind.INTEGER, infer("count", repeat(50, i -> Integer.toString(i % 12))).kind());
        assertEquals(ColumnKind.CONTINUOUS, infer("share", repeat(50, i -> "0." + (10 + i % 80))).kind());
        assertEquals(ColumnKind.INTEGER, infer("delta", repeat(50, i -> Integer.toString(i % 7 - 3))).kind());
        // an id numbered 1000 to 9999 is a key, not a code, even at one width
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(100, i -> Integer.toString(1000 + i))).kind());
    }

    @Test
    void numbersWithAFixedNumberOfDecimalsAndTrailingZerosKeepThem() {
        assertEquals(new ColumnSpec("price", ColumnKind.CONTINUOUS, "0.00"), infer("price", List.of("12.50", "3.00", "-7.25", "NA")));
        assertEquals(new ColumnSpec("x", ColumnKind.CONTINUOUS, "0.0"), infer("x", List.of("25.0", "3.5")));
        // nothing to keep: no trailing zero, or decimals that vary, or exponents
        assertEquals(new ColumnSpec("x", ColumnKind.CONTINUOUS, null), infer("x", List.of("12.5", "3.25")));
        assertEquals(new ColumnSpec("x", ColumnKind.CONTINUOUS, null), infer("x", List.of("12.50", "3.125")));
        assertEquals(new ColumnSpec("x", ColumnKind.CONTINUOUS, null), infer("x", List.of("12.50", "3")));
        assertEquals(new ColumnSpec("x", ColumnKind.CONTINUOUS, null), infer("x", List.of("1.50e3", "2.50e3")));
        assertEquals(new ColumnSpec("n", ColumnKind.INTEGER, null), infer("n", List.of("10", "20")));
    }

    /** The column is a datetime in the format, and every value is written back exactly as it was read. */
    private static void datetime(String format, List<String> values) {
        ColumnSpec spec = infer("when", values);
        assertEquals(new ColumnSpec("when", ColumnKind.DATETIME, format), spec, values.toString());
        for (String v : values) {
            assertEquals(v, DateTimeFormats.format(DateTimeFormats.parse(v, format), format));
        }
    }

    @Test
    void commonWrittenDatetimesAreDatetimesInTheirOwnForm() {
        datetime("yyyy/MM/dd HH:mm:ss", List.of("2015/01/01 01:00:00", "2015/01/01 02:00:00", "2016/12/31 23:59:59"));
        datetime("yyyy/MM/dd HH:mm", List.of("2015/01/01 01:00", "2016/12/31 23:59"));
        datetime("MMM d yyyy", List.of("Jun 12 1998", "Jan 1 2000", "Sep 30 2024"));
        datetime("MMM d, yyyy", List.of("Jun 12, 1998", "Jan 1, 2000"));
        datetime("MMMM d, yyyy", List.of("June 12, 1998", "January 1, 2000", "May 3, 2001"));
        datetime("d MMM yyyy", List.of("12 Jun 1998", "1 Jan 2000"));
        datetime("dd MMM yyyy", List.of("12 Jun 1998", "01 Jan 2000"));
        datetime("dd-MMM-yy", List.of("12-Jun-98", "01-Jan-00", "31-Dec-49"));
        datetime("M/d/yy h:mm a", List.of("6/12/98 1:05 PM", "1/1/00 11:30 AM", "12/31/19 12:00 AM"));
        datetime("M/d/yy h:mm:ss a", List.of("6/12/98 1:05:09 PM", "1/1/00 11:30:00 AM"));
        datetime("M/d/yyyy H:mm", List.of("6/12/1998 13:05", "1/1/2000 9:30"));
        datetime("MM/dd/yyyy HH:mm:ss", List.of("06/12/1998 13:05:00", "01/01/2000 09:30:00"));
    }

    @Test
    void twoDigitYearsAndTwelveHourClocksReadAsTheyMean() {
        assertEquals(LocalDateTime.of(1998, 6, 12, 0, 0), DateTimeFormats.parse("12-Jun-98", "dd-MMM-yy"));
        assertEquals(LocalDateTime.of(2049, 12, 31, 0, 0), DateTimeFormats.parse("31-Dec-49", "dd-MMM-yy"));
        assertEquals(LocalDateTime.of(1950, 1, 1, 0, 0), DateTimeFormats.parse("01-Jan-50", "dd-MMM-yy"));
        assertEquals(LocalDateTime.of(1998, 6, 12, 13, 5), DateTimeFormats.parse("6/12/98 1:05 PM", "M/d/yy h:mm a"));
        assertEquals(LocalDateTime.of(2000, 1, 1, 0, 0), DateTimeFormats.parse("1/1/00 12:00 AM", "M/d/yy h:mm a"));
    }

    @Test
    void monthAndDayOrderIsTheOneEveryValueReadsIn() {
        // both orders read these: month/day, as US files write them, is taken
        datetime("MM/dd/yyyy", List.of("03/04/2020", "05/06/2021"));
        // a day above 12 settles it
        datetime("dd/MM/yyyy", List.of("03/04/2020", "25/06/2021"));
        datetime("d/M/yyyy", List.of("3/4/2020", "25/6/2021"));
        datetime("M/d/yyyy", List.of("3/4/2020", "6/25/2021"));
    }

    @Test
    void textThatOnlyLooksLikeADateStaysText() {
        assertEquals(ColumnKind.CATEGORICAL, infer("m", List.of("Jun", "Jan", "Jun")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("s", List.of("Jun 12 1998", "Juno 1 2000", "Jun 12 1998")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("s", List.of("13/13/2020", "1/1/2020", "13/13/2020")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("s", List.of("Flight 12 1998", "Flight 12 1998")).kind());
    }
}
