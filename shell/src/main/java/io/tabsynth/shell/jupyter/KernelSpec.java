package io.tabsynth.shell.jupyter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.AtomicFile;
import java.io.File;
import java.io.IOException;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernelspec that tells Jupyter how to start tabsynth's kernel: a folder {@code kernels/tabsynth} holding
 * {@code kernel.json}, whose command line starts this Java with tabsynth's class path and the connection file
 * Jupyter writes. Jupyter looks for kernelspecs under each of its data directories ({@code PREFIX/share/jupyter}
 * for a prefix, the user's data directory, and the folders in {@code JUPYTER_PATH}).
 */
public final class KernelSpec {
    /** How Jupyter lists the kernel. */
    public static final String DISPLAY_NAME = "tabsynth (Java)";
    /** The kernelspec's file. */
    public static final String FILE = "kernel.json";
    /** Where kernelspecs live below a Jupyter data directory. */
    static final String KERNELS = "kernels";
    /** The Java class the kernel's command line starts. */
    static final String MAIN = "io.tabsynth.shell.Tabsynth";
    /** Arrow reads java.nio internals: every JVM tabsynth starts needs this (as the launcher gives it). */
    static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private KernelSpec() {
    }

    /** The kernelspec folder below a Jupyter data directory. */
    public static Path folder(Path dataDirectory) {
        return dataDirectory.resolve(KERNELS).resolve(TabsynthKernel.NAME);
    }

    /** The Jupyter data directory of a prefix (a Python environment or any folder Jupyter is told about). */
    public static Path ofPrefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter");
    }

    /**
     * The user's Jupyter data directory, as Jupyter finds it: {@code JUPYTER_DATA_DIR} when set, else
     * {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows, and {@code $XDG_DATA_HOME/jupyter}
     * (default {@code ~/.local/share/jupyter}) elsewhere.
     */
    public static Path userDataDirectory() {
        String set = System.getenv("JUPYTER_DATA_DIR");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("windows") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("jupyter");
    }

    /** Every data directory Jupyter searches for kernels, in its order (JUPYTER_PATH, the user's, the system's). */
    public static List<Path> searchedDataDirectories() {
        List<Path> out = new ArrayList<>();
        String path = System.getenv("JUPYTER_PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    out.add(Path.of(p));
                }
            }
        }
        out.add(userDataDirectory());
        out.add(Path.of("/usr/local/share/jupyter"));
        out.add(Path.of("/usr/share/jupyter"));
        return out;
    }

    /** The installed kernelspec folders Jupyter would find, first the one it uses. */
    public static List<Path> installed() {
        return searchedDataDirectories().stream().map(KernelSpec::folder)
                .filter(f -> Files.isRegularFile(f.resolve(FILE))).distinct().toList();
    }

    /**
     * The kernelspec's JSON: the command line that starts this Java on tabsynth's jars (the distribution's lib/
     * when running from the distribution, else this JVM's class path) with the kernel's connection file.
     */
    public static ObjectNode json() {
        ObjectNode spec = JsonOutput.mapper().createObjectNode();
        ArrayNode argv = spec.putArray("argv");
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add(OPENS);
        String dist = System.getProperty("tabsynth.dist");
        String classPath;
        if (dist != null) {
            argv.add("-Dtabsynth.dist=" + dist);
            classPath = Path.of(dist, "lib").toAbsolutePath() + File.separator + "*";
        } else {
            classPath = absoluteClassPath();
        }
        argv.add("-cp");
        argv.add(classPath);
        argv.add(MAIN);
        argv.add(JupyterCommand.NAME);
        argv.add(JupyterCommand.KERNEL);
        argv.add("{connection_file}");
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        // interrupts come as messages: a signal would end the JVM and the session with it
        spec.put("interrupt_mode", "message");
        spec.putObject("metadata").put("debugger", false);
        return spec;
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Writes the kernelspec below {@code dataDirectory}, replacing an older one; returns its folder. */
    public static Path install(Path dataDirectory) {
        Path folder = folder(dataDirectory);
        byte[] bytes = JsonOutput.pretty(json(), "kernelspec");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot create the kernelspec folder: " + e.getMessage());
        }
        AtomicFile.write(folder.resolve(FILE), tmp -> Files.write(tmp, bytes));
        return folder;
    }

    /** Removes the kernelspec below {@code dataDirectory}; returns whether there was one. */
    public static boolean uninstall(Path dataDirectory) {
        Path folder = folder(dataDirectory);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot remove the kernelspec: " + e.getMessage());
        }
        return true;
    }
}
