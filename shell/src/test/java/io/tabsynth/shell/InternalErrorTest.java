package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that fails in a way nobody foresaw: the command exits 1 with what was being done (command, file,
 * column) and how to see the stack trace, never an exception class name, and writes nothing.
 */
class InternalErrorTest {
    /** A generator that fits each column on a worker thread and breaks on the column named {@code bad}. */
    private static final String FAILING = """
            package com.example.failing;

            import io.tabsynth.spi.Activity;
            import io.tabsynth.spi.data.ColumnSpec;
            import io.tabsynth.spi.data.Frame;
            import io.tabsynth.spi.FitContext;
            import io.tabsynth.spi.Generator;
            import io.tabsynth.spi.Model;
            import io.tabsynth.spi.ParamSpec;
            import io.tabsynth.spi.Params;
            import java.io.InputStream;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import org.pf4j.Extension;

            @Extension
            public final class Failing implements Generator {
                public String id() { return "failing"; }
                public String description() { return "breaks on a column named bad"; }
                public List<ParamSpec> describe() { return List.of(); }
                public Model fit(Frame data, Params params, FitContext context) {
                    Activity fitting = Activity.current();
                    for (ColumnSpec c : data.schema().columns()) {
                        CompletableFuture.runAsync(() -> fitting.within("column '" + c.name() + "'", () -> {
                            int[] knots = new int[data.rowCount()];
                            return c.name().equals("bad") ? knots[knots.length] : 0;
                        })).exceptionally(e -> { throw (RuntimeException) e.getCause(); }).join();
                    }
                    throw new IllegalStateException(new NullPointerException());
                }
                public Model load(InputStream in) { throw new UnsupportedOperationException(); }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPluginFailureIsReportedWithItsContext() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/com/example/failing"));
        Files.writeString(src.resolve("Failing.java"), FAILING);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        PluginJar.compile(classes, System.getProperty("java.class.path"), List.of(src.resolve("Failing.java").toString()));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.jar(classes, "plugin.id=failing-example\nplugin.version=1.0.0\nplugin.provider=Test\n",
                plugins.resolve("failing-1.0.0.jar"));

        Path data = Files.writeString(dir.resolve("data.csv"), "good,bad\n1,2\n3,4\n5,6\n");
        Path model = dir.resolve("m.model");
        Cli r = Cli.run("fit", "--plugins", plugins, "--data", data, "--generator", "failing", "--seed", 1,
                "--model", model, "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(1, r.code(), r.err());
        assertEquals("error: tabsynth fit: internal error while fitting failing to " + data + ", column 'bad': "
                + "Index 3 out of bounds for length 3 (a bug in tabsynth or a plugin; run again with TABSYNTH_DEBUG=1 "
                + "to see the stack trace)", r.err().strip());
        assertFalse(Files.exists(model), "nothing is written");

        Path fine = Files.writeString(dir.resolve("fine.csv"), "good\n1\n2\n");
        Cli silent = Cli.run("fit", "--plugins", plugins, "--data", fine, "--generator", "failing", "--seed", 1,
                "--model", model, "--ledger", dir.resolve("ledger.jsonl"));
        assertEquals(1, silent.code());
        assertTrue(silent.err().startsWith("error: tabsynth fit: internal error while fitting failing to " + fine
                + ": no explanation was given (a bug"), silent.err());
        assertFalse(silent.err().contains("Exception"), silent.err());
    }

    @Test
    void helpTellsHowToSeeAStackTrace() {
        Cli help = Cli.run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Internal errors: set TABSYNTH_DEBUG=1 to print the stack trace."), help.out());
    }
}
