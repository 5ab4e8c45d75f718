package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
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

/** Builds a plugin as a third party would: sources compiled against the class path given, and a jar of them. */
final class PluginJar {
    private PluginJar() {
    }

    /** The .java files under a folder. */
    static List<String> sources(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
    }

    /** Compiles the sources into {@code out}, with PF4J's processor writing the extension index. */
    static void compile(Path out, String classpath, List<String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // the processor path named, as the template's pom names it: from Java 23 javac runs no annotation processor
        // (PF4J's extension index) that it merely finds on the class path
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classpath, "-processorpath", classpath,
                "--release", "17"));
        args.addAll(sources);
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "the plugin compiles");
    }

    /** Writes the compiled classes and the plugin.properties text into a jar. */
    static void jar(Path classes, String properties, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            out.putNextEntry(new JarEntry("plugin.properties"));
            out.write(properties.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
    }
}
