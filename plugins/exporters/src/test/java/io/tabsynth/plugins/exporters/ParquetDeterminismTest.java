package io.tabsynth.plugins.exporters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same frame written to Parquet in two JVMs gives the same bytes, which read back as the frame. */
class ParquetDeterminismTest {
    /** Seconds a child JVM may take to write the file. */
    private static final long CHILD_SECONDS = 120;
    /** HotSpot's identity hash code mode that numbers objects in the order they are first hashed. */
    private static final int SEQUENTIAL_HASH_CODES = 3;

    @TempDir
    Path dir;

    /**
     * parquet-mr gathers encodings in hash sets, whose order follows identity hash codes; the two JVMs are made
     * to give those in opposite orders, which without sorting puts the footer's lists in a different order in
     * each file.
     */
    @Test
    void twoJvmsWriteTheSameBytes() throws Exception {
        Path first = writeInFreshJvm("first.parquet", ParquetWriteProcess.DECLARED);
        Path second = writeInFreshJvm("second.parquet", ParquetWriteProcess.REVERSED);
        assertNotEquals(hashSetOrder(first), hashSetOrder(second), "the two JVMs iterated encodings alike");
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second),
                "the same frame gave different Parquet bytes in two JVMs");
        assertTrue(multipleEncodings(first) > 0, "no column chunk had more than one encoding to order");
        Frame frame = ParquetWriteProcess.frame();
        Frame back = FrameReader.read(first, Metadata.of(frame.schema(), MissingValues.DEFAULT));
        assertEquals(frame.rowCount(), back.rowCount());
        assertEquals(ContentDigest.of(frame), ContentDigest.of(back), "the file does not read back as the frame");
    }

    @Test
    void everyColumnChunkListsItsEncodingsInOrder() throws IOException {
        Path file = writeInFreshJvm("ordered.parquet", ParquetWriteProcess.REVERSED);
        for (List<Encoding> encodings : encodingLists(file)) {
            List<Encoding> sorted = new ArrayList<>(encodings);
            sorted.sort(Comparator.comparingInt(Encoding::getValue));
            assertEquals(sorted, encodings);
        }
    }

    @Test
    void lineageRecordsTheDigestOfTheFinalBytes() {
        KeyStore keys = new KeyStore(dir.resolve("keys"));
        Lineage lineage = new Lineage(new Ledger(dir.resolve("ledger.jsonl")), keys);
        Path out = dir.resolve("recorded.parquet");
        try (Engine engine = Engine.classpath(lineage)) {
            engine.write(ParquetWriteProcess.frame(), out);
        }
        Verification v = new Verifier(TrustStore.standard(keys)).verifyFile(out);
        assertTrue(v.ok(), v.toString());
    }

    /** Writes the frame in a fresh JVM whose identity hash codes number objects in the order they are hashed. */
    private Path writeInFreshJvm(String name, String encodingOrder) throws IOException {
        Path file = dir.resolve(name);
        Path log = log(file);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=" + SEQUENTIAL_HASH_CODES,
                "-cp", System.getProperty("java.class.path"), ParquetWriteProcess.class.getName(), file.toString(),
                encodingOrder)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS), "the writing JVM did not finish");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the writing JVM", e);
        }
        assertEquals(0, p.exitValue(), "the writing JVM failed: " + Files.readString(log));
        return file;
    }

    private static Path log(Path file) {
        return file.resolveSibling(file.getFileName() + ".log");
    }

    /** The order in which the writing JVM's hash sets iterated encodings. */
    private static String hashSetOrder(Path file) throws IOException {
        return Files.readAllLines(log(file)).stream().filter(l -> l.startsWith(ParquetWriteProcess.ORDER_LINE))
                .findFirst().orElseThrow(() -> new AssertionError("the writing JVM did not say its hash set order"));
    }

    private static int multipleEncodings(Path file) throws IOException {
        return (int) encodingLists(file).stream().filter(list -> list.size() > 1).count();
    }

    private static List<List<Encoding>> encodingLists(Path file) throws IOException {
        List<List<Encoding>> lists = new ArrayList<>();
        for (RowGroup group : footer(file).getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                lists.add(chunk.getMeta_data().getEncodings());
            }
        }
        return lists;
    }

    /** The footer of a Parquet file, decoded. */
    static FileMetaData footer(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int end = b.length - ParquetFooterOrder.TRAILER_BYTES;
        int length = (b[end] & 0xff) | (b[end + 1] & 0xff) << 8 | (b[end + 2] & 0xff) << 16 | (b[end + 3] & 0xff) << 24;
        return Util.readFileMetaData(new ByteArrayInputStream(b, end - length, length));
    }
}
