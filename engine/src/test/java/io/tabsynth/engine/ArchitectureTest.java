package io.tabsynth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dependency rules of docs/ARCHITECTURE.md, read off the sources (imports and qualified names) of the two
 * modules, tabsynth-spi and tabsynth-engine: the packages point one way (the bottom {@code io} package imports no
 * other, nothing below {@code run} imports it, lineage knows nothing of running), each package lives wholly in one
 * module, the SPI module holds exactly the packages a plugin may use and imports nothing outside them, and the
 * plugins (and the plugin template) use only those packages and declare no dependency on tabsynth-engine but for
 * their tests. A new import or dependency that breaks a rule fails the build here, naming the file.
 */
class ArchitectureTest {
    private static final Path SPI = Path.of("../spi/src/main/java/io/tabsynth/engine");
    private static final Path ENGINE = Path.of("src/main/java/io/tabsynth/engine");
    private static final Path PLUGINS = Path.of("../plugins");
    private static final Path TEMPLATE = Path.of("../templates/plugin");
    private static final String ENGINE_ARTIFACT = "tabsynth-engine";
    private static final String SPI_ARTIFACT = "tabsynth-spi";
    private static final String TEST_SCOPE = "test";
    private static final Pattern IMPORT = Pattern.compile(
            "\\bio\\.tabsynth\\.engine\\.((?:[a-z]+\\.)?)([A-Z]\\w*)");
    /** The top level: exceptions, messages and JSON helpers every package may use. */
    private static final String TOP = "";

    /** Which packages each package may import (besides itself and the top level). */
    private static final Map<String, Set<String>> PACKAGE_MAY_USE = Map.ofEntries(
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

    /** The packages of the SPI module (with the top level): exactly what a plugin may use. */
    private static final Set<String> SPI_PACKAGES = Set.of(TOP, "io", "data", "random", "stats", "spi", "fidelity",
            "disclosure", "constraint");

    @Test
    void packagesPointOneWay() {
        Map<String, Set<String>> broken = new TreeMap<>();
        for (Path root : List.of(SPI, ENGINE)) {
            for (Path file : javaFiles(root)) {
                String pkg = packageOf(root, file);
                if (pkg.equals(TOP)) {
                    continue;
                }
                Set<String> allowed = PACKAGE_MAY_USE.get(pkg);
                assertTrue(allowed != null, "package " + pkg + " has no rule in ArchitectureTest (and docs/ARCHITECTURE.md)");
                for (String[] used : imports(file)) {
                    String target = used[0];
                    if (!target.equals(TOP) && !target.equals(pkg) && !allowed.contains(target)) {
                        broken.computeIfAbsent(root.relativize(file).toString(), k -> new TreeSet<>())
                                .add(target + "." + used[1]);
                    }
                }
            }
        }
        assertEquals(Map.of(), broken, "imports against docs/ARCHITECTURE.md's rules");
    }

    @Test
    void theSpiModuleHoldsExactlyWhatAPluginMayUseAndNoPackageIsSplit() {
        Set<String> inSpi = packagesIn(SPI);
        assertEquals(new TreeSet<>(SPI_PACKAGES), inSpi, "the packages of the SPI module (spi/)");
        Set<String> split = packagesIn(ENGINE);
        split.retainAll(inSpi);
        assertEquals(Set.of(), split, "packages with classes in both tabsynth-spi and tabsynth-engine");
        Set<String> reaches = new TreeSet<>();
        for (Path file : javaFiles(SPI)) {
            for (String[] used : imports(file)) {
                if (!SPI_PACKAGES.contains(used[0])) {
                    reaches.add(SPI.relativize(file) + " -> " + used[0] + "." + used[1]);
                }
            }
        }
        assertEquals(Set.of(), reaches, "SPI classes importing engine packages");
    }

    @Test
    void pluginsUseOnlyTheSpi() {
        Set<String> reaches = new TreeSet<>();
        List<Path> plugins = pluginDirectories();
        for (Path plugin : plugins) {
            Path sources = plugin.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            for (Path file : javaFiles(sources)) {
                for (String[] used : imports(file)) {
                    if (!SPI_PACKAGES.contains(used[0])) {
                        reaches.add(plugin.getFileName() + " -> " + used[0] + "." + used[1]);
                    }
                }
            }
        }
        assertEquals(Set.of(), reaches, "plugins reaching past the SPI module");
    }

    @Test
    void pluginsDependOnTheSpiAndOnTheEngineOnlyForTests() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Path plugin : pluginDirectories()) {
            Path pom = plugin.resolve("pom.xml");
            Map<String, String> scopes = tabsynthDependencyScopes(pom);
            String engine = scopes.get(ENGINE_ARTIFACT);
            if (engine != null && !engine.equals(TEST_SCOPE)) {
                wrong.add(pom + ": " + ENGINE_ARTIFACT + " in scope " + engine + " (plugins use " + SPI_ARTIFACT + ")");
            }
            if (!"provided".equals(scopes.get(SPI_ARTIFACT))) {
                wrong.add(pom + ": no " + SPI_ARTIFACT + " dependency in scope provided");
            }
        }
        assertEquals(List.of(), wrong, "plugin dependencies");
    }

    /** The first-party plugins and the plugin template. */
    private static List<Path> pluginDirectories() {
        List<Path> plugins = new ArrayList<>(list(PLUGINS));
        assertTrue(plugins.size() >= 5, "the first-party plugins are found beside the engine: " + plugins);
        plugins.add(TEMPLATE);
        return plugins;
    }

    /** The scope ("compile" when none is named) of each io.tabsynth dependency a pom declares, by artifact id. */
    private static Map<String, String> tabsynthDependencyScopes(Path pom) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getDocumentElement();
        Map<String, String> scopes = new TreeMap<>();
        NodeList dependencies = project.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (((Element) dependency.getParentNode()).getParentNode() != project) {
                continue; // dependencyManagement or a plugin's dependencies
            }
            if (text(dependency, "groupId").equals("io.tabsynth")) {
                String scope = text(dependency, "scope");
                scopes.put(text(dependency, "artifactId"), scope.isEmpty() ? "compile" : scope);
            }
        }
        return scopes;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String packageOf(Path root, Path file) {
        return root.relativize(file.getParent()).toString().replace('/', '.');
    }

    private static Set<String> packagesIn(Path root) {
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            packages.add(packageOf(root, file));
        }
        return packages;
    }

    /** Each import of an engine class: its package below {@code io.tabsynth.engine} ("" for the top) and its name. */
    private static List<String[]> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            List<String[]> out = new ArrayList<>();
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
