package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluators' declared options on the command line: an option no chosen evaluator takes is refused with the
 * nearest name, every evaluator's options are recorded in the evaluate step, and {@code tabsynth plugins} lists them.
 */
class EvaluateOptionsTest {
    @TempDir
    Path dir;

    private Path real;
    private Path syn;
    private Path report;

    @BeforeEach
    void data() {
        real = dir.resolve("real.csv");
        syn = dir.resolve("syn.csv");
        report = dir.resolve("report.json");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 5), real);
            e.write(DemoData.customers(300, 6), syn);
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithTheNearestNameAndNothingIsWritten() {
        Cli r = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity,utility",
                "--option", "tagret=segment", "--report", report);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("takes the option 'tagret' (did you mean 'target'?)"), r.err());
        assertFalse(Files.exists(report), "nothing is written");

        Cli unused = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity",
                "--target", "segment", "--report", report);
        assertEquals(0, unused.code(), "an option of an evaluator not chosen is accepted: " + unused.err());

        Cli twice = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "utility",
                "--target", "segment", "--option", "target=churned", "--report", report);
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("--option target repeats --target; give it once"), twice.err());
    }

    @Test
    void everyEvaluatorsResolvedOptionsAreRecordedAndTheReportIsTheSameHoweverTheyAreGiven() throws Exception {
        Cli flags = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity,utility,privacy",
                "--target", "segment", "--quasi", "age,city", "--report", report);
        assertEquals(0, flags.code(), flags.err());
        byte[] byFlags = Files.readAllBytes(report);
        String step = Cli.run("lineage", "show", report).out();
        for (String recorded : new String[] {"utility.target=segment", "utility.positive=", "privacy.quasi=age,city",
                "privacy.sensitive="}) {
            assertTrue(step.contains(recorded), recorded + " in " + step);
        }
        String parameters = step.lines().filter(l -> l.strip().startsWith("parameters: evaluators=")).findFirst()
                .orElseThrow();
        assertFalse(parameters.matches(".*[:,] fidelity\\..*"), "fidelity takes no options: " + parameters);

        Path second = dir.resolve("second.json");
        Cli options = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity,utility,privacy",
                "--option", "target=segment", "--option", "quasi=age,city", "--report", second);
        assertEquals(0, options.code(), options.err());
        assertArrayEquals(byFlags, Files.readAllBytes(second), "the same options give the same report");
    }

    @Test
    void theWorkbenchRefusesAnUnknownOptionAndTakesADeclaredOne() throws Exception {
        Path unknown = Files.writeString(dir.resolve("unknown.jsh"), "evaluate(\"" + real + "\", \"" + syn
                + "\", evaluators(\"utility\"), option(\"tagret\", \"segment\"));\n");
        Cli refused = Cli.run("run", unknown, "--dir", dir);
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("takes the option 'tagret' (did you mean 'target'?)"), refused.err());

        Path known = Files.writeString(dir.resolve("known.jsh"), "evaluate(\"" + real + "\", \"" + syn
                + "\", evaluators(\"utility\"), target(\"churned\"), option(\"positive\", \"true\"));\n");
        Cli taken = Cli.run("run", known, "--dir", dir);
        assertEquals(0, taken.code(), taken.err());
    }

    @Test
    void pluginsListsEachEvaluatorsOptions() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*evaluator\\s+utility\\s+evaluators.*\\n\\s+--option target:string=\\n"
                + "\\s+target column.*\\n\\s+--option positive:string=\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*evaluator\\s+privacy\\s+evaluators.*\\n\\s+--option quasi:string=\\n.*"), r.out());
    }
}
