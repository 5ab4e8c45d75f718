package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.io.File;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The plugin template builds like a third party would build it: its sources compile against the engine
 * alone (PF4J's processor writing the extension index), the jar dropped into a plugins directory is found by
 * the command line and fits, samples and records lineage, and the template's own conformance test passes.
 */
class ExamplePluginTest {
    static final Path TEMPLATE = Path.of("..", "templates", "plugin");

    @TempDir
    Path dir;

    private static List<String> sources(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
    }

    private static void compile(Path out, String classpath, List<String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // the processor path named, as the template's pom names it: from Java 23 javac runs no annotation processor
        // (PF4J's extension index) that it merely finds on the class path
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-processorpath", classpath,
                "--release", "17"));
        args.addAll(sources);
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "the template compiles");
    }

    @Test
    void theTemplatePluginBuildsLoadsRunsAndPassesTheKit() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String cp = System.getProperty("java.class.path");
        compile(classes, cp, sources(TEMPLATE.resolve("src/main/java")));
        Path index = classes.resolve("META-INF/extensions.idx");
        assertTrue(Files.readString(index).contains("com.example.tabsynth.IndependentColumns"), "PF4J indexed the extension");
        String props = Files.readString(TEMPLATE.resolve("src/main/resources/plugin.properties"))
                .replace("${project.version}", "1.0.0");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("tabsynth-independent-columns-1.0.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            out.putNextEntry(new JarEntry("plugin.properties"));
            out.write(props.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }

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
        compile(testClasses, cp + File.pathSeparator + classes, sources(TEMPLATE.resolve("src/test/java")));
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
}
