package io.tabsynth.plugins.exporters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting a footer's encodings changes those lists' order and nothing else. */
class ParquetFooterOrderTest {
    @TempDir
    Path dir;

    @Test
    void sortsEveryListInPlaceAndLeavesTheRestAlone() throws IOException {
        byte[] file = Files.readAllBytes(written());
        FileMetaData footer = ParquetDeterminismTest.footer(written());
        int reversedLists = 0;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Encoding> reversed = new ArrayList<>(chunk.getMeta_data().getEncodings());
                Collections.reverse(reversed);
                reversedLists += reversed.size() > 1 ? 1 : 0;
                chunk.getMeta_data().setEncodings(reversed);
            }
        }
        assertTrue(reversedLists > 0, "no list with more than one encoding");
        byte[] tail = tail(footer);
        byte[] sortedTail = tail(ParquetDeterminismTest.footer(written()));
        assertEquals(sortedTail.length, tail.length);
        assertTrue(!Arrays.equals(sortedTail, tail), "reversing the lists changed no byte");

        ParquetFooterOrder.sort(tail, tail.length, "t.parquet");

        assertArrayEquals(sortedTail, tail);
        assertArrayEquals(Arrays.copyOfRange(file, file.length - tail.length, file.length), tail);
    }

    @Test
    void bytesThatDoNotEndInAFooterAreAnErrorNamingTheFile() {
        byte[] notParquet = "just some text, not a Parquet file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class,
                () -> ParquetFooterOrder.sort(notParquet, notParquet.length, "broken.parquet"));
        assertTrue(e.getMessage().startsWith("broken.parquet: "), e.getMessage());
    }

    /** A file of the process's frame, written here. */
    private Path written() throws IOException {
        Path file = dir.resolve("f.parquet");
        if (!Files.exists(file)) {
            Frame frame = ParquetWriteProcess.frame();
            try (FrameWriter w = new ParquetExporter().open(file, frame.schema())) {
                w.write(frame);
            }
        }
        return file;
    }

    /** A footer, its length and the magic, as a file ends. */
    private static byte[] tail(FileMetaData footer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, out);
        int n = out.size();
        out.write(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24), 'P', 'A', 'R', '1'});
        return out.toByteArray();
    }
}
