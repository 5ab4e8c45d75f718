package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.testkit.WrittenForms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generator, through the command line, writes each column the way the real column was written: codes
 * with leading zeros, a monthly series, hourly and month-name datetimes, one and two decimals, float32 values
 * from Arrow; and a saved model keeps doing so.
 */
class WrittenFormCommandTest {
    @TempDir
    Path dir;

    private Path ledger() {
        return dir.resolve("ledger.jsonl");
    }

    /** Runs synth with one generator and its parameters and returns the synthetic CSV. */
    private Path synth(Path real, String generator, String param, String name) {
        Path out = dir.resolve(name + ".csv");
        Cli r = Cli.run("synth", "--data", real, "--generator", generator, "--param", param, "--rows", 600,
                "--seed", 3, "--out", out, "--ledger", ledger());
        assertEquals(0, r.code(), generator + ": " + r.err());
        return out;
    }

    @Test
    void copulaAndCtganWriteEveryColumnAsTheRealOneWas() {
        Path real = WrittenForms.realCsv(dir.resolve("real.csv"), 800, 5);
        WrittenForms.assertCsvKeepsTheForms(synth(real, "gaussian-copula", "marginals=auto", "copula"));
        WrittenForms.assertCsvKeepsTheForms(synth(real, "ctgan", "epochs=1", "ctgan"));
    }

    @Test
    void theRulesGeneratorWritesEveryColumnAsTheRealOneWas() {
        Path real = WrittenForms.realCsv(dir.resolve("real.csv"), 800, 5);
        Path spec = dir.resolve("spec.json");
        Cli infer = Cli.run("rules", "infer", "--data", real, "--out", spec, "--ledger", ledger());
        assertEquals(0, infer.code(), infer.err());
        WrittenForms.assertCsvKeepsTheForms(synth(real, "rules", "spec=" + spec, "rules"));
    }

    @Test
    void aSavedModelKeepsTheWrittenForm() {
        Path real = WrittenForms.realCsv(dir.resolve("real.csv"), 800, 5);
        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger()).code());
        Path out = dir.resolve("sampled.csv");
        Cli sample = Cli.run("sample", "--model", model, "--rows", 500, "--seed", 2, "--out", out, "--ledger", ledger());
        assertEquals(0, sample.code(), sample.err());
        WrittenForms.assertCsvKeepsTheForms(out);
    }

    @Test
    void float32ValuesFromArrowAreWrittenWithTheirOwnDecimals() {
        Path real = WrittenForms.realFloat32Arrow(dir.resolve("real.arrow"), 500, 7);
        WrittenForms.assertCsvKeepsTheFloat32Form(synth(real, "gaussian-copula", "marginals=auto", "copula"));
        WrittenForms.assertCsvKeepsTheFloat32Form(synth(real, "ctgan", "epochs=1", "ctgan"));
    }

    @Test
    void aSampleOfNoRowsIsRefusedWithExitTwoAndNothingWritten() {
        Path real = WrittenForms.realCsv(dir.resolve("real.csv"), 100, 5);
        Path out = dir.resolve("empty.csv");
        Cli synth = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 0, "--seed", 1,
                "--out", out, "--ledger", ledger());
        assertEquals(2, synth.code());
        assertTrue(synth.err().contains("--rows must be at least 1, not 0: a sample of no rows would be a file of a "
                + "header alone"), synth.err());
        assertFalse(Files.exists(out));
        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger()).code());
        Cli sample = Cli.run("sample", "--model", model, "--rows", 0, "--seed", 2, "--out", out, "--ledger", ledger());
        assertEquals(2, sample.code());
        assertTrue(sample.err().contains("--rows must be at least 1"), sample.err());
        assertFalse(Files.exists(out));
    }
}
