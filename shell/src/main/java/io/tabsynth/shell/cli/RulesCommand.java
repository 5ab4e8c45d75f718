package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth rules}: tools for the rule-based generator. */
@Command(name = "rules", description = "Tools for the rule-based generator (see docs/rules.md).",
        subcommands = {RulesCommand.Infer.class})
public final class RulesCommand {
    /** {@code tabsynth rules infer}: drafts a spec from real data. */
    @Command(name = "infer", description = "Draft a rules spec from real data: kinds, marginals, categories, "
            + "correlations and the constraints the data obeys, for a person to edit.")
    public static final class Infer implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--data", required = true, paramLabel = "REAL", description = "real data")
        Path data;

        @Option(names = "--metadata", paramLabel = "M", description = "JSON file overriding column kinds")
        Path metadata;

        @Option(names = "--out", required = true, paramLabel = "SPEC.json", description = "where to write the spec")
        Path out;

        @Option(names = "--min-count", paramLabel = "K", defaultValue = "" + io.tabsynth.spi.disclosure.RareValues.DEFAULT_MIN_COUNT,
                description = "leave out text values fewer than K rows hold; new values in their written form take "
                        + "their place (default: ${DEFAULT-VALUE}; 1 keeps every value)")
        int minCount;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Inputs.notAnInput(out, data, metadata);
            try (Engine e = engine.open()) {
                Frame frame = e.read(data, metadata);
                if (minCount < 1) {
                    throw new io.tabsynth.spi.BadInputException("--min-count must be at least 1: " + minCount);
                }
                var s = e.inferSpec("rules", frame, out, minCount, spec.commandLine().getErr()::println);
                spec.commandLine().getOut().printf(Locale.ROOT, "drafted a rules spec of %s, %s and %s from %s into "
                        + "%s%n", Count.of(s.path("columns").size(), "column"),
                        Count.of(s.path("correlations").size(), "correlated block"),
                        Count.of(s.path("constraints").size(), "constraint"), data, out);
                return 0;
            }
        }
    }
}
