package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine hands the rare-value rule's k ({@code --param minCount}) to the generator: arf's leaves grow with it. */
class GeneratorMinCountTest {
    private static final int ROWS = 1500;
    private static final int K = 40;

    @TempDir
    Path dir;

    @Test
    void arfLeavesCoverAtLeastMinCountRealRows() throws Exception {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(ROWS, 5), real);
        }
        Cli plain = Cli.run("fit", "--data", real, "--generator", "arf", "--seed", 3,
                "--model", dir.resolve("a.model"));
        assertEquals(0, plain.code(), plain.err());
        assertFalse(plain.out().contains("leafRows=" + K), plain.out());
        Cli raised = Cli.run("fit", "--data", real, "--generator", "arf", "--seed", 3, "--param", "minCount=" + K,
                "--model", dir.resolve("b.model"));
        assertEquals(0, raised.code(), raised.err());
        assertTrue(raised.out().contains("leafRows=" + K), "the forest line names the leaf size: " + raised.out());
    }
}
