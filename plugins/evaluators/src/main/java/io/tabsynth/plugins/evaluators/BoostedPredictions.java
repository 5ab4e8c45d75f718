package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.EvaluationInput;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinTask;

/**
 * The holdout predictions of the seeded gradient-boosting models, trained once per evaluation input on each side:
 * utility and fairness both train gradient boosting on the same synthetic and real training rows
 * ({@link Models#syntheticTrainingRows}, {@link Models#realTrainingRows}) with the same seed, and an evaluate
 * command hands them one input, so whichever asks second gets what the first trained. The engine runs evaluators
 * side by side: the second waits while the first trains. Inputs are held weakly: the predictions go when the input
 * does.
 */
final class BoostedPredictions {
    static final String MODEL = "gradientBoosting";
    private static final Map<EvaluationInput, Both> BY_INPUT = new WeakHashMap<>();

    /**
     * The holdout's predicted class indices of the model trained on each side, each in the labels of the features
     * learned on that side's rows.
     */
    record Both(int[] synthetic, int[] real) {
    }

    private BoostedPredictions() {
    }

    /**
     * Both sides' predictions for {@code input}, trained the first time they are asked for: the two models side by
     * side (each fit is one thread's work; Smile seeds each thread's own random numbers, so the models are those
     * trained one after the other). One lock guards the training, held by the evaluator's own thread, so that a
     * second evaluator asking meanwhile waits for the first's models instead of training them again.
     *
     * @param onSynthetic features learned on the synthetic training rows, as {@link Models#classify} takes them
     * @param onReal      features learned on the real rows
     */
    static synchronized Both of(EvaluationInput input, Features onSynthetic, Features onReal) {
        Both known = BY_INPUT.get(input);
        if (known != null) {
            return known;
        }
        ForkJoinTask<int[]> synthetic = ForkJoinTask.adapt(() -> predict(input, true, onSynthetic));
        ForkJoinTask<int[]> real = ForkJoinTask.adapt(() -> predict(input, false, onReal));
        ForkJoinTask.invokeAll(synthetic, real);
        Both both = new Both(synthetic.join(), real.join());
        BY_INPUT.put(input, both);
        return both;
    }

    private static int[] predict(EvaluationInput input, boolean synthetic, Features fs) {
        return Models.classify(synthetic ? Models.syntheticTrainingRows(input) : Models.realTrainingRows(input),
                input.holdout(), fs, List.of(MODEL)).get(MODEL);
    }
}
