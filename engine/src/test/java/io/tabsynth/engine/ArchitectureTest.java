package io.tabsynth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The dependency rules of docs/ARCHITECTURE.md, read off the sources (imports and qualified names) of the two
 * modules, tabsynth-spi ({@code io.tabsynth.spi.*}) and tabsynth-engine ({@code io.tabsynth.engine.*}): the
 * packages point one way, each module holds only its own packages, the SPI imports nothing of the engine and
 * holds exactly what the plugins use (directly or through another SPI class), and the plugins (and the plugin
 * template) use nothing of tabsynth but the SPI and declare no dependency on tabsynth-engine but for their
 * tests. A new import or dependency that breaks a rule fails the build here, naming the file; the last test
 * plants violations to show that each rule can fail.
 */
class ArchitectureTest {
    private static final Path SPI = Path.of("../spi/src/main/java");
    private static final Path ENGINE = Path.of("src/main/java");
    private static final Path PLUGINS = Path.of("../plugins");
    private static final Path TEMPLATE = Path.of("../templates/plugin");
    private static final String ENGINE_ARTIFACT = "tabsynth-engine";
    private static final String SPI_ARTIFACT = "tabsynth-spi";
    private static final String TEST_SCOPE = "test";
    private static final String SPI_PREFIX = "spi";
    private static final String ENGINE_PREFIX = "engine";
    /** A use of a tabsynth class: its package below {@code io.tabsynth} and its simple name. */
    private static final Pattern USE = Pattern.compile("\\bio\\.tabsynth\\.([a-z]+(?:\\.[a-z]+)*)\\.([A-Z]\\w*)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+io\\.tabsynth\\.([\\w.]+)\\s*;");

    /**
     * The top-level classes of {@code io.tabsynth.spi} every package may use: exceptions, messages and JSON
     * helpers. The other top-level classes are the extension points (the group {@code spi} in the rules).
     */
    private static final Set<String> FOUNDATION = Set.of("Activity", "BadInputException", "InternalFailure",
            "JsonInput", "JsonOutput", "Suggestion", "TabsynthException");
    private static final String FOUNDATION_GROUP = "spi (foundation)";

    /** Which packages (below io.tabsynth) each package may use, besides itself and the foundation. */
    private static final Map<String, Set<String>> PACKAGE_MAY_USE = Map.ofEntries(
            Map.entry("spi.io", Set.of()),
            Map.entry("spi.random", Set.of()),
            Map.entry("spi.stats", Set.of()),
            Map.entry("spi.privacy", Set.of()),
            Map.entry("spi.privacy.domain", Set.of("spi.data", "spi.privacy", "spi.random")),
            Map.entry("spi.chart", Set.of()),
            Map.entry("spi.data", Set.of("spi.io", "spi.random", "spi.stats")),
            Map.entry("spi.fidelity", Set.of("spi.data", "spi.stats")),
            Map.entry("spi", Set.of("spi.io", "spi.data", "spi.random", "spi.stats", "spi.disclosure", "spi.privacy",
                    "spi.privacy.domain")),
            Map.entry("spi.disclosure", Set.of("spi.data", "spi.random")),
            Map.entry("spi.constraint", Set.of("spi.data", "spi.random", "spi")),
            Map.entry("engine", Set.of()),
            Map.entry("engine.policy", Set.of()),
            Map.entry("engine.data.infer", Set.of("spi.data")),
            Map.entry("engine.data.io", Set.of("spi.io", "spi.data", "engine.data.infer", "spi.privacy.domain", "spi")),
            Map.entry("engine.disclosure", Set.of("spi.data", "spi.random", "spi", "spi.disclosure")),
            Map.entry("engine.constraint", Set.of("spi.data", "spi.random", "spi", "spi.constraint")),
            Map.entry("engine.fairness", Set.of("spi.data")),
            Map.entry("engine.lineage", Set.of("engine", "spi.io", "spi.data", "engine.data.io", "spi.privacy")),
            Map.entry("engine.privacy", Set.of("engine.lineage", "spi.io", "spi.privacy")),
            Map.entry("engine.certify", Set.of("engine", "spi.io", "spi.data", "spi.privacy", "spi.disclosure",
                    "engine.data.io", "engine.lineage", "engine.privacy")),
            Map.entry("engine.governance", Set.of("spi.io", "engine.lineage", "engine.policy", "engine.privacy",
                    "engine.governance.optout", "engine.governance.revocation")),
            Map.entry("engine.governance.revocation", Set.of("engine", "spi.io", "spi.data", "engine.data.io",
                    "engine.lineage")),
            Map.entry("engine.governance.optout", Set.of("spi.io", "spi.data", "engine.data.io", "engine.lineage")),
            Map.entry("engine.drift", Set.of("spi.data", "spi.stats", "spi.fidelity", "spi.disclosure")),
            Map.entry("engine.registry", Set.of("spi.io", "engine.lineage", "engine.governance", "engine.privacy")),
            Map.entry("engine.run", Set.of("engine", "spi.io", "spi.data", "spi.random", "spi.stats", "spi",
                    "spi.disclosure", "spi.constraint", "spi.fidelity", "engine.data.io", "engine.data.infer",
                    "engine.disclosure", "engine.constraint", "engine.lineage", "engine.certify", "engine.policy",
                    "engine.governance.revocation", "engine.governance.optout", "engine.privacy",
                    "spi.privacy.domain", "engine.drift", "engine.governance", "engine.fairness")));

