package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.EvaluationInput;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;

/**
 * The holdout predictions of the seeded gradient-boosting models, trained once per evaluation input on each side:
 * utility and fairness both train gradient boosting on the same synthetic and real training rows
 * ({@link Models#syntheticTrainingRows}, {@link Models#realTrainingRows}) with the same seed, and an evaluate
 * command hands them one input, so the second asks for what the first trained. Inputs are held weakly: the
 * predictions go when the input does.
 */
final class BoostedPredictions {
    static final String MODEL = "gradientBoosting";
    private static final Map<EvaluationInput, Map<Boolean, int[]>> BY_INPUT = Collections.synchronizedMap(new WeakHashMap<>());

    private BoostedPredictions() {
    }

    /**
     * Trains both sides' models side by side (each fit is one thread's work; Smile seeds each thread's own random
     * numbers, so the models are those trained one after the other), for {@link #of} to find.
     */
    static void trainBoth(EvaluationInput input, Features onSynthetic, Features onReal) {
        ForkJoinTask.invokeAll(ForkJoinTask.adapt(() -> of(input, true, onSynthetic)),
                ForkJoinTask.adapt(() -> of(input, false, onReal)));
    }

    /**
     * The holdout's predicted class indices, in the labels of the features learned on the training side.
     *
     * @param synthetic whether the model learns from the synthetic training rows (else the real ones)
     * @param fs        features learned on that side's rows, as {@link Models#classify} takes them
     */
    static int[] of(EvaluationInput input, boolean synthetic, Features fs) {
        Map<Boolean, int[]> sides = BY_INPUT.computeIfAbsent(input, i -> new ConcurrentHashMap<>());
        return sides.computeIfAbsent(synthetic, s -> {
            Frame train = s ? Models.syntheticTrainingRows(input) : Models.realTrainingRows(input);
            return Models.classify(train, input.holdout(), fs, List.of(MODEL)).get(MODEL);
        });
    }
}
