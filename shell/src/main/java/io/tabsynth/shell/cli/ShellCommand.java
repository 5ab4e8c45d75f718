package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.workbench.Session;
import io.tabsynth.shell.workbench.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tabsynth shell}: the interactive JShell workbench. */
@Command(name = "shell", description = "Interactive JShell workbench: the engine and plugins on the class path, "
        + "JShell's default imports plus tabsynth's, and the workbench API (read, fit, sample, evaluate, write, "
        + "lineage, verify). Every call records lineage like the command line.")
public final class ShellCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("tabsynth-startup", ".jsh");
        try (Engine e = engine.open()) {
            Workbench.open(e, List.of());
            List<String> lines = new ArrayList<>(Session.IMPORTS);
            lines.add("System.out.println(\"tabsynth workbench: read, fit, sample, evaluate, write, lineage, verify"
                    + " (see docs/workbench.md); /exit to leave\");");
            Files.write(startup, lines);
            List<String> options = List.of("--execution", "local",
                    "--class-path", System.getProperty("java.class.path"),
                    "--startup", "DEFAULT", "--startup", startup.toString());
            return JavaShellToolBuilder.builder().start(options.toArray(new String[0]));
        } finally {
            try {
                Files.deleteIfExists(startup);
            } catch (IOException ignored) {
                // a temporary file; the system cleans it up
            }
        }
    }
}
