package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.ExtensionInfo;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins are found in a plugins directory, as the distribution ships them: the first-party plugins are
 * packed as jars into a fresh directory and loaded by PF4J with the class path's extensions switched off.
 */
class PluginDirectoryTest {
    @TempDir
    Path dir;

    /** The plugin's jar (or its classes directory packed into one) copied into {@code plugins}. */
    static Path installPlugin(Class<?> pluginClass, Path plugins, String name) throws IOException {
        Path from = Path.of(pluginClass.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = plugins.resolve(name + ".jar");
        Files.createDirectories(plugins);
        if (Files.isRegularFile(from)) {
            Files.copy(from, jar);
            return jar;
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(from.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void loadsPluginsFromADirectory() throws IOException {
        Path plugins = dir.resolve("plugins");
        Path copula = installPlugin(io.tabsynth.plugins.copula.GaussianCopula.class, plugins, "copula");
        installPlugin(io.tabsynth.plugins.exporters.CsvExporter.class, plugins, "exporters");
        try (Engine e = Engine.open(plugins, false)) {
            ExtensionInfo g = e.extensions().stream().filter(x -> x.id().equals("gaussian-copula")).findFirst().orElseThrow();
            assertEquals("copula", g.pluginId());
            assertEquals("0.1.0", g.pluginVersion());
            assertEquals(copula.toString(), g.source());
            assertNotEquals(io.tabsynth.plugins.copula.GaussianCopula.class.getClassLoader(),
                    e.generator("gaussian-copula").getClass().getClassLoader(), "loaded by the plugin's class loader");
            Frame real = DemoData.customers(1000, 1);
            FittedModel m = e.fit(real, "gaussian-copula", Map.of(), 1, Progress.NONE);
            Path model = dir.resolve("m.model");
            e.save(m, model);
            Path out = dir.resolve("s.csv");
            assertEquals(500, e.sample(e.load(model), 500, 2, out, Progress.NONE));
            assertTrue(Files.readString(out).startsWith("customer_id,age,income"));
        }
    }

    @Test
    void commandLineTakesAPluginsDirectory() throws IOException {
        Path plugins = dir.resolve("plugins");
        installPlugin(io.tabsynth.plugins.copula.GaussianCopula.class, plugins, "copula");
        Cli r = Cli.run("plugins", "--plugins", plugins);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("gaussian-copula"), r.out());
    }
}