    /** The packages of the SPI module: exactly what a plugin may use. */
    private static final Set<String> SPI_PACKAGES = Set.of("spi", "spi.io", "spi.data", "spi.random", "spi.stats",
            "spi.fidelity", "spi.disclosure", "spi.constraint", "spi.privacy", "spi.privacy.domain", "spi.chart");

    @Test
    void packagesPointOneWay() {
        Map<String, Set<String>> broken = new TreeMap<>();
        broken.putAll(brokenRules(SPI));
        broken.putAll(brokenRules(ENGINE));
        assertEquals(Map.of(), broken, "uses against docs/ARCHITECTURE.md's rules");
    }

    /**
     * The rules themselves point one way: no package may use, directly or through others, a package that may use
     * it (the extension points may use {@code spi.disclosure}, so {@code spi.disclosure} may not use them).
     */
    @Test
    void theRulesAllowNoCycle() {
        assertEquals(Set.of(), onCycles(PACKAGE_MAY_USE), "packages the rules let reach themselves");
    }

    @Test
    void eachModuleHoldsItsOwnPackagesAndTheSpiImportsNothingOfTheEngine() {
        assertEquals(new TreeSet<>(SPI_PACKAGES), packagesIn(SPI), "the packages of the SPI module (spi/)");
        assertEquals(Set.of(), outside(ENGINE, ENGINE_PREFIX), "engine module classes outside io.tabsynth.engine");
        assertEquals(Set.of(), spiReachingTheEngine(SPI), "SPI classes using the engine");
    }

    @Test
    void theSpiHoldsOnlyWhatPluginsUse() {
        assertEquals(Set.of(), unusedByPlugins(SPI, pluginDirectories()),
                "SPI classes no plugin uses, directly or through another SPI class (they belong in the engine)");
    }

