package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Frame to Arrow and back is lossless for every kind, nulls included, in both IPC formats. */
class ArrowRoundTripTest {
    @TempDir
    Path dir;

    static Frame everyKind() {
        LongColumn n = LongColumn.create("n", new long[] {1, Long.MAX_VALUE - 1, -5, 0});
        n.setMissing(3);
        BooleanColumn b = BooleanColumn.create("b");
        b.append(true);
        b.appendMissing();
        b.append(false);
        b.append(true);
        Table t = Table.create("t").addColumns(DoubleColumn.create("x", 1.5, Double.NaN, -1e-300, 1e300), n,
                StringColumn.create("c", "a", "", "ü", "a"), b,
                DateTimeColumn.create("d", LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_000_000), null,
                        LocalDateTime.of(2024, 2, 29, 0, 0), LocalDateTime.of(1, 1, 1, 0, 0)),
                StringColumn.create("id", "k1", "k2", "k3", "k4"), StringColumn.create("txt", "some words here", "", "x", "y"));
        return Frame.of(t, Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("n", ColumnKind.INTEGER),
                ColumnSpec.of("c", ColumnKind.CATEGORICAL), ColumnSpec.of("b", ColumnKind.BOOLEAN),
                new ColumnSpec("d", ColumnKind.DATETIME, "yyyy-MM-dd HH:mm:ss.SSS"),
                ColumnSpec.of("id", ColumnKind.IDENTIFIER), ColumnSpec.of("txt", ColumnKind.FREE_TEXT)));
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

    @Test
    void fileFormatRoundTrip() throws Exception {
        Frame f = everyKind();
        Path p = dir.resolve("f.arrow");
        try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = ArrowFrames.toArrow(f, a);
             FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
            w.start();
            w.writeBatch();
            w.writeBatch();
            w.end();
        }
        Frame back = ArrowIpcReader.read(p, Metadata.NONE);
        assertEquals(f.schema(), back.schema());
        assertEquals(cells(f) + cells(f), cells(back));
        assertEquals(-1e-300, back.doubles("x").getDouble(2));
    }

    @Test
    void streamFormatRoundTrip() throws Exception {
        Frame f = everyKind();
        Path p = dir.resolve("f.ipc");
        try (BufferAllocator a = new RootAllocator(); VectorSchemaRoot root = ArrowFrames.toArrow(f, a);
             OutputStream out = Files.newOutputStream(p);
             ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            w.start();
            w.writeBatch();
            w.end();
        }
        Frame back = ArrowIpcReader.read(p, Metadata.NONE);
        assertEquals(f.schema(), back.schema());
        assertEquals(cells(f), cells(back));
    }

    @Test
    void garbageIsBadInput() throws Exception {
        Path p = dir.resolve("bad.arrow");
        Files.writeString(p, "ARROW1 but not really");
        assertThrows(BadInputException.class, () -> ArrowIpcReader.read(p, Metadata.NONE));
        Files.write(p, new byte[0]);
        assertEquals(p + ": the file is empty",
                assertThrows(BadInputException.class, () -> ArrowIpcReader.read(p, Metadata.NONE)).getMessage());
    }
}
