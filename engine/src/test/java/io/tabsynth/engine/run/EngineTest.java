package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.TabsynthException;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.spi.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

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
        return Frame.of(Table.create("d").addColumns(DoubleColumn.create("x", 1, 2, 3, 4)),
                Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS)));
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
        assertTrue(Files.readString(a).startsWith("TABSYNTH-MODEL 1\n{\"format\":\"tabsynth-model\""));
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
                .contains("damaged: payload digest does not match"));
        Files.write(a, java.util.Arrays.copyOf(good, good.length - 3));
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage().contains("damaged"));
        Files.writeString(a, "hello");
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("not a tabsynth model file"));
        String other = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("\"generator\":\"mean\"",
                "\"generator\":\"ctgan\"");
        Files.writeString(a, other);
        assertTrue(assertThrows(BadInputException.class, () -> engine.load(a)).getMessage()
                .contains("needs generator 'ctgan'"));
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
