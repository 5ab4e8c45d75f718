package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tabsynth jupyter install / uninstall}: the kernelspec, written into and removed from a prefix. */
class JupyterCommandTest {
    @TempDir
    Path dir;

    @Test
    void installWritesAKernelspecThatStartsTheKernelAndUninstallRemovesIt() throws Exception {
        Cli install = Cli.run("jupyter", "install", "--prefix", dir);
        assertEquals(0, install.code(), install.err());
        Path folder = dir.resolve("share/jupyter/kernels/tabsynth");
        assertTrue(install.out().contains("installed the Jupyter kernel \"tabsynth (Java)\" in " + folder), install.out());
        JsonNode spec = new ObjectMapper().readTree(folder.resolve("kernel.json").toFile());
        assertEquals("tabsynth (Java)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        assertTrue(Files.isExecutable(Path.of(argv.get(0))), "argv starts with this Java: " + argv);
        assertEquals(List.of("io.tabsynth.shell.Tabsynth", "jupyter", "kernel", "{connection_file}"),
                argv.subList(argv.size() - 4, argv.size()));

        Cli again = Cli.run("jupyter", "install", "--prefix", dir);
        assertEquals(0, again.code(), "installing again replaces the kernelspec: " + again.err());

        Cli uninstall = Cli.run("jupyter", "uninstall", "--prefix", dir);
        assertEquals(0, uninstall.code(), uninstall.err());
        assertFalse(Files.exists(folder), "the kernelspec folder is gone");
        assertTrue(Files.isDirectory(dir.resolve("share/jupyter/kernels")), "only tabsynth's folder is removed");
        Cli nothing = Cli.run("jupyter", "uninstall", "--prefix", dir);
        assertEquals(0, nothing.code());
        assertTrue(nothing.out().contains("nothing to remove"), nothing.out());
    }

    @Test
    void jupyterAloneSaysWhereTheKernelIsAndHowToStartJupyterLab() {
        Cli r = Cli.run("jupyter");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("The Jupyter kernel \"tabsynth (Java)\" is "), r.out());
        assertTrue(r.out().contains("Start JupyterLab with it: jupyter lab notebooks/quickstart.ipynb"), r.out());
    }

    @Test
    void oneLocationAtATime() {
        Cli both = Cli.run("jupyter", "install", "--user", "--prefix", dir);
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertFalse(Files.exists(dir.resolve("share")), "nothing written");
    }

    @Test
    void aBrokenConnectionFileIsBadInput() throws Exception {
        Path conn = dir.resolve("connection.json");
        Files.writeString(conn, "{\"ip\": \"127.0.0.1\"");
        Cli r = Cli.run("jupyter", "kernel", conn);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(conn.toString()) && !r.err().contains("Exception"), r.err());
    }
}
