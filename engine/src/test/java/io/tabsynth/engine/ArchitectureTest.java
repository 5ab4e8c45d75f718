package io.tabsynth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/ARCHITECTURE.md, read off the sources (imports and qualified names): the engine's packages
 * point one way (the bottom {@code io} package imports no other, nothing below {@code run} imports it, lineage
 * knows nothing of running), and plugins use only what a plugin may use. A new import that breaks a rule fails the
 * build here, naming the file.
 */
class ArchitectureTest {
    private static final Path ENGINE = Path.of("src/main/java/io/tabsynth/engine");
    private static final Path PLUGINS = Path.of("../plugins");
    private static final Pattern IMPORT = Pattern.compile(
            "\\bio\\.tabsynth\\.engine\\.((?:[a-z]+\\.)?)([A-Z]\\w*)");
    /** The top level: exceptions, messages and JSON helpers every package may use. */
    private static final String TOP = "";

    /** Which engine packages each engine package may import (besides itself and the top level). */
    private static final Map<String, Set<String>> ENGINE_MAY_USE = Map.ofEntries(
            Map.entry("io", Set.of()),
            Map.entry("random", Set.of()),
            Map.entry("stats", Set.of()),
            Map.entry("policy", Set.of()),
            Map.entry("data", Set.of("io", "random", "stats")),
            Map.entry("fidelity", Set.of("data", "stats")),
            Map.entry("spi", Set.of("io", "data", "random", "stats", "disclosure")),
            Map.entry("disclosure", Set.of("data", "random", "spi")),
            Map.entry("constraint", Set.of("data", "random", "spi")),
            Map.entry("lineage", Set.of("io", "data")),
            Map.entry("certify", Set.of("io", "data", "lineage")),
            Map.entry("run", Set.of("io", "data", "random", "stats", "spi", "disclosure", "constraint", "fidelity",
                    "lineage", "certify", "policy")));

    /** What a plugin may use until the SPI module holds exactly that (issue 23): the table model and its helpers. */
    private static final Set<String> PLUGIN_MAY_USE = Set.of(TOP, "io", "data", "random", "stats", "spi", "fidelity",
            "disclosure");
    /** Reaches past that, each to be replaced by an SPI entry point; a new one fails the test. */
    private static final Set<String> KNOWN_REACHES = Set.of(
            "ctgan -> lineage.ContentDigest",      // the training data's digest for checkpoints: FitContext should give it
            "rules -> constraint.ConstrainedModel"); // conditions on a rules model: the constraint language's own type

    @Test
    void enginePackagesPointOneWay() {
        Map<String, Set<String>> broken = new TreeMap<>();
        for (Path file : javaFiles(ENGINE)) {
            String pkg = ENGINE.relativize(file.getParent()).toString().replace('/', '.');
            if (pkg.isEmpty()) {
                continue;
            }
            Set<String> allowed = ENGINE_MAY_USE.get(pkg);
            assertTrue(allowed != null, "package " + pkg + " has no rule in ArchitectureTest (and docs/ARCHITECTURE.md)");
            for (String[] used : imports(file)) {
                String target = used[0];
                if (!target.equals(TOP) && !target.equals(pkg) && !allowed.contains(target)) {
                    broken.computeIfAbsent(ENGINE.relativize(file).toString(), k -> new TreeSet<>())
                            .add(target + "." + used[1]);
                }
            }
        }
        assertEquals(Map.of(), broken, "imports against docs/ARCHITECTURE.md's rules");
    }

    @Test
    void pluginsUseOnlyWhatAPluginMay() {
        Set<String> reaches = new TreeSet<>();
        List<Path> plugins = list(PLUGINS);
        assertTrue(plugins.size() >= 5, "the first-party plugins are found beside the engine: " + plugins);
        for (Path plugin : plugins) {
            Path sources = plugin.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            for (Path file : javaFiles(sources)) {
                for (String[] used : imports(file)) {
                    if (!PLUGIN_MAY_USE.contains(used[0])) {
                        reaches.add(plugin.getFileName() + " -> " + used[0] + "." + used[1]);
                    }
                }
            }
        }
        Set<String> fresh = new TreeSet<>(reaches);
        fresh.removeAll(KNOWN_REACHES);
        assertEquals(Set.of(), fresh, "plugins reaching past what a plugin may use");
        Set<String> gone = new TreeSet<>(KNOWN_REACHES);
        gone.removeAll(reaches);
        assertEquals(Set.of(), gone, "reaches that no longer exist: take them off KNOWN_REACHES");
    }

    /** Each import of an engine class: its package below {@code io.tabsynth.engine} ("" for the top) and its name. */
    private static List<String[]> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            List<String[]> out = new java.util.ArrayList<>();
            while (m.find()) {
                String pkg = m.group(1).isEmpty() ? TOP : m.group(1).substring(0, m.group(1).length() - 1);
                out.add(new String[] {pkg, m.group(2)});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
