package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.shell.workbench.Sample;
import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No way into tabsynth (workbench, script, command line) replaces a file that it read as an input. */
class InputFilesTest {
    @TempDir
    Path dir;

    private Path real(Engine e) {
        Path real = dir.resolve("adult-train.csv");
        e.write(DemoData.customers(300, 2), real);
        return real;
    }

    @Test
    void theWorkbenchRefusesToWriteOverTheDataItRead() throws Exception {
        try (Engine e = Engine.classpath(Lineage.standard(dir.resolve("ledger.jsonl")))) {
            Path real = real(e);
            byte[] before = Files.readAllBytes(real);
            byte[] sidecar = Files.readAllBytes(Path.of(real + ".lineage.json"));
            Workbench.open(e, List.of(), dir);
            Frame frame = Workbench.read("adult-train.csv");
            Sample syn = Workbench.fit(frame, "gaussian-copula", Workbench.seed(1)).sample(50);

            BadInputException refused = assertThrows(BadInputException.class, () -> Workbench.write(syn, "adult-train.csv"));
            assertEquals(real + ": is also an input (" + real + "); tabsynth never overwrites a file it reads: choose "
                    + "another output file", refused.getMessage());
            assertThrows(BadInputException.class, () -> Workbench.write(frame, "./adult-train.csv"));
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(real)), "the real data is untouched");
            assertTrue(java.util.Arrays.equals(sidecar, Files.readAllBytes(Path.of(real + ".lineage.json"))));

            Workbench.write(syn, "synthetic.csv");
            assertTrue(Files.size(dir.resolve("synthetic.csv")) > 0);
        }
    }

    @Test
    void aScriptRefusesToWriteOverTheDataItRead() throws Exception {
        Path real;
        try (Engine e = Engine.classpath()) {
            real = real(e);
        }
        byte[] before = Files.readAllBytes(real);
        Path script = Files.writeString(dir.resolve("overwrite.jsh"), """
                var real = read("adult-train.csv");
                write(fit(real, "gaussian-copula", seed(1)).sample(50), "adult-train.csv");
                """);
        Cli r = Cli.run("run", script, "--dir", dir, "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(2, r.code(), "bad input stops a script with exit 2, as on the command line");
        assertTrue(r.err().contains("overwrite.jsh line 2: " + real + ": is also an input"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(real)));
    }

    @Test
    void theCommandLineRefusesAHardLinkToItsInput() throws Exception {
        Path real;
        try (Engine e = Engine.classpath()) {
            real = real(e);
        }
        byte[] before = Files.readAllBytes(real);
        Path link = Files.createLink(dir.resolve("synthetic.csv"), real);
        Cli r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out", link);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(link + ": is also an input (" + real + ")"), r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(real)));
    }
}
