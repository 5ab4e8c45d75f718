package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBatchesTest {
    @TempDir
    Path dir;

    /** A byte order mark, CRLF line ends, quoted notes with commas and line breaks, dates, missing cells. */
    private Path visits(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFid,day,weight,note\r\n");
        for (int i = 1; i <= rows; i++) {
            String note = i % 5 == 0 ? "\"late, then\r\nleft\"" : i % 3 == 0 ? "" : "ok";
            csv.append(i).append(',').append(String.format(Locale.ROOT, "2024-%02d-%02d", 1 + i % 12, 1 + i % 28))
                    .append(',').append(i % 11 == 0 ? "" : String.format(Locale.ROOT, "%.1f", 50 + (i * 37 % 400) / 10.0))
                    .append(',').append(note).append("\r\n");
        }
        Path file = dir.resolve("visits.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void batchesHoldTheRowsAndTheContentOfTheWholeFile() throws Exception {
        Path file = visits(5_000);
        Frame whole = CsvReader.read(file, Metadata.NONE);
        CsvBatches batches = new CsvBatches(file, Metadata.NONE, 333);
        assertEquals(whole.schema(), batches.schema());
        for (int pass = 0; pass < 2; pass++) {
            ContentDigest.Hasher h = new ContentDigest.Hasher(batches.schema());
            int parts = 0;
            try (FrameStream s = batches.open()) {
                while (s.hasNext()) {
                    Frame b = s.next();
                    assertTrue(b.rowCount() <= 333);
                    h.add(b);
                    parts++;
                }
            }
            assertEquals(whole.rowCount(), h.rows());
            assertEquals(ContentDigest.of(whole), h.finish(), "pass " + pass);
            assertEquals((5_000 + 332) / 333, parts);
        }
    }

    @Test
    void aLaterCellThatContradictsTheFirstBatchNamesItsRowAndColumn() throws Exception {
        Path file = visits(1_000);
        String text = Files.readString(file).replace("\r\n700,2024-05-01,80.0,", "\r\n700,2024-05-01,heavy,");
        assertTrue(text.contains("heavy"));
        Files.writeString(file, text);
        CsvBatches batches = new CsvBatches(file, Metadata.NONE, 200);
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (FrameStream s = batches.open()) {
                s.forEachRemaining(b -> { });
            }
        });
        assertTrue(e.getMessage().startsWith(file + ", row 700, column 'weight': 'heavy' is not a number"), e.getMessage());
        assertTrue(e.getMessage().contains("from the first 200 rows; set its kind with --metadata"), e.getMessage());
    }

    @Test
    void aRowWithTheWrongWidthInALaterBatchIsNamedByItsRowInTheFile() throws Exception {
        Path file = dir.resolve("short.csv");
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 1; i <= 100; i++) {
            csv.append(i).append(i == 77 ? "\n" : ",x\n");
        }
        Files.writeString(file, csv);
        CsvBatches batches = new CsvBatches(file, Metadata.NONE, 30);
        BadInputException e = assertThrows(BadInputException.class, () -> {
            try (FrameStream s = batches.open()) {
                s.forEachRemaining(b -> { });
            }
        });
        assertEquals(file + ", row 77 (line 78): has 1 fields, the header has 2", e.getMessage());
    }

    @Test
    void anArrowFileIsReadByItsRecordBatchesWithTheWholeFilesDigest() throws Exception {
        Frame whole = CsvReader.read(visits(3_000), Metadata.NONE);
        Path file = dir.resolve("visits.arrow");
        try (org.apache.arrow.memory.BufferAllocator a = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.vector.VectorSchemaRoot root = org.apache.arrow.vector.VectorSchemaRoot.create(
                     io.tabsynth.spi.data.ArrowFrames.arrowSchema(whole.schema()), a);
             java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             org.apache.arrow.vector.ipc.ArrowFileWriter w = new org.apache.arrow.vector.ipc.ArrowFileWriter(root, null, ch)) {
            w.start();
            for (int start = 0; start < whole.rowCount(); start += 1_000) {
                io.tabsynth.spi.data.ArrowFrames.fill(whole.where(tech.tablesaw.selection.Selection.withRange(start,
                        start + 1_000)), root);
                w.writeBatch();
            }
            w.end();
        }
        FileBatches batches = FrameReader.batches(file, Metadata.NONE, 10);
        assertEquals(whole.schema(), batches.schema());
        assertEquals(1_000, batches.first().rowCount());
        ContentDigest.Hasher h = new ContentDigest.Hasher(batches.schema());
        int parts = 0;
        try (FrameStream s = batches.open()) {
            while (s.hasNext()) {
                h.add(s.next());
                parts++;
            }
        }
        assertEquals(3, parts);
        assertEquals(ContentDigest.of(whole), h.finish());
        assertEquals(ContentDigest.of(FrameReader.read(file)), ContentDigest.of(whole));
    }

    @Test
    void semicolonFilesAndHeaderOnlyFilesAreRefused() throws Exception {
        Path semicolons = dir.resolve("eu.csv");
        Files.writeString(semicolons, "a;b\n1,5;2\n");
        assertTrue(assertThrows(BadInputException.class, () -> new CsvBatches(semicolons, Metadata.NONE, 10))
                .getMessage().contains("separated by ';'"));
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "a,b\n");
        assertEquals(header + ": has a header but no data rows",
                assertThrows(BadInputException.class, () -> new CsvBatches(header, Metadata.NONE, 10)).getMessage());
    }
}
