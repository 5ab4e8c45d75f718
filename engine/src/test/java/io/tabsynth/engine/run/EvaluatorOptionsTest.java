package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation options are checked against what the chosen evaluators declare, and every one is recorded. */
class EvaluatorOptionsTest {
    /** An evaluator that declares the given options and scores nothing. */
    private record Declaring(String id, List<ParamSpec> describe) implements Evaluator {
        @Override
        public Result evaluate(EvaluationInput input) {
            return new Result(null, Map.of(), Map.of());
        }
    }

    private static final PluginHost.Found<Evaluator> UTILITY = found(new Declaring("utility", List.of(
            ParamSpec.text("target", "", "target column"), ParamSpec.integer("folds", 3, 2, 10, "cross-validation folds"))));
    private static final PluginHost.Found<Evaluator> PRIVACY = found(new Declaring("privacy", List.of(
            ParamSpec.text("quasi", "", "quasi-identifiers"), ParamSpec.real("share", 0.5, 0, 1, "share attacked"))));
    private static final PluginHost.Found<Evaluator> PLAIN = found(new Declaring("plain", List.of()));

    private static PluginHost.Found<Evaluator> found(Evaluator e) {
        return new PluginHost.Found<>(e, new ExtensionInfo(e.id(), "evaluator", "test", "1.0", "classpath", ""));
    }

    @Test
    void recordsEveryChosenEvaluatorsOptionsWithDefaults() {
        EvaluatorOptions options = EvaluatorOptions.resolve(List.of(UTILITY, PRIVACY, PLAIN),
                List.of(UTILITY, PRIVACY, PLAIN), Map.of("target", "income", "share", "0.25"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("utility.target", "income");
        expected.put("utility.folds", "3");
        expected.put("privacy.quasi", "");
        expected.put("privacy.share", "0.25");
        assertEquals(expected, options.recorded());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(options.recorded().keySet()), "in a stable order");
    }

    @Test
    void anOptionNoChosenEvaluatorTakesIsRefusedWithTheNearestName() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> EvaluatorOptions.resolve(List.of(UTILITY), List.of(UTILITY, PRIVACY, PLAIN),
                        Map.of("tagret", "income")));
        assertEquals("no installed evaluator (utility, privacy, plain) takes the option 'tagret' (did you mean 'target'?)"
                + " (options: target, folds, quasi, share)", e.getMessage());
    }

    @Test
    void anOptionOnlyAnEvaluatorNotChosenTakesIsAcceptedAndNotRecorded() {
        // one command line serves a run of every evaluator and a run of a few: --target with --evaluators plain
        EvaluatorOptions options = EvaluatorOptions.resolve(List.of(PLAIN), List.of(UTILITY, PRIVACY, PLAIN),
                Map.of("target", "income"));
        assertEquals(Map.of(), options.recorded());
        BadInputException e = assertThrows(BadInputException.class,
                () -> EvaluatorOptions.resolve(List.of(PLAIN), List.of(PLAIN), Map.of("target", "income")));
        assertEquals("no installed evaluator (plain) takes the option 'target' (options: none)", e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfRangeNamesTheEvaluatorAndTheOption() {
        BadInputException type = assertThrows(BadInputException.class,
                () -> EvaluatorOptions.resolve(List.of(UTILITY, PRIVACY), List.of(UTILITY, PRIVACY), Map.of("folds", "many")));
        assertEquals("evaluator utility option 'folds': 'many' is not a whole number", type.getMessage());
        BadInputException range = assertThrows(BadInputException.class,
                () -> EvaluatorOptions.resolve(List.of(UTILITY, PRIVACY), List.of(UTILITY, PRIVACY), Map.of("share", "1.5")));
        assertEquals("evaluator privacy option 'share': 1.5 is outside [0.0, 1.0]", range.getMessage());
    }
}
