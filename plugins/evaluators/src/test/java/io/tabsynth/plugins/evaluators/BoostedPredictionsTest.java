package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Utility and fairness share their gradient-boosting models; the engine runs them side by side, so both may ask
 * for the models at once: the models are trained once, and each evaluator's result is what it gives alone.
 */
class BoostedPredictionsTest {
    private static final Map<String, String> OPTIONS = Map.of("target", "y", "protected", "grp", "positive", "yes");

    private static EvaluationInput input() {
        return new EvaluationInput(FairnessEvaluatorTest.draw(3000, 1, 0.6), FairnessEvaluatorTest.draw(800, 2, 0.6),
                FairnessEvaluatorTest.draw(3000, 3, 0.5), FairnessEvaluatorTest.SCHEMA, OPTIONS);
    }

    @Test
    void utilityAndFairnessSideBySideGiveWhatEachGivesAlone() throws Exception {
        Result utilityAlone = new UtilityEvaluator().evaluate(input());
        Result fairnessAlone = new FairnessEvaluator().evaluate(input());

        EvaluationInput shared = input();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Result> utility = threads.submit(() -> {
                start.await(1, TimeUnit.MINUTES);
                return new UtilityEvaluator().evaluate(shared);
            });
            Future<Result> fairness = threads.submit(() -> {
                start.await(1, TimeUnit.MINUTES);
                return new FairnessEvaluator().evaluate(shared);
            });
            assertEquals(utilityAlone.details(), utility.get(5, TimeUnit.MINUTES).details());
            assertEquals(fairnessAlone.details(), fairness.get(5, TimeUnit.MINUTES).details());
            assertEquals(utilityAlone.score(), utility.get().score());
            assertEquals(fairnessAlone.score(), fairness.get().score());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theModelsOfOneInputAreTrainedOnceAndAskedForAgainCostNothing() {
        EvaluationInput in = input();
        Features onSynthetic = new Features(Models.syntheticTrainingRows(in), in.schema(), "y");
        Features onReal = new Features(in.real(), in.schema(), "y");
        BoostedPredictions.Both first = BoostedPredictions.of(in, onSynthetic, onReal);
        BoostedPredictions.Both again = BoostedPredictions.of(in, onSynthetic, onReal);
        assertEquals(first, again, "the same predictions, not trained again");
        List<int[]> fresh = List.of(
                Models.classify(Models.syntheticTrainingRows(in), in.holdout(), onSynthetic, List.of(BoostedPredictions.MODEL))
                        .get(BoostedPredictions.MODEL),
                Models.classify(Models.realTrainingRows(in), in.holdout(), onReal, List.of(BoostedPredictions.MODEL))
                        .get(BoostedPredictions.MODEL));
        assertArrayEquals(fresh.get(0), first.synthetic(), "side by side, the models one after the other would train");
        assertArrayEquals(fresh.get(1), first.real());
    }
}
