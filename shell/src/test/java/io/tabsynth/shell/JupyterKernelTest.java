package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.shell.jupyter.KernelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tabsynth's Jupyter kernel over the real protocol: started from the kernelspec's own command line with a
 * connection file, as Jupyter starts it, and spoken to with signed ZeroMQ messages.
 */
class JupyterKernelTest {
    @TempDir
    Path dir;

    @Test
    void executesCompletesInspectsAndReportsErrorsOverTheProtocol() throws Exception {
        Path connection = dir.resolve("connection.json");
        Path work = Files.createDirectories(dir.resolve("work"));
        try (KernelClient client = KernelClient.connectionFile(connection)) {
            List<String> argv = new ArrayList<>();
            KernelSpec.json().path("argv").forEach(a -> argv.add(a.asText().replace("{connection_file}", connection.toString())));
            ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile());
            pb.environment().put("TABSYNTH_HOME", dir.resolve("home").toString());
            Process kernel = pb.start();
            try {
                client.awaitReady();
                KernelClient.Exchange info = client.request("kernel_info_request", KernelClient.JSON.createObjectNode());
                assertEquals("tabsynth", info.reply().content().path("implementation").asText());
                assertEquals("Java", info.reply().content().path("language_info").path("name").asText());

                // a frame: its value as an HTML table; the demo data recorded in the ledger beside the notebook
                KernelClient.Exchange frame = client.execute(
                        "var real = demoCustomers(\"customers.csv\", 300, 7);\nreal");
                assertEquals("ok", frame.reply().content().path("status").asText(), frame.toString());
                JsonNode data = frame.of("execute_result").get(0).content().path("data");
                assertTrue(data.path("text/html").asText().contains("<table class=\"frame\">"), data.toString());
                assertTrue(data.path("text/plain").asText().contains("300"), data.toString());

                // printed text streams to the notebook; a fit shows progress
                KernelClient.Exchange fit = client.execute(
                        "var m = fit(real, \"gaussian-copula\", seed(1));\nSystem.out.println(\"fitted\");");
                assertEquals("ok", fit.reply().content().path("status").asText(), fit.toString());
                assertTrue(fit.of("stream").stream().anyMatch(m -> m.content().path("name").asText().equals("stdout")
                        && m.content().path("text").asText().contains("fitted")), fit.toString());
                assertTrue(fit.of("display_data").stream().anyMatch(m -> m.content().path("data").path("text/html")
                        .asText().contains("<progress")), fit.toString());

                // an evaluation report with its SVG plots, a lineage tree
                KernelClient.Exchange report = client.execute(
                        "write(m.sample(300), \"syn.csv\");\nevaluate(real, \"syn.csv\", evaluators(\"fidelity\"))");
                assertEquals("ok", report.reply().content().path("status").asText(), report.toString());
                String html = report.of("execute_result").get(0).content().path("data").path("text/html").asText();
                assertTrue(html.contains("<table class=\"scores\">") && html.contains("<svg"), html);
                KernelClient.Exchange tree = client.execute("lineage(\"syn.csv\")");
                assertTrue(tree.of("execute_result").get(0).content().path("data").path("text/html").asText()
                        .startsWith("<pre class=\"lineage\">"), tree.toString());

                // an error: the message and the line, no exception class, no stack trace; the reply says error
                KernelClient.Exchange error = client.execute("int ok = 1;\nread(\"missing.csv\")");
                assertEquals("error", error.reply().content().path("status").asText());
                JsonNode e = error.of("error").get(0).content();
                assertEquals("line 2: missing.csv: file not found", e.path("evalue").asText());
                assertFalse(e.path("traceback").toString().contains("Exception"), e.toString());
                assertFalse(e.path("traceback").toString().contains("\\tat "), e.toString());
                KernelClient.Exchange unfinished = client.execute("int x = 1 +");
                assertEquals("line 1: incomplete snippet: int x = 1 +",
                        unfinished.of("error").get(0).content().path("evalue").asText());

                // Tab and Shift-Tab: JShell's completions and signatures, the workbench's among them
                ObjectNode complete = KernelClient.JSON.createObjectNode();
                complete.put("code", "var r = rea");
                complete.put("cursor_pos", 11);
                JsonNode matches = client.request("complete_request", complete).reply().content();
                assertTrue(matches.path("matches").toString().contains("read("), matches.toString());
                assertEquals(8, matches.path("cursor_start").asInt());
                ObjectNode inspect = KernelClient.JSON.createObjectNode();
                inspect.put("code", "verify(");
                inspect.put("cursor_pos", 7);
                inspect.put("detail_level", 0);
                JsonNode doc = client.request("inspect_request", inspect).reply().content();
                assertTrue(doc.path("found").asBoolean(), doc.toString());
                assertTrue(doc.path("data").path("text/plain").asText().contains("Workbench.verify(String file)"), doc.toString());

                ObjectNode shutdown = KernelClient.JSON.createObjectNode();
                shutdown.put("restart", false);
                client.send("shutdown_request", shutdown);
                client.reply();
                assertTrue(kernel.waitFor(60, TimeUnit.SECONDS), "the kernel ends when Jupyter shuts it down");
            } finally {
                kernel.destroyForcibly();
            }
        }
        // the cells left the same signed lineage records as the command line would
        Verification v = new io.tabsynth.engine.lineage.Verifier(io.tabsynth.engine.lineage.TrustStore.standard(
                new io.tabsynth.engine.lineage.KeyStore(dir.resolve("home").resolve("keys"))))
                .verifyFile(work.resolve("syn.csv"));
        assertTrue(v.ok(), v.problems().toString());
    }
}
