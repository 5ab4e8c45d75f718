package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.constraint.ConstrainedModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth fit}: learns a model from real data and saves it. */
@Command(name = "fit", description = "Fit a generator to real data and save the model.")
public final class FitCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @ArgGroup(exclusive = false, multiplicity = "1")
    FitOptions fit;

    @Option(names = "--seed", required = true, description = "seed for every random choice")
    long seed;

    @Option(names = "--model", required = true, paramLabel = "OUT.model", description = "where to write the model")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Inputs.notAnInput(model, fit.inputs());
        try (Engine e = engine.open()) {
            long t0 = System.nanoTime();
            FittedModel m = e.save(fit.fit(e, seed, TerminalProgress.forConsole()), model);
            m.notes().forEach(spec.commandLine().getErr()::println);
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "fitted %s (%s %s) on %s in %.2f s%n", fit.generator, m.info().pluginId(),
                    m.info().pluginVersion(), fit.data == null ? "its spec" : Count.of(m.info().rows(), "row") + " x "
                            + Count.of(m.schema().size(), "column") + " of " + fit.data,
                    (System.nanoTime() - t0) / 1e9);
            out.print(m.describe());
            if (m.model() instanceof ConstrainedModel) {
                var bound = ((ConstrainedModel) m.model()).constraints();
                for (int i = 0; i < bound.names().size(); i++) {
                    out.printf("  constraint %-36s transform: %s%n", bound.names().get(i),
                            bound.spec().path(i).path("transform").asText("none"));
                }
            }
            out.println("model written to " + model);
            return 0;
        }
    }
}
