package io.tabsynth.shell.workbench;

import io.tabsynth.engine.fairness.FairnessTarget;
import io.tabsynth.engine.fairness.Rebalance;
import io.tabsynth.engine.fairness.Remediation;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.engine.run.Sampling;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted model at the prompt: samples in memory, saves itself, prints what it is. */
public final class WorkbenchModel {
    private final FittedModel fitted;
    private final long seed;
    private final Engine recorder;

    /** {@code recorder} records what is done with the model: the session's engine, or one under a charter. */
    WorkbenchModel(FittedModel fitted, long seed, Engine recorder) {
        this.fitted = fitted;
        this.seed = seed;
        this.recorder = recorder;
    }

    /** The engine that records the steps done with this model (under the charter it was fitted under, if any). */
    Engine recorder() {
        return recorder;
    }

    /** The engine's model, for the engine API. */
    public FittedModel fitted() {
        return fitted;
    }

    /** Samples rows with the fit's seed. */
    public Sample sample(long rows) {
        return sample(rows, seed);
    }

    /** Samples rows with a seed. */
    public Sample sample(long rows, long seed) {
        return sample(rows, seed, new Workbench.Option[0]);
    }

    /**
     * Samples rows under conditions ({@code condition("sex", "Female")}), constraints files, a fairness target
     * ({@code fairness("income", " >50K", "sex")}) and group shares ({@code rebalance("sex")}).
     */
    public Sample sample(long rows, long seed, Workbench.Option... options) {
        Map<String, String> conditions = new LinkedHashMap<>();
        ConstraintFile constraints = null;
        FairnessTarget fairness = null;
        Rebalance rebalance = null;
        for (Workbench.Option o : options) {
            if (o instanceof Workbench.Condition c) {
                conditions.put(c.column(), c.value());
            } else if (o instanceof Workbench.FairnessGoal f) {
                fairness = f.target();
            } else if (o instanceof Workbench.Shares s) {
                rebalance = s.rebalance();
            } else if (o instanceof Workbench.Constraints c) {
                constraints = Workbench.engine().constraints(Workbench.file(c.file()));
            } else {
                throw new io.tabsynth.spi.BadInputException("sample takes condition(..), constraints(..), fairness(..)"
                        + " and rebalance(..), not " + o);
            }
        }
        Sampling sampling = new Sampling(conditions, constraints, io.tabsynth.spi.constraint.ConstrainedModel.DEFAULT_MAX_TRIES,
                Remediation.of(fairness, rebalance));
        if (rows > Integer.MAX_VALUE) {
            throw new io.tabsynth.spi.BadInputException("a sample in memory holds at most " + Integer.MAX_VALUE
                    + " rows; write larger ones with tabsynth sample");
        }
        return new Sample(this, rows, seed, sampling,
                Workbench.engine().sampleFrame(fitted, (int) rows, seed, sampling));
    }

    /** Saves the model (recording the fit) and keeps working with the saved file. */
    public WorkbenchModel save(String file) {
        return new WorkbenchModel(recorder.save(fitted, Workbench.file(file)), seed, recorder);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(fitted.info().generator()).append(" model (").append(fitted.info().pluginId()).append(' ')
                .append(fitted.info().pluginVersion()).append("), fitted on ").append(fitted.info().rowsInWords())
                .append(", seed ").append(fitted.info().seed()).append('\n');
        b.append("  parameters: ").append(new java.util.TreeMap<>(fitted.info().params())).append('\n');
        b.append(fitted.describe());
        if (fitted.model() instanceof io.tabsynth.spi.constraint.ConstrainedModel c) {
            b.append("  constraints: ").append(c.constraints().names()).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
