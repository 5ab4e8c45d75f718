package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.Plan;
import io.tabsynth.engine.governance.PlanApproval;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.time.Instant;
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

    @Option(names = "--model", paramLabel = "OUT.model", description = "where to write the model")
    Path model;

    @Mixin
    CharterOption charter;

    @Option(names = "--plan-out", paramLabel = "PLAN.json",
            description = "write the generation plan (data digest, generator, parameters, seed) for approvers, and do not fit")
    Path planOut;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "fit only as this approved plan says: needs --charter, whose plan quorum must have signed it")
    Path plan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::fit);
    }

    private int fit() {
        if (planOut != null) {
            return writePlan();
        }
        if (model == null) {
            throw new BadInputException("fit needs --model OUT.model (or --plan-out PLAN.json to write a plan for approval)");
        }
        Inputs.notAnInput(model, fit.inputs());
        SignedCharter c = charter.read();
        PlanApproval.requirePlan("fit", plan, c);
        Lineage.Context context = CharterOption.context(c);
        if (plan != null) {
            context = new PlanApproval("fit", plan, c, TrustStore.standard(KeyStore.standard())).context(context, given(c));
        }
        try (Engine e = engine.open(context)) {
            long t0 = System.nanoTime();
            FittedModel m = e.save(fit.fit(e, seed, TerminalProgress.forConsole(), c), model);
            m.notes().forEach(spec.commandLine().getErr()::println);
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "fitted %s (%s %s) on %s in %.2f s%n", fit.generator, m.info().pluginId(),
                    m.info().pluginVersion(), fit.data == null ? "its spec" : m.info().rowsInWords() + " x "
                            + Count.of(m.schema().size(), "column") + " of " + fit.data,
                    (System.nanoTime() - t0) / 1e9);
            out.print(FitOptions.optOutNote(m));
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

    private Plan given(SignedCharter c) {
        return fit.plan(seed, c);
    }

    private int writePlan() {
        if (model != null || plan != null) {
            throw new BadInputException("fit --plan-out writes a plan and fits nothing; give it without --model and --plan");
        }
        Inputs.notAnInput(planOut, fit.inputs());
        Plan p = given(charter.read());
        SignedDocument doc = SignedDocument.create(Dsse.IN_TOTO, p.payload(), KeyStore.standard().signingKey(), Instant.now());
        doc.write(planOut);
        spec.commandLine().getOut().println("plan written to " + planOut + " (digest " + doc.payloadSha256()
                + "); approvers sign it with: tabsynth approve " + planOut + " --key DIR");
        return 0;
    }
}
