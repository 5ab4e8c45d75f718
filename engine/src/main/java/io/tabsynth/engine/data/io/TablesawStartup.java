package io.tabsynth.engine.data.io;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Loads Tablesaw's {@code Table} class without scanning the whole class path. Its static initialiser asks
 * ClassGraph for Tablesaw's file readers and writers, and ClassGraph opens every jar on the class path to find
 * them (fastutil alone is 23 MB): 0.3-0.4 s of every fresh command on two cores. The readers and writers all live
 * in Tablesaw's own jar, so a command-line JVM calls {@link #loadTableClass()} first thing, while it runs a single
 * thread: for the moment of the scan, {@code java.class.path} names Tablesaw's jar alone. The JVM reads that
 * property only at start-up, so class loading is not affected, and the property is restored at once.
 */
public final class TablesawStartup {
    private static final String TABLE = "tech.tablesaw.api.Table";

    private TablesawStartup() {
    }

    /** Initialises {@code Table} with the scan limited to Tablesaw's jar; does nothing more if it already ran. */
    public static synchronized void loadTableClass() {
        ClassLoader loader = TablesawStartup.class.getClassLoader();
        String classPath = System.getProperty("java.class.path");
        Path jar = tablesawJar(loader);
        if (jar != null && classPath != null) {
            System.setProperty("java.class.path", jar.toString());
        }
        try {
            Class.forName(TABLE, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Tablesaw is not on the class path", e);
        } finally {
            if (classPath != null) {
                System.setProperty("java.class.path", classPath);
            }
        }
    }

    /** The jar that holds {@code Table}, found without initialising the class; null if it is not a jar file. */
    private static Path tablesawJar(ClassLoader loader) {
        try {
            CodeSource source = Class.forName(TABLE, false, loader).getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