    @Test
    void pluginsUseOnlyTheSpi() {
        assertEquals(Set.of(), pluginReaches(pluginDirectories()), "plugins reaching past the SPI module");
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

    /** Each rule above, run on a small tree with one planted violation, reports it. */
    @Test
    void plantedViolationsAreReported(@TempDir Path dir) throws IOException {
        Path spi = dir.resolve("spi/src/main/java");
        write(spi, "io/tabsynth/spi/data/Frame.java", "package io.tabsynth.spi.data;\n"
                + "import io.tabsynth.engine.run.Engine;\npublic class Frame {}\n");
        write(spi, "io/tabsynth/spi/data/Orphan.java", "package io.tabsynth.spi.data;\npublic class Orphan {}\n");
        write(spi, "io/tabsynth/spi/JsonOutput.java", "package io.tabsynth.spi;\n"
                + "import io.tabsynth.spi.data.Orphan;\npublic class JsonOutput {}\n");
        write(spi, "io/tabsynth/spi/stats/Normal.java", "package io.tabsynth.spi.stats;\n"
                + "import io.tabsynth.spi.data.Frame;\npublic class Normal {}\n");
        Path plugin = dir.resolve("plugins/example");
        write(plugin.resolve("src/main/java"), "io/tabsynth/plugins/example/Gen.java",
                "package io.tabsynth.plugins.example;\nimport io.tabsynth.spi.stats.Normal;\n"
                        + "import io.tabsynth.engine.lineage.Ledger;\nclass Gen {}\n");

        assertEquals(Map.of("io/tabsynth/spi/stats/Normal.java", Set.of("spi.data.Frame"),
                "io/tabsynth/spi/data/Frame.java", Set.of("engine.run.Engine"),
                "io/tabsynth/spi/JsonOutput.java", Set.of("spi.data.Orphan")), brokenRules(spi));
        assertEquals(Set.of("io/tabsynth/spi/data/Frame.java -> engine.run.Engine"), spiReachingTheEngine(spi));
        // Normal is used, Frame through Normal; JsonOutput only uses Orphan.
        assertEquals(Set.of("io.tabsynth.spi.JsonOutput", "io.tabsynth.spi.data.Orphan"),
                unusedByPlugins(spi, List.of(plugin)));
        assertEquals(Set.of("example -> engine.lineage.Ledger"), pluginReaches(List.of(plugin)));
        assertEquals(Set.of("spi", "spi.disclosure"), onCycles(Map.of("spi", Set.of("spi.data", "spi.disclosure"),
                "spi.disclosure", Set.of("spi.data", "spi"), "spi.data", Set.of())));
    }

    /** The packages that the rules let reach themselves through the packages they may use. */
    private static Set<String> onCycles(Map<String, Set<String>> mayUse) {
        Set<String> cyclic = new TreeSet<>();
        for (String start : mayUse.keySet()) {
            Deque<String> todo = new ArrayDeque<>(mayUse.get(start));
            Set<String> seen = new TreeSet<>();
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (next.equals(start)) {
                    cyclic.add(start);
                    break;
                }
                if (seen.add(next)) {
                    todo.addAll(mayUse.getOrDefault(next, Set.of()));
                }
            }
        }
        return cyclic;
    }

