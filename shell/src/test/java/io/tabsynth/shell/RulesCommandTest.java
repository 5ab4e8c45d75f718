package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules infer, the rules generator through synth, and --constraints / --condition on fit and sample. */
class RulesCommandTest {
    @TempDir
    Path dir;

    @Test
    void inferASpecThenGenerateFromItWithoutRealData() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(1500, 3), real);
        }
        Path spec = dir.resolve("spec.json");
        Cli infer = Cli.run("rules", "infer", "--data", real, "--out", spec, "--ledger", ledger);
        assertEquals(0, infer.code(), infer.err());
        assertTrue(infer.out().contains("drafted a rules spec"), infer.out());
        assertTrue(Files.readString(spec).contains("\"columns\""));

        Path out = dir.resolve("designed.csv");
        Cli synth = Cli.run("synth", "--generator", "rules", "--param", "spec=" + spec, "--rows", 3000, "--seed", 4,
                "--out", out, "--ledger", ledger);
        assertEquals(0, synth.code(), synth.err());
        Frame made;
        try (Engine e = Engine.classpath()) {
            made = e.read(out, null);
        }
        assertEquals(3000, made.rowCount());
        assertEquals(Files.readAllLines(real).get(0), Files.readAllLines(out).get(0), "same columns in the same order");
        Cli show = Cli.run("lineage", "show", out);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("sample by rules") && show.out().contains("spec " + spec)
                && show.out().contains("infer by rules"), show.out() + show.err());

        // without --data a learning generator says what it needs
        Cli noData = Cli.run("synth", "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out",
                dir.resolve("x.csv"), "--ledger", ledger);
        assertEquals(2, noData.code());
        assertTrue(noData.err().contains("give --data"), noData.err());
    }

    @Test
    void constraintsAndConditionsOnTheCommandLine() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(1500, 3), real);
        }
        String header = Files.readAllLines(real).get(0);
        assertTrue(header.contains("age") && header.contains("segment"), header);
        Path constraints = dir.resolve("c.json");
        Files.writeString(constraints, "{\"constraints\": [{\"type\": \"range\", \"column\": \"age\", \"min\": 30, \"max\": 60}]}");
        Path model = dir.resolve("m.model");
        Cli fit = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--constraints", constraints, "--ledger", ledger);
        // the real data has ages outside [30, 60], so fitting with this constraint is refused
        assertEquals(2, fit.code(), fit.out());
        assertTrue(fit.err().contains("c.json line 1") && fit.err().contains("rows of the real data"), fit.err());
        assertFalse(Files.exists(model));

        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger).code());
        Path out = dir.resolve("older.csv");
        Cli sample = Cli.run("sample", "--model", model, "--rows", 400, "--seed", 2, "--out", out, "--constraints",
                constraints, "--condition", "segment=enterprise", "--ledger", ledger);
        assertEquals(0, sample.code(), sample.err());
        Frame f;
        try (Engine e = Engine.classpath()) {
            f = e.read(out, null);
        }
        assertEquals(400, f.rowCount());
        for (int r = 0; r < f.rowCount(); r++) {
            double age = ((Number) f.cell(f.schema().indexOf("age"), r)).doubleValue();
            assertTrue(age >= 30 && age <= 60, "age " + age);
            assertEquals("enterprise", f.strings("segment").get(r));
        }
        Cli show = Cli.run("lineage", "show", out);
        assertTrue(show.out().contains("c.json") && show.out().contains("segment"), show.out());

        Cli impossible = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("none.csv"),
                "--condition", "segment=nonexistent", "--max-tries", 5, "--ledger", ledger);
        assertEquals(2, impossible.code());
        assertTrue(impossible.err().contains("segment = nonexistent"), impossible.err());
        assertFalse(Files.exists(dir.resolve("none.csv")));

        Cli misspelt = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("none.csv"),
                "--condition", "segmnt=enterprise", "--ledger", ledger);
        assertEquals(2, misspelt.code());
        assertTrue(misspelt.err().contains("condition on 'segmnt' is not a column (did you mean 'segment'?)"), misspelt.err());
        assertFalse(Files.exists(dir.resolve("none.csv")));

        // a value the model never draws: the error lists what it does draw and the nearest one
        Cli value = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("none.csv"),
                "--condition", "segment=enterprize", "--max-tries", 5, "--ledger", ledger);
        assertEquals(2, value.code());
        assertTrue(value.err().contains("the model drew ") && value.err().contains("enterprise")
                && value.err().contains("for segment (did you mean 'enterprise'?)"), value.err());
        assertTrue(value.err().contains("cannot satisfy condition 'segment = enterprize'")
                && value.err().contains("Ask for a value the model draws"), value.err());
        // booleans are true or false, in any case; dates in the column's format
        Cli yes = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("none.csv"),
                "--condition", "churned=yes", "--ledger", ledger);
        assertTrue(yes.err().contains("condition churned=yes: column 'churned' is boolean: write true or false"), yes.err());
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("churned.csv"),
                "--condition", "churned=TRUE", "--ledger", ledger).code());
        Cli day = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("none.csv"),
                "--condition", "signup_date=31/01/2024", "--ledger", ledger);
        assertTrue(day.err().contains("column 'signup_date' holds datetimes written yyyy-MM-dd, and '31/01/2024' is not one"),
                day.err());
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }
}
