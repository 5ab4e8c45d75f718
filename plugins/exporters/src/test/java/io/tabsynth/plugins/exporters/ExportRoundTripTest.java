package io.tabsynth.plugins.exporters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.testkit.TestFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every format writes what the engine's readers read back, cell for cell, and writes are atomic. */
class ExportRoundTripTest {
    private static Engine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        engine = Engine.classpath();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** 40 rows of every kind, with missing cells and strings that need quoting or are not ASCII. */
    @ParameterizedTest
    @ValueSource(strings = {"csv", "tsv", "jsonl", "arrow", "parquet"})
    void roundTripKeepsEveryCellAndKind(String ext) {
        Frame original = TestFrames.everyKind();
        Path file = dir.resolve("data." + ext);
        engine.write(original, file);
        Frame back = FrameReader.read(file);
        if (ext.equals("parquet")) {
            // Parquet keeps timestamps as typed values but has no place for their text format: ISO comes back.
            original = Frame.of(original.table(), original.schema().with(
                    new ColumnSpec("at", ColumnKind.DATETIME, io.tabsynth.spi.data.DateTimeFormats.ISO_DATE_TIME)).with(
                    new ColumnSpec("utc", ColumnKind.DATETIME, io.tabsynth.spi.data.DateTimeFormats.ISO_DATE_TIME)));
        }
        if (ext.equals("csv")) {
            String text = assertDoesNotThrow(() -> Files.readString(file));
            assertTrue(text.contains(",\"-$18,765.50\"\n") && text.contains(",\"$4,690.00\"\n"), "amounts in their format");
        }
        if (ext.equals("parquet") || ext.equals("jsonl")) {
            // typed numbers: the text format has no place there, plain numbers come back
            original = Frame.of(original.table(), original.schema().with(ColumnSpec.of("amount", ColumnKind.CONTINUOUS)));
        }
        assertEquals(original.schema(), back.schema(), "schema after ." + ext);
        assertEquals(cells(original), cells(back), "cells after ." + ext);
    }

    @Test
    void jsonlWritesOneTypedObjectPerRow() throws IOException {
        Path file = dir.resolve("data.jsonl");
        engine.write(TestFrames.everyKind(), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(TestFrames.EVERY_KIND_ROWS, lines.size());
        assertEquals("{\"price\":null,\"count\":-7,\"city\":null,\"id\":\"ID-00000\",\"note\":null,\"day\":null,"
                + "\"at\":\"2022-03-04 05:06:07\",\"utc\":\"2022-03-04T05:06:07.000Z\",\"flag\":null,\"amount\":null}", lines.get(0));
        assertTrue(lines.get(4).contains("\"city\":\"two\\nlines\""), lines.get(4));
        assertTrue(lines.get(1).contains("\"price\":-2.25") && lines.get(1).contains("\"flag\":false"), lines.get(1));
    }

    @Test
    void csvTextIsExactForSmallAndLargeDictionariesAcrossBatches() throws IOException {
        StringBuilder expected = new StringBuilder("few,many\n");
        String written = writeText(new CsvExporter(), "text.csv", new String[] {"a", "", "b,c", "say \"hi\"", "é",
                "two\nlines", "a"}, "late,comer", (v, w) -> expected.append(csv(v)).append(',').append(csv(w)).append('\n'));
        assertEquals(expected.toString(), written);
    }

    @Test
    void jsonlTextIsExactForSmallAndLargeDictionariesAcrossBatches() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder expected = new StringBuilder();
        String written = writeText(new JsonlExporter(), "text.jsonl", new String[] {"a", "", "say \"hi\"", "é",
                "two\nlines", "tab\there", "\u0001", "a"}, "late \"comer\"", (v, w) -> {
                    java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                    row.put("few", v.isEmpty() ? null : v);
                    row.put("many", w.isEmpty() ? null : w);
                    try {
                        expected.append(json.writeValueAsString(row)).append('\n');
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertEquals(expected.toString(), written, "as Jackson's own object mapper writes the rows");
    }

    /**
     * Writes two batches of 300 rows through the exporter and returns the file's text. Column "few" cycles
     * through {@code few} (a handful of values: Tablesaw keeps one byte per row) and ends with {@code late},
     * a value new in the second batch, so the per-batch encoding is rebuilt; "many" has 300 values per batch
     * (two bytes per row), every 50th cell missing. {@code row} sees each row's two cells, missing as "".
     */
    private String writeText(io.tabsynth.spi.Exporter exporter, String name, String[] few, String late,
            java.util.function.BiConsumer<String, String> row) throws IOException {
        Schema schema = Schema.of(ColumnSpec.of("few", ColumnKind.CATEGORICAL), ColumnSpec.of("many", ColumnKind.IDENTIFIER));
        Path file = dir.resolve(name);
        try (io.tabsynth.spi.FrameWriter w = exporter.open(file, schema)) {
            for (int b = 0; b < 2; b++) {
                StringColumn f = StringColumn.create("few");
                StringColumn m = StringColumn.create("many");
                for (int i = 0; i < 300; i++) {
                    String v = b == 1 && i == 299 ? late : few[(i * 5 + b) % few.length];
                    String c = i % 50 == 0 ? "" : "id" + (b * 300 + i);
                    f.append(v);
                    m.append(c);
                    row.accept(v, c);
                }
                w.write(Frame.of(Table.create("t").addColumns(f, m), schema));
            }
        }
        return Files.readString(file);
    }

    /** RFC 4180 quoting, written out independently of the exporter. */
    private static String csv(String v) {
        boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @Test
    void failedWriteLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "old content\n");
        Frame bad = TestFrames.everyKind();
        // A frame whose schema claims more columns than the writer can fill fails mid-write.
        Frame broken = Frame.of(bad.table().copy().addColumns(StringColumn.create("extra", TestFrames.EVERY_KIND_ROWS)),
                Schema.of(Stream.concat(bad.schema().columns().stream(),
                        Stream.of(ColumnSpec.of("extra", ColumnKind.CATEGORICAL))).toList()));
        Frame wrongShape = Frame.of(broken.table().copy().removeColumns("price"),
                Schema.of(broken.schema().columns().subList(1, broken.schema().size())));
        assertThrows(RuntimeException.class, () -> engine.write(
                io.tabsynth.spi.FrameStream.of(bad.schema(), List.of(wrongShape)), file));
        assertEquals("old content\n", Files.readString(file), "the old file is untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void unknownFormatIsBadInputNamingTheFormats() {
        BadInputException e = assertThrows(BadInputException.class, () -> engine.write(TestFrames.everyKind(), dir.resolve("x.xlsx")));
        assertTrue(e.getMessage().contains("'.xlsx'") && e.getMessage().contains("parquet"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.xlsx")));
    }

    static String cells(Frame f) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < f.rowCount(); r++) {
            for (int c = 0; c < f.columnCount(); c++) {
                sb.append(CellText.of(f, c, r)).append('|');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
