package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.TabsynthException;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every evaluator passes: scores in [0, 1], the same result for the same input,
 * missing values in every kind handled, and tiny inputs answered or refused with a clear error.
 */
public abstract class EvaluatorContract {
    /** A fresh evaluator. */
    protected abstract Evaluator evaluator();

    /** Options for the evaluation (target, protected, quasi, sensitive); those of {@link SampleData} by default. */
    protected Map<String, String> options() {
        return Map.of("target", "churned", "protected", "segment", "quasi", "age,segment", "sensitive", "churned");
    }

    protected EvaluationInput input(int rows) {
        Frame all = SampleData.mixed(rows * 2, 31);
        Frame real = all.head(rows);
        Frame holdout = all.where(tech.tablesaw.selection.Selection.withRange(rows, 2 * rows));
        Frame synthetic = SampleData.mixed(rows, 32);
        return new EvaluationInput(real, holdout, synthetic, real.schema(), options());
    }

    private static void assertScores(Result r, String path) {
        if (r.score() != null) {
            assertTrue(r.score() >= 0 && r.score() <= 1 || r.score().isNaN(), path + " score " + r.score());
        }
        r.parts().forEach((k, v) -> assertScores(v, path + "." + k));
    }

    @Test
    void scoresLieBetweenZeroAndOne() {
        Result r = evaluator().evaluate(input(600));
        assertScores(r, evaluator().id());
    }

    @Test
    void theSameInputGivesTheSameResult() throws Exception {
        EvaluationInput in = input(400);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.writeValueAsString(evaluator().evaluate(in)), json.writeValueAsString(evaluator().evaluate(in)));
    }

    @Test
    void tinyInputsAreAnsweredOrRefusedClearly() {
        try {
            assertScores(evaluator().evaluate(input(8)), evaluator().id());
        } catch (TabsynthException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the refusal says why");
        }
    }
}
