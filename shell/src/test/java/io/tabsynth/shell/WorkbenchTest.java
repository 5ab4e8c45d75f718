package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch runner and the notebook runner: every notebook in notebooks/ runs without errors and the files it
 * wrote verify; a failing script stops at its line with exit 1; scripts see their arguments.
 */
class WorkbenchTest {
    @TempDir
    Path dir;

    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    @Test
    void everyNotebookRunsWithoutErrorsAndItsLineageVerifies() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertTrue(notebooks.size() >= 3, "notebooks: " + notebooks);
        Path ledger = dir.resolve("ledger.jsonl");
        for (Path nb : notebooks) {
            String name = nb.getFileName().toString().replace(".ipynb", "");
            Path out = dir.resolve(name + ".executed.ipynb");
            Path html = dir.resolve(name + ".html");
            Cli r = Cli.run("notebook", "run", nb, "--out", out, "--html", html, "--dir", dir, "--ledger", ledger);
            assertEquals(0, r.code(), name + ": " + r.err() + r.out());
            JsonNode executed = new ObjectMapper().readTree(out.toFile());
            assertEquals("tabsynth", executed.path("metadata").path("kernelspec").path("name").asText());
            int results = 0;
            for (JsonNode cell : executed.path("cells")) {
                for (JsonNode o : cell.path("outputs")) {
                    assertFalse(o.path("output_type").asText().equals("error"), name + ": " + o);
                    results += o.path("output_type").asText().equals("execute_result")
                            || o.path("output_type").asText().equals("stream") ? 1 : 0;
                }
                if (cell.path("cell_type").asText().equals("code")) {
                    assertTrue(cell.path("execution_count").isInt(), name + " cell not run: " + cell);
                }
            }
            assertTrue(results > 0, name + " stored no outputs");
            String page = Files.readString(html);
            assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<pre class=\"code\">"), name);
        }
        // the quickstart shows a frame as an HTML table and its report with plots
        String qs = Files.readString(dir.resolve("quickstart.executed.ipynb"));
        assertTrue(qs.contains("text/html") && qs.contains("<table class=\\\"frame\\\">") && qs.contains("<svg"), "rich outputs");
        // everything the notebooks recorded verifies, and the files they wrote have their lineage
        Cli v = Cli.run("lineage", "verify", ledger);
        assertEquals(0, v.code(), v.err());
        for (String f : List.of("quickstart-synthetic.parquet", "audit-synthetic.csv", "custom-independent.csv")) {
            Cli check = Cli.run("lineage", "verify", dir.resolve(f));
            assertEquals(0, check.code(), f + ": " + check.err());
        }
        Cli show = Cli.run("lineage", "show", dir.resolve("custom-independent.csv"));
        assertTrue(show.out().contains("sample by independent (session 0)"), show.out());
    }

    @Test
    void aBatchScriptSeesItsArgumentsAndStreamsItsOutput() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Cli r = Cli.run("run", NOTEBOOKS.resolve("quickstart.jsh"), "--dir", dir, "--ledger", ledger, "demo.csv", "out");
        assertEquals(2, r.code(), "demo.csv does not exist yet, which is bad input (exit 2): " + r.out());
        assertTrue(r.err().contains("quickstart.jsh line 7") && r.err().contains("demo.csv"), r.err());
        Path script = dir.resolve("make.jsh");
        Files.writeString(script, """
                // makes demo data, then runs the quickstart on it
                var real = demoCustomers(args().get(0), 800, 1);
                System.out.println("made " + real.rowCount() + " rows for " + args());
                """);
        Cli make = Cli.run("run", script, "--dir", dir, "--ledger", ledger, "demo.csv");
        assertEquals(0, make.code(), make.err());
        assertTrue(make.out().contains("made 800 rows for [demo.csv]"), make.out());
        Cli quick = Cli.run("run", NOTEBOOKS.resolve("quickstart.jsh"), "--dir", dir, "--ledger", ledger, "demo.csv", "out");
        assertEquals(0, quick.code(), quick.err() + quick.out());
        assertTrue(quick.out().contains("lineage verified") && quick.out().contains("sample by gaussian-copula"), quick.out());
        assertTrue(Files.exists(dir.resolve("out/synthetic.parquet")));
    }

    @Test
    void theShippedBaselinePolicyIsNamedInTheWorkbenchAsOnTheCommandLine() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path script = dir.resolve("gate.jsh");
        Files.writeString(script, """
                var real = demoCustomers("real.csv", 600, 1);
                var syn = fit(real, "gaussian-copula").sample(600, 2);
                var report = evaluate(real, syn, evaluators("fidelity", "privacy"), policy("baseline"));
                System.out.println("passed " + report.passed() + " " + report.json().path("policy").path("checks").size());
                var strict = evaluate(real, syn, policy("strictest"));
                """);
        Cli r = Cli.run("run", script, "--dir", dir, "--ledger", ledger);
        assertTrue(r.out().contains("passed true 6"), "baseline.json's six checks ran: " + r.out() + r.err());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("policy(\"strictest\"): no such file, and tabsynth ships no policy of that name"),
                r.err());
    }

    @Test
    void aScriptWhosePolicyGateFailsRunsToItsEndAndExitsThree() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path policy = dir.resolve("strict.json");
        Files.writeString(policy, "{\"checks\": [{\"metric\": \"fidelity.score\", \"op\": \">=\", \"value\": 0.9999}]}");
        Path script = dir.resolve("gate.jsh");
        Files.writeString(script, """
                var real = demoCustomers("real.csv", 600, 1);
                var syn = fit(real, "gaussian-copula").sample(600, 2);
                var report = evaluate(real, syn, evaluators("fidelity"), policy("strict.json"));
                System.out.println("after the gate " + report.passed());
                """);
        Cli r = Cli.run("run", script, "--dir", dir, "--ledger", ledger);
        assertTrue(r.out().contains("after the gate false"), "the script ran to its end: " + r.out() + r.err());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("policy check failed: fidelity.score") && r.err().contains("policy gate failed: see "),
                r.err());

        Files.writeString(policy, "{\"checks\": [{\"metric\": \"fidelity.score\", \"op\": \">=\", \"value\": 0.1}]}");
        Cli passing = Cli.run("run", script, "--dir", dir, "--ledger", ledger);
        assertEquals(0, passing.code(), "a passing gate leaves exit 0, though the earlier run failed: " + passing.err());
    }

    @Test
    void aScriptSeesThePrivacyBudgetAndAFitOverItsLimitStopsWithExitThree() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Files.writeString(dir.resolve("budget.json"), "{\"privacyBudget\": {\"maxEpsilon\": 1.3}}");
        Path script = dir.resolve("budget.jsh");
        Files.writeString(script, """
                var real = demoCustomers("real.csv", 600, 1);
                fit(real, "dp-marginals", param("epsilon", 1), seed(1), policy("budget.json")).save("a.model");
                System.out.println(privacyBudget(real));
                System.out.println("by file name: " + privacyBudget("real.csv").fits().size());
                fit(real, "dp-marginals", param("epsilon", 1), seed(2), policy("budget.json"));
                System.out.println("not reached");
                """);
        Cli r = Cli.run("run", script, "--dir", dir, "--ledger", ledger);
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("a.model") && r.out().contains("total of 1 differentially private fit"), r.out());
        assertTrue(r.out().contains("by file name: 1"), r.out());
        assertFalse(r.out().contains("not reached"), r.out());
        assertTrue(r.err().contains("refused before the generator saw the data") && r.err().contains("over the limit of 1.3"),
                r.err());
    }

    @Test
    void theFirstFailingSnippetStopsTheRunWithItsLine() throws Exception {
        Path script = dir.resolve("bad.jsh");
        Files.writeString(script, """
                System.out.println("before");
                int x = 1;

                var m = fit(read("missing.csv"),
                        "gaussian-copula", seed(1));
                System.out.println("never");
                """);
        Cli r = Cli.run("run", script, "--dir", dir, "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(2, r.code(), "a missing file is bad input");
        assertTrue(r.out().contains("before") && !r.out().contains("never"), r.out());
        assertTrue(r.err().contains("bad.jsh line 4") && r.err().contains("missing.csv"), r.err());

        Files.writeString(script, "int y = 2;\nString s = y;\n");
        Cli c = Cli.run("run", script, "--dir", dir, "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(1, c.code(), "a snippet that does not compile is no input error");
        assertTrue(c.err().contains("bad.jsh line 2") && c.err().contains("incompatible types"), c.err());

        // a compile error is reported once, at the line it is on: not the snippet's first line, and not shifted by
        // the blank lines before the snippet (this said "line 3: line 5: incompatible types")
        Files.writeString(script, "int y = 2;\n\nString s = y;\nvoid f() {\n  int z = \"x\";\n}\n");
        c = Cli.run("run", script, "--dir", dir, "--ledger", dir.resolve("ledger.jsonl"));
        assertTrue(c.err().trim().endsWith("bad.jsh line 3: incompatible types: int cannot be converted to java.lang.String"),
                c.err());
        Files.writeString(script, "int y = 2;\n\nvoid f() {\n  int z = \"x\";\n}\n");
        c = Cli.run("run", script, "--dir", dir, "--ledger", dir.resolve("ledger.jsonl"));
        assertTrue(c.err().trim().endsWith("bad.jsh line 4: incompatible types: java.lang.String cannot be converted to int"),
                c.err());
    }
}