    /** Per file (relative to the source root), the uses that no rule allows. */
    private static Map<String, Set<String>> brokenRules(Path root) {
        Map<String, Set<String>> broken = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String pkg = packageOf(file);
            boolean foundation = pkg.equals(SPI_PREFIX)
                    && FOUNDATION.contains(file.getFileName().toString().replace(".java", ""));
            Set<String> allowed = foundation ? Set.of() : PACKAGE_MAY_USE.get(pkg);
            assertTrue(allowed != null, "package io.tabsynth." + pkg + " (" + file
                    + ") has no rule in ArchitectureTest (and docs/ARCHITECTURE.md)");
            for (String[] used : uses(file)) {
                String target = groupOf(used);
                if (!target.equals(pkg) && !FOUNDATION_GROUP.equals(target) && !allowed.contains(target)) {
                    broken.computeIfAbsent(root.relativize(file).toString(), k -> new TreeSet<>())
                            .add(used[0] + "." + used[1]);
                }
            }
        }
        return broken;
    }

    /** The rule group of a used class: its package, or the foundation for the top-level helpers. */
    private static String groupOf(String[] used) {
        return used[0].equals(SPI_PREFIX) && FOUNDATION.contains(used[1]) ? FOUNDATION_GROUP : used[0];
    }

    /** Files under a module's source root whose package is not below io.tabsynth.{prefix}. */
    private static Set<String> outside(Path root, String prefix) {
        Set<String> wrong = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            String pkg = packageOf(file);
            if (!pkg.equals(prefix) && !pkg.startsWith(prefix + ".")) {
                wrong.add(root.relativize(file) + " in io.tabsynth." + pkg);
            }
        }
        return wrong;
    }

    private static Set<String> spiReachingTheEngine(Path spi) {
        Set<String> reaches = new TreeSet<>(outside(spi, SPI_PREFIX));
        for (Path file : javaFiles(spi)) {
            for (String[] used : uses(file)) {
                if (!used[0].equals(SPI_PREFIX) && !used[0].startsWith(SPI_PREFIX + ".")) {
                    reaches.add(spi.relativize(file) + " -> " + used[0] + "." + used[1]);
                }
            }
        }
        return reaches;
    }

    /**
     * The SPI classes that no plugin's main sources use, directly or through other SPI classes (by import or
     * qualified name, or by simple name within one package).
     */
    private static Set<String> unusedByPlugins(Path spi, List<Path> plugins) {
        Map<String, Path> classes = new TreeMap<>();
        for (Path file : javaFiles(spi)) {
            String simple = file.getFileName().toString().replace(".java", "");
            classes.put("io.tabsynth." + packageOf(file) + "." + simple, file);
        }
        Deque<String> todo = new ArrayDeque<>();
        for (Path plugin : plugins) {
            for (Path file : javaFiles(plugin.resolve("src/main/java"))) {
                for (String[] used : uses(file)) {
                    todo.add("io.tabsynth." + used[0] + "." + used[1]);
                }
            }
        }
        Set<String> reached = new TreeSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Path file = classes.get(name);
            if (file == null || !reached.add(name)) {
                continue;
            }
            for (String[] used : uses(file)) {
                todo.add("io.tabsynth." + used[0] + "." + used[1]);
            }
            String pkg = name.substring(0, name.lastIndexOf('.'));
            String text = read(file);
            for (String other : classes.keySet()) {
                String otherPkg = other.substring(0, other.lastIndexOf('.'));
                if (otherPkg.equals(pkg) && Pattern.compile("\\b" + other.substring(pkg.length() + 1) + "\\b")
                        .matcher(text).find()) {
                    todo.add(other);
                }
            }
        }
        Set<String> unused = new TreeSet<>(classes.keySet());
        unused.removeAll(reached);
        return unused;
    }

    /** Uses of tabsynth classes outside the SPI and the plugin's own package, as "plugin -> package.Class". */
    private static Set<String> pluginReaches(List<Path> plugins) {
        Set<String> reaches = new TreeSet<>();
        for (Path plugin : plugins) {
            String own = "plugins." + plugin.getFileName();
            for (Path file : javaFiles(plugin.resolve("src/main/java"))) {
                for (String[] used : uses(file)) {
                    boolean spi = used[0].equals(SPI_PREFIX) || used[0].startsWith(SPI_PREFIX + ".");
                    boolean ownPackage = used[0].equals(own) || used[0].startsWith(own + ".");
                    if (!spi && !ownPackage) {
                        reaches.add(plugin.getFileName() + " -> " + used[0] + "." + used[1]);
                    }
                }
            }
        }
        return reaches;
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

    /** The file's package below io.tabsynth, from its package declaration. */
    private static String packageOf(Path file) {
        Matcher m = PACKAGE.matcher(read(file));
        assertTrue(m.find(), file + ": no package io.tabsynth.* declaration");
        return m.group(1);
    }

    private static Set<String> packagesIn(Path root) {
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles(root)) {
            packages.add(packageOf(file));
        }
        return packages;
    }

    /** Each use of a tabsynth class by qualified name or import: its package below io.tabsynth and its name. */
    private static List<String[]> uses(Path file) {
        Matcher m = USE.matcher(read(file));
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
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
