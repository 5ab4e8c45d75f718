package io.tabsynth.engine.run;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Finds extensions with PF4J: plugins (jars, zips or directories) in a plugins directory, and, in
 * development, extensions on the class path (listed in {@code META-INF/extensions.idx}). A class-path
 * extension's plugin id and version come from the {@code plugin.properties} at the root of the jar or
 * directory it was loaded from. When both places offer the same id, the plugins directory wins.
 */
final class PluginHost implements AutoCloseable {
    /** An extension with its origin. */
    record Found<T>(T extension, ExtensionInfo info) {
    }

    /** The {@link ExtensionInfo#source()} of an extension found on the class path. */
    static final String CLASSPATH = "classpath";

    private final PluginManager manager;
    private final boolean classpath;
    private final Map<URL, Properties> classpathDescriptors = new HashMap<>();

    PluginHost(Path pluginsDir, boolean classpath) {
        this.classpath = classpath;
        List<Path> roots = pluginsDir != null && Files.isDirectory(pluginsDir) ? List.of(pluginsDir) : List.of();
        this.manager = new DefaultPluginManager(roots);
        manager.loadPlugins();
        manager.startPlugins();
    }

    List<Found<Generator>> generators() {
        return find(Generator.class, "generator", Generator::id, Generator::description);
    }

    List<Found<Evaluator>> evaluators() {
        return find(Evaluator.class, "evaluator", Evaluator::id, e -> "evaluator " + e.id());
    }

    List<Found<io.tabsynth.spi.ReportExporter>> reportExporters() {
        return find(io.tabsynth.spi.ReportExporter.class, "report", io.tabsynth.spi.ReportExporter::id,
                e -> "renders reports as ." + String.join(", .", e.formats()));
    }

    List<Found<io.tabsynth.spi.ConstraintLanguage>> constraintLanguages() {
        return find(io.tabsynth.spi.ConstraintLanguage.class, "constraints",
                io.tabsynth.spi.ConstraintLanguage::id, e -> "reads constraints files");
    }

    List<Found<io.tabsynth.spi.SpecInference>> specInferences() {
        return find(io.tabsynth.spi.SpecInference.class, "inference",
                io.tabsynth.spi.SpecInference::generatorId, e -> "drafts " + e.generatorId() + " specs from data");
    }

    List<Found<Exporter>> exporters() {
        return find(Exporter.class, "exporter", Exporter::id, e -> "writes ." + String.join(", .", e.formats()));
    }

    private <T> List<Found<T>> find(Class<T> type, String typeName, Function<T, String> id, Function<T, String> doc) {
        List<Found<T>> found = new ArrayList<>();
        for (T ext : manager.getExtensions(type)) {
            PluginWrapper plugin = manager.whichPlugin(ext.getClass());
            if (plugin != null) {
                found.add(new Found<>(ext, new ExtensionInfo(id.apply(ext), typeName, plugin.getPluginId(),
                        plugin.getDescriptor().getVersion(), plugin.getPluginPath().toString(), doc.apply(ext))));
            } else if (classpath) {
                Properties p = classpathDescriptor(ext.getClass());
                found.add(new Found<>(ext, new ExtensionInfo(id.apply(ext), typeName, p.getProperty("plugin.id", "classpath"),
                        p.getProperty("plugin.version", "unknown"), CLASSPATH, doc.apply(ext))));
            }
        }
        return oneById(found, typeName);
    }

    /**
     * One extension per id: a plugin directory's replaces a class path's of the same id (so an installed plugin
     * overrides the development build); two from the same place claiming one id are an error naming both, since
     * which one would answer is an accident of discovery order.
     */
    static <T> List<Found<T>> oneById(List<Found<T>> found, String typeName) {
        Map<String, Found<T>> byId = new LinkedHashMap<>();
        for (Found<T> f : found) {
            Found<T> before = byId.get(f.info().id());
            boolean beforeOnClasspath = before != null && before.info().source().equals(CLASSPATH);
            boolean onClasspath = f.info().source().equals(CLASSPATH);
            if (before == null || (beforeOnClasspath && !onClasspath)) {
                byId.put(f.info().id(), f);
            } else if (beforeOnClasspath == onClasspath) {
                throw new TabsynthException("two plugins provide " + typeName + " '" + f.info().id() + "': "
                        + before.info().pluginId() + " (" + before.info().source() + ") and " + f.info().pluginId()
                        + " (" + f.info().source() + "); remove one");
            }
        }
        return new ArrayList<>(byId.values());
    }

    private synchronized Properties classpathDescriptor(Class<?> cls) {
        CodeSource cs = cls.getProtectionDomain().getCodeSource();
        URL root = cs == null ? null : cs.getLocation();
        return classpathDescriptors.computeIfAbsent(root, r -> {
            Properties p = new Properties();
            if (r == null) {
                return p;
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[] {r}, null);
                 InputStream in = loader.getResourceAsStream("plugin.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new TabsynthException("cannot read plugin.properties of " + r + ": " + e.getMessage(), e);
            }
            return p;
        });
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
