package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook in notebooks/ executed by Jupyter itself: the kernel installed with {@code tabsynth jupyter install}
 * into a temporary prefix, each notebook run by nbclient on it (one kernel JVM per notebook). Skipped, with the
 * reason printed, where Jupyter's Python packages are not installed (Debian: python3-nbclient, python3-nbformat,
 * jupyter-client; .ci/run installs them).
 */
class NotebooksInJupyterTest {
    @TempDir
    Path dir;

    @Test
    void jupyterRunsEveryNotebookOnTheTabsynthKernel() throws Exception {
        String python = Jupyter.pythonWith("nbclient", "nbformat", "jupyter_client");
        if (python == null) {
            System.out.println("skipped: Jupyter's nbclient is not installed (Debian: apt-get install python3-nbclient "
                    + "python3-nbformat jupyter-client); the notebooks were not run by Jupyter");
            return;
        }
        Cli install = Cli.run("jupyter", "install", "--prefix", dir.resolve("prefix"));
        assertEquals(0, install.code(), install.err());
        Path out = Files.createDirectories(dir.resolve("run"));
        List<String> cmd = new ArrayList<>(List.of(python,
                Path.of(NotebooksInJupyterTest.class.getResource("/jupyter/run_notebooks.py").toURI()).toString(),
                "tabsynth", out.toString()));
        List<Path> notebooks = NotebookFormatTest.notebooks();
        notebooks.forEach(p -> cmd.add(p.toAbsolutePath().toString()));
        Jupyter.Result r = Jupyter.run(cmd, out, Map.of(
                "JUPYTER_PATH", dir.resolve("prefix/share/jupyter").toString(),
                "JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString(),
                "TABSYNTH_HOME", dir.resolve("home").toString()));
        assertEquals(0, r.code(), r.output());

        ObjectMapper json = new ObjectMapper();
        for (Path nb : notebooks) {
            JsonNode executed = json.readTree(out.resolve(nb.getFileName()).toFile());
            for (JsonNode cell : executed.path("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    assertTrue(cell.path("execution_count").isInt(), nb + ": every code cell ran");
                    cell.path("outputs").forEach(o -> assertTrue(!o.path("output_type").asText().equals("error"),
                            nb + ": " + o));
                }
            }
        }
        String quickstart = Files.readString(out.resolve("quickstart.ipynb"));
        assertTrue(quickstart.contains("<table class=\\\"frame\\\">") && quickstart.contains("<svg")
                && quickstart.contains("<pre class=\\\"lineage\\\">"), "frames, reports with plots and lineage as HTML");
        // what the notebooks wrote carries the same signed lineage as the command line's
        Verification v = new Verifier(TrustStore.standard(new KeyStore(dir.resolve("home/keys"))))
                .verifyFile(out.resolve("quickstart-synthetic.parquet"));
        assertTrue(v.ok(), v.problems().toString());
    }
}
