package io.tabsynth.engine.run;

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
 */
public record EvaluateRequest(Path real, Path holdout, Path synthetic, Path metadata, List<String> evaluators,
                              Map<String, String> options, Path policy, Path report, Path rendered) {
    public EvaluateRequest {
        evaluators = List.copyOf(evaluators);
        options = Map.copyOf(options);
    }
}
