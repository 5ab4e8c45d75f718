package io.tabsynth.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    void inAFreshJvmTableLoadsWithTablesawsReadersAndTheClassPathPropertyIsKept() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TablesawStartupTest.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("classPathKept=true csvReader=true csvWriter=true table=0", out);
    }
}
