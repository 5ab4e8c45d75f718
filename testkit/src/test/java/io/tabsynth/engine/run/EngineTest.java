package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.testkit.TestFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
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

    static Frame data() {
        return TestFrames.numbers("x", 1, 2, 3, 4);
    }

    @Test
    void findsClassPathExtensions() {
        ExtensionInfo info = engine.extensions().stream().filter(e -> e.id().equals("mean")).findFirst().orElseThrow();
        assertEquals("generator", info.type());
        assertEquals("classpath", info.source());
    }

    @Test
    void fitRecordsProvenanceAndParametersWithDefaults() {
        FittedModel m = engine.fit(data(), "mean", Map.of(), 5, Progress.NONE);
        assertEquals("mean", m.info().generator());
        assertEquals(Map.of("spread", "1.0", "minCount", "5"), m.info().params(), "the engine's rare-value rule is recorded");
        assertEquals(5, m.info().seed());
        assertEquals(4, m.info().rows());
    }

    @Test
    void modelFileRoundTripsAndIsByteStable() throws IOException {
        FittedModel m = engine.fit(data(), "mean", Map.of("spread", "2"), 5, Progress.NONE);
        Path a = dir.resolve("a.model");
        Path b = dir.resolve("b.model");
        engine.save(m, a);
        FittedModel loaded = engine.load(a);
        engine.save(loaded, b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(m.info(), loaded.info());
        assertArrayEquals(m.sampleFrame(100, 1).doubles("x").asDoubleArray(),
                loaded.sampleFrame(100, 1).doubles("x").asDoubleArray());
        assertTrue(Files.readString(a).matches("(?s)TABSYNTH-MODEL 2 [0-9a-f]{64}\n\\{\"format\":\"tabsynth-model\".*"));
    }

    @Test
    void damagedModelFilesAreRefused() throws IOException {
        Path a = dir.resolve("a.model");
        engine.save(engine.fit(data(), "mean", Map.of(), 5, Progress.NONE), a);
        byte[] good = Files.readAllBytes(a);
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        Files.write(a, flipped);
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("damaged or was edited"));
        Files.write(a, java.util.Arrays.copyOf(good, good.length - 3));
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage().contains("damaged"));
        Files.writeString(a, "hello");
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("not a tabsynth model file"));
        String other = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("\"generator\":\"mean\"",
                "\"generator\":\"ctgan\"");
        Files.write(a, reseal(other.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("needs generator 'ctgan'"));
    }

    @Test
    void aChangedHeaderIsRefused() throws IOException {
        Path a = dir.resolve("a.model");
        engine.save(engine.fit(data(), "mean", Map.of(), 5, Progress.NONE), a);
        String good = Files.readString(a);
        assertTrue(good.contains("\"rows\":4,"), good);
        Files.writeString(a, good.replace("\"rows\":4,", "\"rows\":5,"));
        String message = assertThrows(BadInputException.class, () -> engine.load(a)).getMessage();
        assertEquals(a + ": model file is damaged or was edited: its content no longer has the SHA-256 on its first "
                + "line (a byte of the header or the payload changed)", message);
        Files.writeString(a, good.replaceFirst("TABSYNTH-MODEL 2 [0-9a-f]{64}", "TABSYNTH-MODEL 1"));
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("model file format 1, written by an earlier tabsynth whose digest did not cover the header"));
    }

    /** A hand-edited model file with its digest computed again, as someone who edits it on purpose would. */
    static byte[] reseal(byte[] edited) {
        int nl = 0;
        while (edited[nl] != '\n') {
            nl++;
        }
        byte[] body = java.util.Arrays.copyOfRange(edited, nl + 1, edited.length);
        String head = "TABSYNTH-MODEL 2 " + io.tabsynth.spi.io.Sha256.hex(body) + "\n";
        byte[] out = java.util.Arrays.copyOf(head.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                head.length() + body.length);
        System.arraycopy(body, 0, out, head.length(), body.length);
        return out;
    }

    @Test
    void noOutputReplacesAFileTheEngineRead() throws IOException {
        Path real = dir.resolve("real.csv");
        TestFrames.numbersCsv(real, "x", 1.5, 2.5, 3.5, 4.5);
        Frame read = engine.read(real, null);
        FittedModel fitted = engine.fit(read, "mean", Map.of(), 5, Progress.NONE);
        BadInputException e = assertThrows(BadInputException.class, () -> engine.save(fitted, real));
        assertEquals(real + ": is also an input (" + real + "); tabsynth never overwrites a file it reads: choose "
                + "another output file", e.getMessage());
        assertEquals("x\n1.5\n2.5\n3.5\n4.5\n", Files.readString(real), "the input is untouched");
        assertFalse(Files.exists(dir.resolve("real.csv.lineage.json")));
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, real);
        assertTrue(assertThrows(BadInputException.class, () -> engine.save(fitted, link)).getMessage()
                .contains("is also an input"), "a link to an input is the input");
        Path hard = dir.resolve("hard.csv");
        Files.createLink(hard, real);
        assertTrue(assertThrows(BadInputException.class, () -> engine.save(fitted, hard)).getMessage()
                .contains("is also an input"), "a hard link to an input is the input");
        Path model = dir.resolve("m.model");
        engine.save(fitted, model);
        FittedModel loaded = engine.load(model);
        assertTrue(assertThrows(BadInputException.class, () -> engine.save(loaded, model)).getMessage()
                .contains("is also an input"), "a loaded model is an input");
        engine.save(loaded, dir.resolve("copy.model"));
        assertTrue(Files.exists(dir.resolve("copy.model")));
    }

    @Test
    void badRequestsAreBadInput() {
        assertEquals("no generator 'nope' (installed: mean)", assertThrows(BadInputException.class,
                () -> engine.fit(data(), "nope", Map.of(), 1, Progress.NONE)).getMessage());
        assertThrows(BadInputException.class, () -> engine.fit(data(), "mean", Map.of("spread", "-1"), 1, Progress.NONE));
        Frame empty = Frame.empty(data().schema());
        assertThrows(BadInputException.class, () -> engine.fit(empty, "mean", Map.of(), 1, Progress.NONE));
        assertTrue(assertThrows(BadInputException.class, () -> engine.exporterFor(Path.of("x.csv"))).getMessage()
                .contains("none installed"));
    }

    @Test
    void atomicWriteKeepsTargetOnFailure() throws IOException {
        Path target = dir.resolve("t.txt");
        Files.writeString(target, "before");
        assertThrows(TabsynthException.class, () -> AtomicFile.write(target, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("before", Files.readString(target));
        assertEquals(List.of(target), Files.list(dir).toList());
        BadInputException noFolder = assertThrows(BadInputException.class,
                () -> AtomicFile.write(dir.resolve("sub/new.txt"), tmp -> Files.writeString(tmp, "after")));
        assertEquals(dir.resolve("sub/new.txt") + ": the folder " + dir.toAbsolutePath().resolve("sub") + " does not exist;"
                + " tabsynth creates no folders for its outputs: create it first, or write elsewhere", noFolder.getMessage());
        assertFalse(Files.exists(dir.resolve("sub")), "no folder made");
        Files.createDirectory(dir.resolve("sub"));
        AtomicFile.write(dir.resolve("sub/new.txt"), tmp -> Files.writeString(tmp, "after"));
        assertEquals("after", Files.readString(dir.resolve("sub/new.txt")));
        assertFalse(Files.list(dir.resolve("sub")).anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain.txt"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve("sub/new.txt")),
                    "an atomic write gets the same permissions as a plain new file");
        }
    }
}
