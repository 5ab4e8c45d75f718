package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Real tables whose columns each have a written form a generator must keep, and the check that a synthetic CSV
 * keeps them: codes with leading zeros, a monthly series, hourly and month-name datetimes, one and two decimals,
 * and float32 values read from Arrow. Every generator's round trip fit, sample, write runs on them.
 */
public final class WrittenForms {
    private static final List<String> ZIPS = List.of("00501", "02134", "01001", "90210", "10001", "60601", "07030",
            "33101", "08540", "94103");
    private static final DateTimeFormatter HOURLY = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH);

    /** The form each column of {@link #realCsv} is written in, as a regular expression over its cells. */
    private static final Map<String, Pattern> CSV_FORMS = new LinkedHashMap<>();

    static {
        CSV_FORMS.put("zip", Pattern.compile("\\d{5}"));
        CSV_FORMS.put("month", Pattern.compile("\\d{4}-\\d{2}-01"));
        CSV_FORMS.put("reading", Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:00:00"));
        CSV_FORMS.put("released", Pattern.compile("[A-Z][a-z]{2} \\d{1,2} \\d{4}"));
        CSV_FORMS.put("price", Pattern.compile("\\d+\\.\\d"));
        CSV_FORMS.put("rate", Pattern.compile("-?\\d+(\\.\\d{1,2})?"));
        CSV_FORMS.put("age", Pattern.compile("\\d{2}"));
    }

    private WrittenForms() {
    }

    /**
     * Writes {@code rows} rows to {@code file}: {@code zip} (codes, half of them with a leading zero), {@code month}
     * (a monthly series, {@code 2010-03-01}, ...), {@code reading} (hourly, {@code 2015/01/01 01:00:00}),
     * {@code released} ({@code Jun 12 1998}), {@code price} (always one decimal, {@code 25.0}), {@code rate} (up to two) and
     * {@code age} (two digits), with price depending on month and rate on zip so that there is something to learn.
     */
    public static Path realCsv(Path file, int rows, long seed) {
        Rng rng = new Rng(seed);
        StringBuilder b = new StringBuilder(String.join(",", CSV_FORMS.keySet())).append('\n');
        LocalDateTime start = LocalDateTime.of(2010, 3, 1, 0, 0);
        for (int r = 0; r < rows; r++) {
            int zip = rng.nextInt(ZIPS.size());
            int months = rng.nextInt(60);
            b.append(ZIPS.get(zip)).append(',')
                    .append(start.plusMonths(months).toLocalDate()).append(',')
                    .append(HOURLY.format(LocalDateTime.of(2015, 1, 1, 1, 0).plusHours(rng.nextInt(24 * 400)))).append(',')
                    .append(MONTH_NAME.format(LocalDateTime.of(1990, 1, 1, 0, 0).plusDays(rng.nextInt(9000)))).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", 20 + months * 0.5 + 10 * rng.nextDouble())).append(',')
                    .append(hundredths(Math.round((zip - 4 + rng.nextGaussian()) * 100))).append(',')
                    .append(18 + rng.nextInt(70)).append('\n');
        }
        write(file, b.toString());
        return file;
    }

    /** A count of hundredths as a number without trailing zeros ({@code 150} as {@code 1.5}, {@code 200} as {@code 2}). */
    private static String hundredths(long count) {
        return count == 0 ? "0" : java.math.BigDecimal.valueOf(count, 2).stripTrailingZeros().toPlainString();
    }

    /** Asserts that every cell of a synthetic CSV of {@link #realCsv}'s columns is written in its column's form. */
    public static void assertCsvKeepsTheForms(Path synthetic) {
        Map<String, List<String>> columns = read(synthetic);
        assertEquals(new ArrayList<>(CSV_FORMS.keySet()), new ArrayList<>(columns.keySet()), "the columns, in order");
        CSV_FORMS.forEach((name, form) -> assertAll(name, columns.get(name), form));
        assertTrue(columns.get("zip").stream().anyMatch(z -> z.startsWith("0")), "zip codes keep their leading zeros");
        assertTrue(columns.get("price").stream().anyMatch(p -> p.endsWith(".0")), "prices keep their trailing zero");
    }

    /** Writes {@code rows} float32 values with one decimal, {@code 0.1} to {@code 9.9}, as column {@code ratio} of an Arrow IPC file. */
    public static Path realFloat32Arrow(Path file, int rows, long seed) {
        Rng rng = new Rng(seed);
        try (BufferAllocator allocator = new RootAllocator();
             Float4Vector ratio = new Float4Vector("ratio", allocator)) {
            ratio.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                ratio.set(r, (1 + rng.nextInt(99)) / 10f);
            }
            ratio.setValueCount(rows);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(ratio);
                 FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         StandardOpenOption.TRUNCATE_EXISTING);
                 ArrowFileWriter writer = new ArrowFileWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Asserts that a synthetic CSV of {@link #realFloat32Arrow}'s column writes each value with one decimal at most. */
    public static void assertCsvKeepsTheFloat32Form(Path synthetic) {
        assertAll("ratio", read(synthetic).get("ratio"), Pattern.compile("\\d+(\\.\\d)?"));
    }

    private static void assertAll(String column, List<String> cells, Pattern form) {
        assertTrue(!cells.isEmpty(), column + ": no cells");
        for (String cell : cells) {
            assertTrue(form.matcher(cell).matches(), column + ": '" + cell + "' is not written as the real column ("
                    + form + ")");
        }
    }

    /** The cells of a CSV without quoted fields, by column. */
    private static Map<String, List<String>> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String h : header) {
            columns.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, "fields in '" + line + "'");
            for (int c = 0; c < header.length; c++) {
                columns.get(header[c]).add(cells[c]);
            }
        }
        return columns;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
