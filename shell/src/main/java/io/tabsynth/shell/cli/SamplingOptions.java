package io.tabsynth.shell.cli;

import io.tabsynth.engine.constraint.Conditions;
import io.tabsynth.engine.fairness.FairnessTarget;
import io.tabsynth.engine.fairness.Rebalance;
import io.tabsynth.engine.fairness.Remediation;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.constraint.ConstrainedModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Conditional sampling, fairness remediation and the rejection budget, shared by {@code sample} and {@code synth}. */
public final class SamplingOptions {
    @Option(names = "--condition", paramLabel = "col=value",
            description = "sample only rows with this value (repeatable); works with every generator")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--fairness", arity = "1..*", paramLabel = "key=value",
            description = "demographic parity of a target across a protected column's groups: target=COLUMN"
                    + " positive=VALUE protected=COLUMN [ratio=R] (R: lowest group's positive rate over the highest's,"
                    + " default 1); see docs/fairness.md")
    List<String> fairness = new ArrayList<>();

    @Option(names = "--rebalance", paramLabel = "COLUMN[=VALUE:SHARE,...]",
            description = "equal shares of rows for the column's groups, or stated shares (sex=' Female':0.5); the"
                    + " groups not named share the rest as learned")
    String rebalance;

    @Option(names = "--max-tries", paramLabel = "N", defaultValue = "" + ConstrainedModel.DEFAULT_MAX_TRIES,
            description = "rows drawn per row kept before constraints or conditions count as unsatisfiable (default: ${DEFAULT-VALUE})")
    int maxTries;

    Sampling sampling(ConstraintFile extra) {
        if (maxTries < 1) {
            throw new io.tabsynth.spi.BadInputException("--max-tries must be at least 1: " + maxTries);
        }
        Remediation remediation = Remediation.of(fairness.isEmpty() ? null : FairnessTarget.parse(fairness),
                rebalance == null ? null : Rebalance.parse(rebalance));
        return new Sampling(Conditions.parse(conditions), extra, maxTries, remediation);
    }
}
