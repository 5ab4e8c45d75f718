package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate writes the report keys, gates with exit 3, and records a verifiable step. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportPolicyAndLineage() throws Exception {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(1500, 5), real);
        }
        Path syn = dir.resolve("syn.parquet");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 1500, "--seed", 6,
                "--out", syn).code());
        Path report = dir.resolve("report.json");
        Path pass = Files.writeString(dir.resolve("pass.json"), "{\"checks\":[\"fidelity.score >= 0.8\"]}");
        Cli r = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--policy", pass, "--report", report);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("utility    -  (utility needs a target column (--target))"),
                "a missing score says what it needs: " + r.out());
        JsonNode rep = new ObjectMapper().readTree(Files.readAllBytes(report));
        JsonNode f = rep.path("fidelity");
        for (String key : new String[] {"score", "columnShapes", "columnPairTrends", "columnPairTrendsAllPairs", "columns"}) {
            assertTrue(f.has(key), key);
        }
        assertTrue(f.path("score").asDouble() > 0.85, "the copula keeps the demo data's structure: " + f.path("score"));
        assertTrue(rep.path("policy").path("passed").asBoolean());
        assertEquals(0, Cli.run("lineage", "verify", report).code());

        Path strict = Files.writeString(dir.resolve("strict.json"), "{\"checks\":[\"fidelity.score >= 0.999\"]}");
        Cli failed = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--policy", strict, "--report", report);
        assertEquals(3, failed.code());
        assertTrue(failed.out().contains("FAIL fidelity.score >= 0.999"), failed.out());
        assertTrue(failed.err().contains("policy check failed: fidelity.score >= 0.999, actual 0."), failed.err());
        assertTrue(Cli.run("lineage", "show", report).out().contains("policy.passed=false"), "the verdict is recorded");

        Path holdout = dir.resolve("holdout.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(400, 7), holdout);
        }
        Path html = dir.resolve("report.html");
        Cli all = Cli.run("evaluate", "--real", real, "--holdout", holdout, "--synthetic", syn, "--target", "segment",
                "--protected", "churned", "--quasi", "age,city", "--sensitive", "segment", "--report", report,
                "--html", html);
        assertEquals(0, all.code(), all.err());
        JsonNode full = new ObjectMapper().readTree(Files.readAllBytes(report));
        for (String section : new String[] {"fidelity", "privacy", "utility", "fairness"}) {
            assertTrue(full.path(section).path("score").isNumber(), section + " has a score");
        }
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("Fairness")
                && !page.contains("<script") && !page.contains("http://cdn") && !page.contains("https://cdn"),
                "self-contained HTML with inline SVG plots");
        assertTrue(Cli.run("lineage", "show", html).out().contains("evaluate by"), "the HTML report has lineage too");

        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "age,income\n30,1\n");
        Cli missing = Cli.run("evaluate", "--real", real, "--synthetic", narrow, "--report", report);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains(narrow + ": has no column 'customer_id', which the real data has"), missing.err());

        Cli unknown = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "nope", "--report", report);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no evaluator 'nope'"), unknown.err());
    }

    @Test
    void tablesOfOtherColumnsAreRefusedAsThatBeforeAnyCellIsTyped() throws Exception {
        StringBuilder loans = new StringBuilder("applicant,sex,age,income,approved\n");
        StringBuilder customers = new StringBuilder("customer_id,income,segment\n");
        for (int r = 0; r < 50; r++) {
            loans.append("A").append(r).append(r % 2 == 0 ? ",M," : ",F,").append(20 + r).append(',')
                    .append(30000 + 100 * r).append(r % 3 == 0 ? ",yes\n" : ",no\n");
            customers.append("C").append(r).append(',').append(20555.77 + r).append(",retail\n");
        }
        Path real = Files.writeString(dir.resolve("loans.csv"), loans);
        Path other = Files.writeString(dir.resolve("customers.csv"), customers);
        Path report = dir.resolve("report.json");
        Cli r = Cli.run("evaluate", "--real", real, "--synthetic", other, "--report", report);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(other + ": has no column 'applicant', which the real data has; its columns do not "
                + "match the real data's (missing: applicant, sex, age, approved; extra: customer_id, segment)"), r.err());
        assertTrue(!r.err().contains("whole number"), "the columns are matched before cells are typed: " + r.err());
        assertTrue(!Files.exists(report), "nothing is written");
    }
}
