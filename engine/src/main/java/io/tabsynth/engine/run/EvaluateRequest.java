package io.tabsynth.engine.run;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code tabsynth evaluate} is asked to do.
 *
 * @param real       real (training) data
 * @param holdout    real rows not used for training, or {@code null}
 * @param synthetic  synthetic data
 * @param metadata   metadata for reading all three, or {@code null}
 * @param evaluators evaluator ids to run; empty for all installed
 * @param options    evaluator options: {@code target}, {@code protected}, {@code quasi}, {@code sensitive}
 * @param policy     policy file, or {@code null}
 * @param report     where to write the JSON report
 * @param rendered   where to write the report for people (format by extension, e.g. {@code .html}), or {@code null}
 * @param compare    other synthetic data the fairness evaluator reports beside {@code synthetic}, or {@code null}
 */
public record EvaluateRequest(Path real, Path holdout, Path synthetic, Path metadata, List<String> evaluators,
                              Map<String, String> options, Path policy, Path report, Path rendered, Path compare) {
    /** The options whose values are column names of the real data (comma-separated lists for several). */
    public static final List<String> COLUMN_OPTIONS = List.of("target", "protected", "quasi", "sensitive");

    public EvaluateRequest {
        evaluators = List.copyOf(evaluators);
        options = Map.copyOf(options);
    }

    /** A request with no other synthetic data to compare. */
    public EvaluateRequest(Path real, Path holdout, Path synthetic, Path metadata, List<String> evaluators,
                           Map<String, String> options, Path policy, Path report, Path rendered) {
        this(real, holdout, synthetic, metadata, evaluators, options, policy, report, rendered, null);
    }

    /**
     * Checks that every column-naming option names a column of the real data, whatever the evaluators would
     * do without it (a misspelt target is an error, not a missing score).
     *
     * @throws BadInputException naming the real data file, the option, and the nearest column
     */
    public void checkColumns(Schema realSchema) {
        checkColumns(real.toString(), options, realSchema);
    }

    /** As {@link #checkColumns(Schema)}, for real data named {@code realName} in messages. */
    static void checkColumns(String realName, Map<String, String> options, Schema realSchema) {
        for (String option : COLUMN_OPTIONS) {
            String value = options.get(option);
            if (value == null) {
                continue;
            }
            for (String column : value.split(",", -1)) {
                if (!realSchema.has(column.strip())) {
                    throw new BadInputException(realName + ": "
                            + realSchema.noSuchColumn(option, column.strip()).getMessage());
                }
            }
        }
    }
}
