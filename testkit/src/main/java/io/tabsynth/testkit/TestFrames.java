package io.tabsynth.testkit;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Small frames that tests build their cases from: one numeric column of given values (in memory or as a CSV file
 * the engine reads), and a frame of every column kind and format with the cells that are hard to write and read back.
 */
public final class TestFrames {
    /** Rows of {@link #everyKind()}. */
    public static final int EVERY_KIND_ROWS = 40;

    private TestFrames() {
    }

    /** One continuous column of these values. */
    public static Frame numbers(String column, double... values) {
        return Frame.of(Table.create("numbers").addColumns(DoubleColumn.create(column, values)),
                Schema.of(ColumnSpec.of(column, ColumnKind.CONTINUOUS)));
    }

    /**
     * Writes one numeric column as a CSV file: the header, then each value in its shortest plain form ({@code 2},
     * {@code 3.25}), so that the file shows exactly as many decimals as the values have.
     */
    public static Path numbersCsv(Path file, String column, double... values) {
        String rows = DoubleStream.of(values).mapToObj(v -> BigDecimal.valueOf(v).stripTrailingZeros().toPlainString())
                .collect(Collectors.joining("\n", column + "\n", "\n"));
        try {
            return Files.writeString(file, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@value #EVERY_KIND_ROWS} rows with a column of every kind and several formats: numbers with missing values
     * and a currency format, an integer column, categories with commas, quotes, a line break, accents and a leading
     * space, identifiers, free text, dates, local and UTC date-times with milliseconds, and booleans.
     */
    public static Frame everyKind() {
        int n = EVERY_KIND_ROWS;
        double[] price = new double[n];
        long[] count = new long[n];
        String[] city = new String[n];
        String[] id = new String[n];
        String[] note = new String[n];
        LocalDateTime[] day = new LocalDateTime[n];
        LocalDateTime[] at = new LocalDateTime[n];
        LocalDateTime[] utc = new LocalDateTime[n];
        double[] amount = new double[n];
        BooleanColumn flag = BooleanColumn.create("flag");
        String[] cities = {"Zürich", "São Paulo", "a, b", "say \"hi\"", "two\nlines", " leading space"};
        for (int i = 0; i < n; i++) {
            price[i] = i % 7 == 0 ? Double.NaN : i * 1.25 - 3.5;
            count[i] = i * 1000L - 7;
            city[i] = i % 9 == 0 ? "" : cities[i % cities.length];
            id[i] = String.format("ID-%05d", i);
            note[i] = i % 5 == 0 ? "" : "free text number " + i + " with several words";
            day[i] = i % 6 == 0 ? null : LocalDate.of(2021, 1, 1).plusDays(i * 11L).atStartOfDay();
            at[i] = LocalDateTime.of(2022, 3, 4, 5, 6, 7).plusMinutes(i * 97L);
            utc[i] = at[i].plusNanos(i * 7_000_000L);
            amount[i] = i % 11 == 0 ? Double.NaN : i * 1234.5 - 20_000;
            if (i % 8 == 0) {
                flag.appendMissing();
            } else {
                flag.append(i % 3 == 0);
            }
        }
        LongColumn counts = LongColumn.create("count", count);
        counts.setMissing(3);
        Table t = Table.create("all").addColumns(DoubleColumn.create("price", price), counts,
                StringColumn.create("city", city), StringColumn.create("id", id), StringColumn.create("note", note),
                DateTimeColumn.create("day", day), DateTimeColumn.create("at", at), DateTimeColumn.create("utc", utc), flag,
                DoubleColumn.create("amount", amount));
        return Frame.of(t, Schema.of(ColumnSpec.of("price", ColumnKind.CONTINUOUS),
                ColumnSpec.of("count", ColumnKind.INTEGER), ColumnSpec.of("city", ColumnKind.CATEGORICAL),
                ColumnSpec.of("id", ColumnKind.IDENTIFIER), ColumnSpec.of("note", ColumnKind.FREE_TEXT),
                new ColumnSpec("day", ColumnKind.DATETIME, "yyyy-MM-dd"),
                new ColumnSpec("at", ColumnKind.DATETIME, "yyyy-MM-dd HH:mm:ss"),
                new ColumnSpec("utc", ColumnKind.DATETIME, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
                ColumnSpec.of("flag", ColumnKind.BOOLEAN),
                new ColumnSpec("amount", ColumnKind.CONTINUOUS, "'$'#,##0.00")));
    }
}
