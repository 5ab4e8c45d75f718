package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The plugin template builds like a third party would build it: its sources compile against the SPI module
 * alone, without tabsynth-engine or any other tabsynth module on the class path (PF4J's processor writing the
 * extension index), the jar dropped into a plugins directory is found by
 * the command line and fits, samples and records lineage, and the template's own conformance test passes.
 */
class ExamplePluginTest {
    static final Path TEMPLATE = Path.of("..", "templates", "plugin");
    private static final String TABSYNTH_JAR_PREFIX = "tabsynth-";
    private static final String SPI_JAR_PREFIX = "tabsynth-spi-";
    private static final String SPI_MODULE_FOLDER = "spi";

    @TempDir
    Path dir;

    @Test
    void theTemplatePluginBuildsLoadsRunsAndPassesTheKit() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String cp = System.getProperty("java.class.path");
        String spiOnly = withoutTabsynthModulesButTheSpi(cp);
        assertTrue(spiOnly.contains("spi") && !spiOnly.contains("tabsynth-engine") && !spiOnly.contains("engine/target"),
                spiOnly);
        PluginJar.compile(classes, spiOnly, PluginJar.sources(TEMPLATE.resolve("src/main/java")));
        Path index = classes.resolve("META-INF/extensions.idx");
        assertTrue(Files.readString(index).contains("com.example.tabsynth.IndependentColumns"), "PF4J indexed the extension");
        String props = Files.readString(TEMPLATE.resolve("src/main/resources/plugin.properties"))
                .replace("${project.version}", "1.0.0");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.jar(classes, props, plugins.resolve("tabsynth-independent-columns-1.0.0.jar"));

        Cli list = Cli.run("plugins", "--plugins", plugins);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("independent-columns") && list.out().contains("example-independent")
                && list.out().contains("mean-shift") && list.out().contains("markdown"), list.out());

        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(500, 1), real);
        }
        Path ledger = dir.resolve("ledger.jsonl");
        Path model = dir.resolve("m.model");
        Path out = dir.resolve("baseline.csv");
        assertEquals(0, Cli.run("fit", "--plugins", plugins, "--data", real, "--generator", "independent-columns",
                "--seed", 1, "--model", model, "--ledger", ledger).code());
        Cli sample = Cli.run("sample", "--plugins", plugins, "--model", model, "--rows", 300, "--seed", 2, "--out", out,
                "--ledger", ledger);
        assertEquals(0, sample.code(), sample.err());
        Cli verify = Cli.run("lineage", "verify", out);
        assertEquals(0, verify.code(), verify.err());
        Cli show = Cli.run("lineage", "show", out);
        assertTrue(show.out().contains("independent-columns (example-independent 1.0.0)"), show.out());
        Path md = dir.resolve("baseline.md");
        assertEquals(0, Cli.run("sample", "--plugins", plugins, "--model", model, "--rows", 5, "--seed", 2, "--out", md,
                "--ledger", ledger).code());
        assertTrue(Files.readAllLines(md).get(0).startsWith("| customer_id | age |"), Files.readString(md));
        Cli eval = Cli.run("evaluate", "--plugins", plugins, "--real", real, "--synthetic", out, "--evaluators",
                "mean-shift", "--report", dir.resolve("r.json"), "--ledger", ledger);
        assertEquals(0, eval.code(), eval.err());
        assertTrue(Files.readString(dir.resolve("r.json")).contains("\"mean-shift\""));

        // the template's own test: the conformance kit, run as its build would run it
        Path testClasses = Files.createDirectories(dir.resolve("test-classes"));
        PluginJar.compile(testClasses, cp + File.pathSeparator + classes, PluginJar.sources(TEMPLATE.resolve("src/test/java")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()},
                getClass().getClassLoader())) {
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(
                    DiscoverySelectors.selectClass(loader.loadClass("com.example.tabsynth.IndependentColumnsTest")),
                    DiscoverySelectors.selectClass(loader.loadClass("com.example.tabsynth.MeanShiftTest")),
                    DiscoverySelectors.selectClass(loader.loadClass("com.example.tabsynth.MarkdownTableTest"))).build(), summary);
            var s = summary.getSummary();
            StringBuilder failures = new StringBuilder();
            s.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName()).append(": ")
                    .append(f.getException()).append('\n'));
            assertTrue(s.getTestsSucceededCount() >= 11 && s.getTotalFailureCount() == 0,
                    s.getTestsSucceededCount() + " passed\n" + failures);
        }
    }

    /**
     * The class path less tabsynth's own modules (their jars or build folders) other than tabsynth-spi: what a
     * plugin's build sees when its pom declares tabsynth-spi and PF4J.
     */
    static String withoutTabsynthModulesButTheSpi(String classpath) {
        StringBuilder kept = new StringBuilder();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            boolean moduleJar = name.startsWith(TABSYNTH_JAR_PREFIX);
            boolean moduleBuild = path.getParent() != null && path.getParent().getFileName() != null
                    && path.getParent().getFileName().toString().equals("target")
                    && (name.equals("classes") || name.equals("test-classes"));
            boolean spi = name.startsWith(SPI_JAR_PREFIX) || (moduleBuild && path.getParent().getParent() != null
                    && path.getParent().getParent().getFileName().toString().equals(SPI_MODULE_FOLDER));
            if ((moduleJar || moduleBuild) && !spi) {
                continue;
            }
            kept.append(kept.length() == 0 ? "" : File.pathSeparator).append(entry);
        }
        return kept.toString();
    }
}
