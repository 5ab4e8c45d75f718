package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line does with an edited model header and with a sample too large for the disk. */
class WriteSafetyTest {
    /** More rows than any disk holds at a few bytes a row (a petabyte-scale output). */
    private static final String TOO_MANY_ROWS = "1e15";

    @TempDir
    Path dir;

    private Path model() {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 2), real);
        }
        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model).code());
        return model;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anEditedModelHeaderIsRefused() throws Exception {
        Path model = model();
        String text = new String(Files.readAllBytes(model), StandardCharsets.ISO_8859_1);
        String edited = text.replace("\"rows\":300,", "\"rows\":900,");
        assertTrue(!edited.equals(text), "the header records the rows");
        Files.write(model, edited.getBytes(StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 1, "--out", dir.resolve("out.csv"));
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + model + ": model file is damaged or was edited: its content no longer has the SHA-256 on "
                + "its first line (a byte of the header or the payload changed)", r.err().strip());
    }

    @Test
    void aSampleTooLargeForTheDiskIsRefusedAndLeavesNothing() throws Exception {
        Path model = model();
        List<String> before = files();
        Path out = dir.resolve("huge.csv");
        Cli r = Cli.run("sample", "--model", model, "--rows", TOO_MANY_ROWS, "--seed", 1, "--out", out);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + out + ": not enough free space: 1,000,000,000,000,000 rows at about "),
                r.err());
        assertTrue(r.err().contains(" free; write fewer rows or to another folder"), r.err());
        assertEquals(before, files(), "no output, sidecar or temporary file is left");
    }
}
