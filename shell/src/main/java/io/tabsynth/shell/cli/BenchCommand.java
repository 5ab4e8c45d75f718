package io.tabsynth.shell.cli;

import io.tabsynth.bench.CommandBench;
import io.tabsynth.bench.EndToEndBench;
import io.tabsynth.bench.EpsilonSweep;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.bench.EvaluateCommandBench;
import io.tabsynth.engine.run.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth bench}: end-to-end timings of read, fit and sample+write on a given dataset. */
@Command(name = "bench", description = "Time reading, fitting and sampling+writing on a dataset; print peak heap.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "data to fit")
    Path data;

    @Option(names = "--metadata", paramLabel = "M", description = "metadata for reading the data")
    Path metadata;

    @Option(names = "--generator", defaultValue = "gaussian-copula", description = "generator id (default ${DEFAULT-VALUE})")
    String generator;

    @Option(names = "--param", paramLabel = "k=v", description = "generator parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--rows", defaultValue = "1000000", converter = RowCount.class,
            description = "rows to sample (default ${DEFAULT-VALUE}; 1e6 and 1M work too)")
    long rows;

    @Option(names = "--repeat", defaultValue = "3", description = "warm repetitions after the first run (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the sample (default: a temporary .csv, removed after)")
    Path out;

    @Option(names = "--command-runs", defaultValue = "0", paramLabel = "N",
            description = "also time N fresh JVMs of each kind loading the fitted model and sampling --rows rows, with "
                    + "and without lineage, alternating: what lineage adds to a whole sample command (default 0)")
    int commandRuns;

    @Option(names = "--synthetic", paramLabel = "SYN", description = "also time every evaluator on --data (real) against this file")
    Path synthetic;

    @Option(names = "--evaluate-runs", defaultValue = "0", paramLabel = "N",
            description = "also time N fresh JVMs each running a whole evaluate of --synthetic (every evaluator, report "
                    + "and lineage included) (default ${DEFAULT-VALUE})")
    int evaluateRuns;

    @Option(names = "--holdout", paramLabel = "H", description = "holdout for the evaluators")
    Path holdout;

    @Option(names = "--quasi", paramLabel = "c1,c2", description = "quasi-identifiers for the privacy evaluator")
    String quasi;

    @Option(names = "--sensitive", description = "sensitive column for the privacy evaluator's attribute inference")
    String sensitive;

    @Option(names = "--target", description = "target column for the utility and fairness evaluators")
    String targetColumn;

    @Option(names = "--protected", paramLabel = "c1,c2", description = "protected columns for the fairness evaluator")
    String protectedColumns;

    @Option(names = "--epsilons", paramLabel = "e1,e2", split = ",",
            description = "the epsilon sweep instead: fit --generator (differentially private) at each epsilon, sample "
                    + "as many rows as --data has, evaluate fidelity, utility on --target and privacy against "
                    + "--holdout; domains are declared public when --metadata declares any, else paid")
    java.util.List<Double> epsilons;

    @Option(names = "--sweep-out", paramLabel = "PREFIX",
            description = "with --epsilons: write the table and plot to PREFIX.md, PREFIX.json and PREFIX.svg")
    Path sweepOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epsilons != null) {
            return sweep();
        }
        Path target = out != null ? out : Files.createTempDirectory("tabsynth-bench").resolve("sample.csv");
        Inputs.notAnInput(target, data, metadata);
        try (Engine e = engine.open()) {
            EndToEndBench.Result r = EndToEndBench.run(e, data, metadata, generator, params, seed, rows,
                    Math.max(0, repeat), target);
            spec.commandLine().getOut().print(r.table());
            if (commandRuns > 0) {
                spec.commandLine().getOut().print(CommandBench.run(e, r.model(), rows, seed, engine.pluginsDir(),
                        commandRuns).line());
            }
            if (synthetic != null) {
                Map<String, String> options = new LinkedHashMap<>();
                if (quasi != null) {
                    options.put("quasi", quasi);
                }
                if (sensitive != null) {
                    options.put("sensitive", sensitive);
                }
                if (targetColumn != null) {
                    options.put("target", targetColumn);
                }
                if (protectedColumns != null) {
                    options.put("protected", protectedColumns);
                }
                spec.commandLine().getOut().print(EndToEndBench.evaluation(e, data, holdout, synthetic, options,
                        Math.max(0, repeat)));
                if (evaluateRuns > 0) {
                    spec.commandLine().getOut().print(EvaluateCommandBench.run(data, holdout, synthetic, options,
                            engine.pluginsDir(), evaluateRuns).line());
                }
            }
        } finally {
            if (out == null) {
                EndToEndBench.deleteTree(target.getParent());
            }
        }
        return 0;
    }

    /** The epsilon sweep ({@link EpsilonSweep}). */
    private int sweep() throws Exception {
        if (holdout == null || targetColumn == null) {
            throw new BadInputException("--epsilons needs --holdout and --target (the sweep evaluates utility on the "
                    + "target against the holdout)");
        }
        Inputs.notAnInput(sweepOut, data, metadata, holdout);
        boolean declared = metadata != null && !Metadata.read(metadata).domains().isEmpty();
        Path work = Files.createTempDirectory("tabsynth-sweep");
        try (Engine e = engine.open()) {
            List<EpsilonSweep.Point> points = EpsilonSweep.run(e, data, metadata, declared, holdout, generator,
                    params, epsilons, targetColumn, seed, work);
            spec.commandLine().getOut().print(EpsilonSweep.markdown(points));
            if (sweepOut != null) {
                EpsilonSweep.write(points, sweepOut, generator + ": quality and F1 against epsilon, domains "
                        + (declared ? "declared" : "paid"));
            }
        } finally {
            EndToEndBench.deleteTree(work);
        }
        return 0;
    }
}
