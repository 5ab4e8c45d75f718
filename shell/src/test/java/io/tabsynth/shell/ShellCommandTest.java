package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tabsynth shell}: the workbench API at a JShell prompt, recording lineage like the command line. */
class ShellCommandTest {
    @TempDir
    Path dir;

    @Test
    void theWorkbenchAnswersAtThePromptAndRecordsLineage() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        String d = dir.toString().replace("\\", "/");
        String input = String.join("\n",
                "var real = demoCustomers(\"" + d + "/real.csv\", 600, 3);",
                "var m = fit(real, \"gaussian-copula\", seed(42));",
                "var syn = m.sample(500);",
                "syn.rowCount()",
                "write(syn, \"" + d + "/syn.csv\");",
                "verify(\"" + d + "/syn.csv\")",
                "/exit", "");
        // a separate JVM with piped input, as a person's terminal session would be
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.tabsynth.shell.Tabsynth", "shell", "--ledger", ledger.toString())
                .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("tabsynth workbench"), out);
        assertTrue(out.contains("==> 500"), out);
        assertTrue(out.contains("verified " + d + "/syn.csv: 2 records"), out);
        assertTrue(Files.exists(dir.resolve("syn.csv.lineage.json")));
        Cli show = Cli.run("lineage", "show", dir.resolve("syn.csv"));
        assertTrue(show.out().contains("sample by gaussian-copula") && show.out().contains("seed 42"), show.out());
    }
}
