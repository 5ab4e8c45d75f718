package io.tabsynth.engine.run;

import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An evaluation of data already in memory (the workbench's samples and frames), with the same settings as
 * {@link EvaluateRequest}. A frame read from a file is recorded in lineage by its file; one that was not (a
 * sample drawn in memory) by its content digest, under the name {@code synthetic (in memory)} and the like.
 * The synthetic and holdout frames should have the real frame's column kinds, as a model fitted to it samples.
 *
 * @param real       real (training) data
 * @param holdout    real rows not used for training, or {@code null}
 * @param synthetic  synthetic data
 * @param evaluators evaluator ids to run; empty for all installed
 * @param options    evaluator options ({@link EvaluateRequest#COLUMN_OPTIONS} and others)
 * @param policy     policy file, or {@code null}
 * @param report     where to write the JSON report
 * @param rendered   where to write the report for people (format by extension), or {@code null}
 * @param compared   other synthetic data the fairness evaluator reports beside {@code synthetic}, or {@code null}
 */
public record EvaluateFrames(Frame real, Frame holdout, Frame synthetic, List<String> evaluators,
                             Map<String, String> options, Path policy, Path report, Path rendered, Frame compared) {
    public EvaluateFrames {
        evaluators = List.copyOf(evaluators);
        options = Map.copyOf(options);
    }

    /** Frames with no other synthetic data to compare. */
    public EvaluateFrames(Frame real, Frame holdout, Frame synthetic, List<String> evaluators,
                          Map<String, String> options, Path policy, Path report, Path rendered) {
        this(real, holdout, synthetic, evaluators, options, policy, report, rendered, null);
    }
}
