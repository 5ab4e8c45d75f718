package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's check of declared options finds each kind of malformed declaration, and passes good ones. */
class OptionProblemsTest {
    private record Declaring(List<ParamSpec> describe) implements Evaluator {
        @Override
        public String id() {
            return "declaring";
        }

        @Override
        public Result evaluate(EvaluationInput input) {
            return new Result(null, Map.of(), Map.of());
        }
    }

    private static List<String> problems(Map<String, String> given, ParamSpec... specs) {
        return EvaluatorContract.optionProblems(new Declaring(List.of(specs)), given);
    }

    @Test
    void wellFormedOptionsAndNoneHaveNoProblems() {
        assertEquals(List.of(), problems(Map.of("target", "churned", "quasi", "age"),
                ParamSpec.text("target", "", "target column"), ParamSpec.integer("folds", 3, 2, 10, "folds")));
        assertEquals(List.of(), problems(Map.of()));
    }

    @Test
    void eachMalformedDeclarationIsNamed() {
        assertEquals(List.of("option 'Target' is not named like [a-z][A-Za-z0-9-]*"),
                problems(Map.of(), ParamSpec.text("Target", "", "target column")));
        assertEquals(List.of("option 'target' is declared twice"),
                problems(Map.of(), ParamSpec.text("target", "", "a"), ParamSpec.text("target", "", "b")));
        assertEquals(List.of("option 'target' has no documentation"),
                problems(Map.of(), ParamSpec.text("target", "", " ")));
        assertEquals(List.of("option 'mode' is a choice of nothing"),
                problems(Map.of(), ParamSpec.choice("mode", "fast", "how")));
        assertEquals(List.of("option 'folds' has an empty range [10.0, 2.0]"),
                problems(Map.of(), ParamSpec.integer("folds", 3, 10, 2, "folds")));
    }

    @Test
    void aDefaultOrAGivenValueTheEngineWouldRefuseIsAProblem() {
        assertEquals(List.of("declaring option 'folds': 20 is outside [2, 10]"),
                problems(Map.of(), ParamSpec.integer("folds", 20, 2, 10, "folds")));
        assertEquals(List.of("declaring option 'folds': 'many' is not a whole number"),
                problems(Map.of("folds", "many"), ParamSpec.integer("folds", 3, 2, 10, "folds")));
    }
}
