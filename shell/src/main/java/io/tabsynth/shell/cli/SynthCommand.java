package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.PlanApproval;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth synth}: fit and sample in one step. */
@Command(name = "synth", description = "Fit a generator and sample from it in one step.")
public final class SynthCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @ArgGroup(exclusive = false, multiplicity = "1")
    FitOptions fit;

    @Option(names = "--rows", required = true, converter = RowCount.class,
            description = "how many rows (1000000, 1_000_000, 1e6 or 1M)")
    long rows;

    @Option(names = "--seed", required = true, description = "seed for fitting and sampling")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "output: .csv, .tsv, .arrow, .parquet or .jsonl")
    Path out;

    @Option(names = "--model", paramLabel = "OUT.model", description = "also save the fitted model here")
    Path model;

    @picocli.CommandLine.Mixin
    SamplingOptions sampling;

    @Mixin
    CharterOption charter;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "fit only as this approved plan (tabsynth fit --plan-out) says: needs --charter, whose plan "
                    + "quorum must have signed it")
    Path plan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::synth);
    }

    private int synth() {
        Engine.checkSampleRows(rows, "--rows");
        Inputs.notAnInput(out, fit.inputs());
        Inputs.notAnInput(out, model);
        if (model != null) {
            Inputs.notAnInput(model, fit.inputs());
        }
        SignedCharter c = charter.read();
        PlanApproval.requirePlan("synth", plan, c);
        Lineage.Context context = CharterOption.context(c);
        if (plan != null) {
            context = new PlanApproval("synth", plan, c, TrustStore.standard(KeyStore.standard())).context(context, fit.plan(seed, c));
        }
        try (Engine e = engine.open(context)) {
            long t0 = System.nanoTime();
            Progress progress = TerminalProgress.forConsole();
            FittedModel m = fit.fit(e, seed, progress, c);
            m.notes().forEach(spec.commandLine().getErr()::println);
            if (model != null) {
                m = e.save(m, model);
            }
            long written = e.sample(m, rows, seed, out, progress, sampling.sampling(null));
            spec.commandLine().getOut().printf(Locale.ROOT, "fitted %s %s and sampled %s in %.2f s into %s%n",
                    fit.generator, fit.data == null ? "from its spec" : "on " + m.info().rowsInWords(), Count.of(written, "row"), (System.nanoTime() - t0) / 1e9, out);
            spec.commandLine().getOut().print(FitOptions.optOutNote(m));
            spec.commandLine().getOut().print(m.missingNotes());
            return 0;
        }
    }
}
