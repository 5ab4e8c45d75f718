package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance tests every exporter passes: for each format, a frame with every kind and missing values,
 * written in several batches, reads back with the same content (where the engine reads the format) and
 * otherwise as non-empty text; an unwritable path is an {@link IOException} naming it.
 */
public abstract class ExporterContract {
    @TempDir
    protected Path dir;

    /** A fresh exporter. */
    protected abstract Exporter exporter();

    /** Formats the engine can read back, so content is compared. */
    protected List<String> readable() {
        return List.of("csv", "tsv", "arrow", "parquet", "feather", "ipc");
    }

    @Test
    void everyFormatKeepsTheDataWrittenInBatches() throws IOException {
        Frame frame = SampleData.mixed(3000, 41);
        for (String format : exporter().formats()) {
            Path file = dir.resolve("out." + format);
            try (FrameWriter w = exporter().open(file, frame.schema())) {
                w.write(frame.head(1000));
                w.write(frame.where(tech.tablesaw.selection.Selection.withRange(1000, 3000)));
            }
            assertTrue(Files.size(file) > 0, format + " wrote nothing");
            if (readable().contains(format)) {
                Frame back = FrameReader.read(file, Metadata.of(frame.schema(), io.tabsynth.spi.data.MissingValues.DEFAULT));
                assertEquals(frame.rowCount(), back.rowCount(), format);
                assertEquals(ContentDigest.of(frame), ContentDigest.of(back), format + " changed the data");
            }
        }
    }

    @Test
    void anEmptyFrameIsAValidFile() throws IOException {
        Frame empty = Frame.empty(SampleData.schema());
        for (String format : exporter().formats()) {
            Path file = dir.resolve("empty." + format);
            try (FrameWriter w = exporter().open(file, empty.schema())) {
                w.write(empty);
            }
            assertTrue(Files.exists(file), format);
        }
    }

    @Test
    void anUnwritablePathIsAnErrorNamingIt() {
        Path nowhere = dir.resolve("no-such-directory").resolve("out." + exporter().formats().get(0));
        IOException e = assertThrows(IOException.class, () -> {
            try (FrameWriter w = exporter().open(nowhere, SampleData.schema())) {
                w.write(SampleData.mixed(5, 1));
            }
        });
        assertFalse(Files.exists(nowhere));
        assertTrue(String.valueOf(e.getMessage()).contains("no-such-directory"), e.toString());
    }
}
