package io.tabsynth.shell.cli;

import io.tabsynth.engine.constraint.Conditions;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.constraint.ConstrainedModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Conditional sampling and the rejection budget, shared by {@code sample} and {@code synth}. */
public final class SamplingOptions {
    @Option(names = "--condition", paramLabel = "col=value",
            description = "sample only rows with this value (repeatable); works with every generator")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--max-tries", paramLabel = "N", defaultValue = "" + ConstrainedModel.DEFAULT_MAX_TRIES,
            description = "rows drawn per row kept before constraints or conditions count as unsatisfiable (default: ${DEFAULT-VALUE})")
    int maxTries;

    Sampling sampling(ConstraintFile extra) {
        if (maxTries < 1) {
            throw new io.tabsynth.spi.BadInputException("--max-tries must be at least 1: " + maxTries);
        }
        return new Sampling(Conditions.parse(conditions), extra, maxTries);
    }
}
