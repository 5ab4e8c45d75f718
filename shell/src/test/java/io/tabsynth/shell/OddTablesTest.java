package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd tables and files a new user brings, end to end through the command line: a few bad cells in a number or
 * date column, a misspelt policy metric, an output folder that does not exist, a constraint on a column the data
 * lacks. Each is exit 2 with one line naming the file and what to do, and leaves no file, sidecar or ledger record.
 */
class OddTablesTest {
    private static final int ROWS = 400;

    @TempDir
    Path dir;

    /** Clinic visits: an id, a date, a weight in kg with one decimal, a ward; {@code odd} changes some cells. */
    private Path visits(String name, IntFunction<String[]> odd) throws Exception {
        StringBuilder b = new StringBuilder("id,visit,weight,ward\n");
        for (int r = 0; r < ROWS; r++) {
            String[] row = {Integer.toString(1000 + r),
                String.format(Locale.ROOT, "%02d.%02d.2025", 1 + r % 28, 1 + r % 12),
                String.format(Locale.ROOT, "%.1f", 50 + (r * 37 % 400) / 10.0), r % 3 == 0 ? "A" : "B"};
            String[] changed = odd.apply(r);
            b.append(String.join(",", changed == null ? row : changed)).append('\n');
        }
        return Files.writeString(dir.resolve(name), b);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs the command, asserts exit 2 with one line starting {@code error: <start>}, and no new file. */
    private String refused(String start, Object... args) throws Exception {
        List<String> before = files();
        Cli r = Cli.run(args);
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: " + start), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals(before, files(), "nothing written");
        return err;
    }

    @Test
    void anImpossibleDateIsBadInputInEveryCommandAndTheWorkbench() throws Exception {
        Path real = visits("impossible-date.csv", r -> r == 222 ? new String[] {"1222", "31.02.2025", "61.0", "A"} : null);
        String where = real + ", column 'visit', row 223 ('31.02.2025'): is not a date in the format dd.MM.yyyy, while"
                + " the column's other 399 values are;";
        String err = refused(where, "synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 1,
                "--out", dir.resolve("out.csv"), "--ledger", dir.resolve("ledger.jsonl"));
        assertTrue(err.endsWith("declare it categorical: {\"columns\": {\"visit\": {\"kind\": \"categorical\"}}}"), err);
        refused(where, "fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1,
                "--model", dir.resolve("m.model"), "--ledger", dir.resolve("ledger.jsonl"));
        assertTrue(assertThrows(BadInputException.class, () -> Workbench.read(real.toString())).getMessage()
                .startsWith(where));

        Path metadata = Files.writeString(dir.resolve("visits.meta.json"), "{\"columns\": {\"visit\": {\"kind\": "
                + "\"datetime\", \"format\": \"dd.MM.yyyy\", \"missingValues\": [\"31.02.2025\"]}}}");
        Cli ok = Cli.run("synth", "--data", real, "--metadata", metadata, "--generator", "gaussian-copula", "--rows", 50,
                "--seed", 1, "--out", dir.resolve("out.csv"), "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(0, ok.code(), "the metadata the message gives makes it work: " + ok.err());
    }

    @Test
    void aDecimalCommaInACommaSeparatedFileIsBadInputSayingSo() throws Exception {
        Path real = visits("decimal-comma.csv", r -> r == 9 ? new String[] {"1009", "10.10.2025", "\"72,5\"", "B"} : null);
        refused(real + ", column 'weight', row 10 ('72,5': a decimal comma, the other values use a point): is not a"
                + " number, while the column's other 399 values are;", "synth", "--data", real, "--generator",
                "gaussian-copula", "--rows", 50, "--seed", 1, "--out", dir.resolve("out.csv"),
                "--ledger", dir.resolve("ledger.jsonl"));
    }

    @Test
    void aGenuinelyMixedColumnStaysText() throws Exception {
        Path real = visits("mixed.csv", r -> r % 10 == 0 ? new String[] {Integer.toString(1000 + r), "10.10.2025",
            "about " + r, "A"} : null);
        Cli r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 1,
                "--out", dir.resolve("out.csv"), "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aMisspeltPolicyMetricIsBadInputAndNoReportIsWritten() throws Exception {
        Path real = visits("real.csv", r -> null);
        Path policy = Files.writeString(dir.resolve("policy.json"),
                "{\"checks\": [\"privacy.exactMatchExcess < 0.1\", \"fidelity.scroe >= 0.8\"]}");
        refused(policy + ": check 2 'fidelity.scroe >= 0.8': the report has no metric 'fidelity.scroe' (did you mean"
                + " 'fidelity.score'?)", "evaluate", "--real", real, "--synthetic", real, "--evaluators", "fidelity,privacy",
                "--policy", policy, "--report", dir.resolve("report.json"), "--ledger", dir.resolve("ledger.jsonl"));
        Path section = Files.writeString(dir.resolve("section.json"), "{\"checks\": [\"fidelty.score >= 0.8\"]}");
        refused(section + ": check 1 'fidelty.score >= 0.8': no installed evaluator reports 'fidelty' (did you mean"
                + " 'fidelity'?)", "evaluate", "--real", real, "--synthetic", real, "--evaluators", "fidelity",
                "--policy", section, "--report", dir.resolve("report.json"), "--ledger", dir.resolve("ledger.jsonl"));
        // an evaluator not run is no misspelling: the gate fails (exit 3), saying which evaluator to add
        Path utility = Files.writeString(dir.resolve("utility.json"), "{\"checks\": [\"utility.score >= 0.5\"]}");
        Cli r = Cli.run("evaluate", "--real", real, "--synthetic", real, "--evaluators", "fidelity", "--policy", utility,
                "--report", dir.resolve("report.json"), "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("the utility evaluator did not run (add utility to --evaluators)"), r.err());
    }

    @Test
    void anOutputInAFolderThatDoesNotExistIsRefusedBeforeAnyWorkByEveryCommandThatWrites() throws Exception {
        Path real = visits("real.csv", r -> null);
        Path ledger = dir.resolve("ledger.jsonl");
        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger).code());
        Path sample = dir.resolve("s.csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 100, "--seed", 2, "--out", sample,
                "--ledger", ledger).code());
        Path report = dir.resolve("r.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", sample, "--evaluators", "fidelity",
                "--report", report, "--ledger", ledger).code());
        Path missing = dir.resolve("no-such-folder");
        String noFolder = ": the folder " + missing.toAbsolutePath() + " does not exist; tabsynth creates no folders for"
                + " its outputs: create it first, or write elsewhere";
        Path out = missing.resolve("x.csv");
        refused(out + noFolder, "sample", "--model", model, "--rows", 10, "--seed", 1, "--out", out, "--ledger", ledger);
        refused(out + noFolder, "synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1,
                "--out", out, "--ledger", ledger);
        Path model2 = missing.resolve("m.model");
        refused(model2 + noFolder, "fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model2,
                "--ledger", ledger);
        Path report2 = missing.resolve("r.json");
        refused(report2 + noFolder, "evaluate", "--real", real, "--synthetic", sample, "--evaluators", "fidelity",
                "--report", report2, "--ledger", ledger);
        Path html = missing.resolve("r.html");
        refused(html + noFolder, "evaluate", "--real", real, "--synthetic", sample, "--evaluators", "fidelity",
                "--report", dir.resolve("r2.json"), "--html", html, "--ledger", ledger);
        Path cert = missing.resolve("cert.json");
        refused(cert + noFolder, "certify", sample, "--report", report, "--out", cert, "--ledger", ledger);
        Path spec = missing.resolve("spec.json");
        refused(spec + noFolder, "rules", "infer", "--data", real, "--out", spec);
        assertFalse(Files.exists(missing), "no folder made");
    }

    @Test
    void aConstraintOnAColumnTheDataLacksSuggestsTheNearestName() throws Exception {
        Path real = visits("real.csv", r -> null);
        Path constraints = Files.writeString(dir.resolve("constraints.json"),
                "{\"constraints\": [{\"type\": \"range\", \"column\": \"wieght\", \"min\": 40}]}");
        String err = refused(constraints + " line 1, constraints[0].column: no column 'wieght' (did you mean 'weight'?)",
                "synth", "--data", real, "--generator", "gaussian-copula", "--constraints", constraints, "--rows", 50,
                "--seed", 1, "--out", dir.resolve("out.csv"), "--ledger", dir.resolve("ledger.jsonl"));
        assertTrue(err.endsWith("(columns: id, visit, weight, ward)"), err);
    }
}
