package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say what to fit: data, metadata, generator, its parameters and constraints. */
public final class FitOptions {
    @Option(names = "--data", paramLabel = "REAL",
            description = "real data (.csv, .tsv, .jsonl, .arrow, .parquet); not needed by the rules generator")
    Path data;

    @Option(names = "--metadata", paramLabel = "M", description = "JSON file overriding column kinds and missing values")
    Path metadata;

    @Option(names = "--generator", required = true, paramLabel = "ID", description = "generator id (see tabsynth plugins)")
    String generator;

    @Option(names = "--param", paramLabel = "k=v", description = "generator parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--constraints", paramLabel = "C.json",
            description = "constraints every sampled row must satisfy (JSON or YAML; see docs/rules.md)")
    Path constraints;

    @Option(names = "--policy", paramLabel = "P.json",
            description = "a policy whose privacyBudget (maxEpsilon) the fit must stay within, checked before the data is "
                    + "read (exit 3 if it would not; see docs/privacy.md)")
    Path policy;

    /**
     * Checks the policy's privacy budget before a value is read, then reads the data (or returns null when none was
     * given) and fits under the constraints.
     */
    FittedModel fit(Engine e, long seed, Progress progress) {
        if (policy != null) {
            e.checkPrivacyBudget(policy, data, null, generator, params);
        }
        Frame frame = data == null ? null : e.read(data, metadata);
        ConstraintFile c = constraints == null ? null : e.constraints(constraints);
        return e.fit(frame, generator, params, seed, progress, c);
    }

    /** Files this step reads, which no output may overwrite. */
    Path[] inputs() {
        return new Path[] {data, metadata, constraints, policy, params.get("spec") == null ? null : Path.of(params.get("spec"))};
    }
}
