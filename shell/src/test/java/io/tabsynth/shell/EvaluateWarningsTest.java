package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every red finding is a warning line on standard error, with or without a policy; a sound sample gives none. */
class EvaluateWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aCopyIsWarnedAboutOnStandardErrorASampleIsNot() throws Exception {
        Path real = dir.resolve("real.csv");
        Path holdout = dir.resolve("holdout.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(1200, 5), real);
            e.write(DemoData.customers(400, 7), holdout);
        }
        Path report = dir.resolve("report.json");
        Cli copy = Cli.run("evaluate", "--real", real, "--synthetic", real, "--evaluators", "privacy", "--report", report);
        assertEquals(0, copy.code(), "no policy, no gate: " + copy.err());
        assertTrue(copy.err().contains("warning: privacy.exactMatchExcess = 0.9968, red at >= 0.1: synthetic rows are copies of "
                + "training rows"), copy.err());
        assertTrue(copy.err().contains("warning: privacy.nearCopies.excess = "), copy.err());
        assertFalse(copy.out().contains("warning"), "warnings go to standard error: " + copy.out());

        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 1200, "--seed", 6,
                "--out", syn).code());
        Cli sample = Cli.run("evaluate", "--real", real, "--holdout", holdout, "--synthetic", syn, "--evaluators", "privacy",
                "--report", report);
        assertEquals(0, sample.code(), sample.err());
        assertFalse(sample.err().contains("warning: privacy"), sample.err());
    }
}
