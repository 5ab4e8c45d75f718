package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.ExtensionInfo;
import io.tabsynth.spi.ParamSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tabsynth plugins}: every extension with its plugin id and version, generators' parameters and evaluators' options. */
@Command(name = "plugins", description = "List generators, evaluators and exporters with their plugin and version.")
public final class PluginsCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Engine e = engine.open()) {
            var out = spec.commandLine().getOut();
            out.printf("%-10s %-16s %-12s %-8s %s%n", "TYPE", "ID", "PLUGIN", "VERSION", "DESCRIPTION");
            for (ExtensionInfo x : e.extensions()) {
                out.printf("%-10s %-16s %-12s %-8s %s%n", x.type(), x.id(), x.pluginId(), x.pluginVersion(),
                        x.description());
                if (x.type().equals("generator")) {
                    printSpecs(out, "--param", e.generator(x.id()).describe());
                } else if (x.type().equals("evaluator")) {
                    printSpecs(out, "--option", e.evaluator(x.id()).describe());
                }
            }
            return 0;
        }
    }

    /** Each parameter or option under its extension: the flag that sets it, its summary, and its line of doc. */
    private static void printSpecs(PrintWriter out, String flag, List<ParamSpec> specs) {
        for (ParamSpec p : specs) {
            out.printf("%-10s   %s %s%n%-10s       %s%n", "", flag, p.summary(), "", p.doc());
        }
    }
}
