package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** A column's decimals and datetime granularity are learned from its values and samples are rounded to them. */
class WrittenFormTest {
    private static Frame frame(double[] x, LocalDateTime[] t) {
        Table table = Table.create("t", DoubleColumn.create("x", x), DateTimeColumn.create("t", t),
                LongColumn.create("n", new long[x.length]));
        return Frame.of(table, Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS),
                new ColumnSpec("t", ColumnKind.DATETIME, "yyyy-MM-dd HH:mm:ss"), ColumnSpec.of("n", ColumnKind.INTEGER)));
    }

    private static LocalDateTime at(int y, int m, int d, int h, int min, int s) {
        return LocalDateTime.of(y, m, d, h, min, s);
    }

    @Test
    void learnsTheMostDecimalsAndTheCoarsestUnitEveryValueFallsOn() {
        Frame monthly = frame(new double[] {0.1, 2.25, Double.NaN, -3},
                new LocalDateTime[] {at(2010, 3, 1, 0, 0, 0), at(2010, 4, 1, 0, 0, 0), null, at(2011, 1, 1, 0, 0, 0)});
        assertEquals(Map.of("x", new WrittenForm.Form(2, null), "t", new WrittenForm.Form(-1, Granularity.MONTH)),
                WrittenForm.learn(monthly).columns());
        Frame hourly = frame(new double[] {1, 2}, new LocalDateTime[] {at(2015, 1, 1, 1, 0, 0), at(2015, 1, 1, 2, 0, 0)});
        assertEquals(new WrittenForm.Form(0, null), WrittenForm.learn(hourly).columns().get("x"));
        assertEquals(Granularity.HOUR, WrittenForm.learn(hourly).columns().get("t").granularity());
        Frame yearly = frame(new double[] {1}, new LocalDateTime[] {at(2015, 1, 1, 0, 0, 0)});
        assertEquals(Granularity.YEAR, WrittenForm.learn(yearly).columns().get("t").granularity());
        // a value with more decimals than are ever written, or a fraction of a second, leaves the column as it is
        Frame fine = frame(new double[] {1e-12, 0.5}, new LocalDateTime[] {at(2015, 1, 1, 0, 0, 0).plusNanos(5_000_000), null});
        assertEquals(Map.of(), WrittenForm.learn(fine).columns());
    }

    @Test
    void samplesAreRoundedToTheNearestWholeUnitAndDecimal() {
        WrittenForm form = WrittenForm.learn(frame(new double[] {0.5, 1.25},
                new LocalDateTime[] {at(2010, 3, 1, 0, 0, 0), at(2010, 4, 1, 0, 0, 0)}));
        Frame sampled = form.apply(frame(new double[] {0.123456, -7.005, Double.NaN, 1e300, 0.1 + 0.2},
                new LocalDateTime[] {at(2010, 3, 15, 23, 0, 0), at(2010, 3, 17, 1, 0, 0), null, at(2010, 12, 31, 0, 0, 0),
                        at(2010, 2, 1, 0, 0, 0)}));
        assertEquals("0.12, -7.0, NaN, 1.0E300, 0.3", join(sampled.doubles("x")));
        // half way through March's 31 days is the 16th at noon
        assertEquals(at(2010, 3, 1, 0, 0, 0), sampled.datetimes("t").get(0));
        assertEquals(at(2010, 4, 1, 0, 0, 0), sampled.datetimes("t").get(1));
        assertEquals(true, sampled.datetimes("t").isMissing(2));
        assertEquals(at(2011, 1, 1, 0, 0, 0), sampled.datetimes("t").get(3));
        assertEquals(at(2010, 2, 1, 0, 0, 0), sampled.datetimes("t").get(4));
        assertEquals(at(2021, 1, 1, 0, 0, 0), Granularity.YEAR.round(at(2020, 7, 3, 0, 0, 0)));
        assertEquals(at(2020, 1, 1, 0, 0, 0), Granularity.YEAR.round(at(2020, 7, 1, 0, 0, 0)));
        assertEquals(at(2020, 7, 1, 13, 6, 0), Granularity.MINUTE.round(at(2020, 7, 1, 13, 5, 30)));
    }

    @Test
    void theFormSurvivesItsJsonAndAnEmptyFormChangesNothing() {
        WrittenForm form = WrittenForm.learn(frame(new double[] {0.5}, new LocalDateTime[] {at(2010, 3, 1, 0, 0, 0)}));
        assertEquals(form, WrittenForm.fromJson(form.toJson()));
        assertEquals("{\"x\":{\"decimals\":1},\"t\":{\"granularity\":\"month\"}}", form.toJson().toString());
        assertSame(WrittenForm.NONE, WrittenForm.fromJson(null));
        Frame f = frame(new double[] {0.123}, new LocalDateTime[] {at(2010, 3, 2, 0, 0, 0)});
        assertSame(f, WrittenForm.NONE.apply(f));
    }

    @Test
    void float32ValuesAreTheNumbersTheirShortestTextNames() {
        assertEquals(0.1, CellText.widen(0.1f));
        assertEquals(16777216.0, CellText.widen(16777216f));
        assertEquals(1.4E-45, CellText.widen(Float.MIN_VALUE));
        assertEquals(Double.POSITIVE_INFINITY, CellText.widen(Float.POSITIVE_INFINITY));
        assertEquals(1, CellText.decimals(CellText.widen(0.1f)));
        assertEquals(17, Double.toString(0.1f).length() - 2, "without widening, 0.1f has 17 decimals as a double");
    }

    private static String join(DoubleColumn c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(c.getDouble(i));
        }
        return b.toString();
    }
}
