package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth sample}: draws rows from a saved model and writes them. */
@Command(name = "sample", description = "Sample rows from a saved model; the format follows the output's extension.")
public final class SampleCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--model", required = true, paramLabel = "M.model", description = "model file from tabsynth fit")
    Path model;

    @Option(names = "--rows", required = true, converter = RowCount.class,
            description = "how many rows (1000000, 1_000_000, 1e6 or 1M)")
    long rows;

    @Option(names = "--seed", required = true, description = "seed for every random choice")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output: .csv, .tsv, .arrow, .parquet or .jsonl")
    Path out;

    @Option(names = "--constraints", paramLabel = "C.json",
            description = "constraints to enforce on top of any the model was fitted with (rejection only)")
    Path constraints;

    @picocli.CommandLine.Mixin
    SamplingOptions sampling;

    @Mixin
    CharterOption charter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::sample);
    }

    private int sample() {
        Engine.checkSampleRows(rows, "--rows");
        Inputs.notAnInput(out, model, constraints);
        try (Engine e = engine.open(CharterOption.context(charter.read()))) {
            FittedModel m = e.load(model);
            long t0 = System.nanoTime();
            long written = e.sample(m, rows, seed, out, TerminalProgress.forConsole(),
                    sampling.sampling(constraints == null ? null : e.constraints(constraints)));
            spec.commandLine().getOut().printf(Locale.ROOT, "sampled %s from %s in %.2f s into %s%n", Count.of(written, "row"),
                    model, (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }
}
