package io.tabsynth.engine.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class TablesawStartupTest {
    /** Run in a fresh JVM, where {@code Table} is not yet loaded: prints what the narrowed scan left behind. */
    public static void main(String[] args) {
        String before = System.getProperty("java.class.path");
        TablesawStartup.loadTableClass();
        System.out.print("classPathKept=" + before.equals(System.getProperty("java.class.path"))
                + " csvReader=" + Table.defaultReaderRegistry.getReaderForExtension("csv").isPresent()
                + " csvWriter=" + (Table.defaultWriterRegistry.getWriterForExtension("csv") != null)
                + " table=" + Table.create("t").columnCount());
    }

    @Test
    void inAFreshJvmTableLoadsWithTablesawsReadersAndTheClassPathPropertyIsKept(@TempDir Path dir) throws Exception {
        // standard error apart: on Java 24 and later the JVM warns there about sun.misc.Unsafe, which ClassGraph uses
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TablesawStartupTest.class.getName())
                .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out + "\n" + Files.readString(err));
        assertEquals("classPathKept=true csvReader=true csvWriter=true table=0", out, Files.readString(err));
    }
}
