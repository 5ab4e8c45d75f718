package io.tabsynth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every evaluator passes: scores in [0, 1], the same result for the same input,
 * missing values in every kind handled, tiny inputs answered or refused with a clear error, and well-formed
 * declared options.
 */
public abstract class EvaluatorContract {
    /** How an option is named: as it is given to {@code --option name=value}. */
    private static final Pattern OPTION_NAME = Pattern.compile("[a-z][A-Za-z0-9-]*");

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

    @Test
    void declaredOptionsAreWellFormed() {
        Evaluator e = evaluator();
        List<String> problems = optionProblems(e, options());
        assertTrue(problems.isEmpty(), e.id() + ": " + problems);
    }

    /**
     * What is wrong with the options an evaluator declares: a name that is not a plain lower-case word or given
     * twice, no line of documentation, no choices for a choice or an empty range for a number, a default the
     * engine could not resolve, or a value from {@code given} (for the declared names) that it would refuse.
     */
    static List<String> optionProblems(Evaluator e, Map<String, String> given) {
        List<String> problems = new ArrayList<>();
        List<ParamSpec> specs = e.describe();
        if (specs == null) {
            return List.of("describe() returned null; return an empty list for no options");
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> declaredGiven = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            if (!OPTION_NAME.matcher(spec.name()).matches()) {
                problems.add("option '" + spec.name() + "' is not named like " + OPTION_NAME.pattern());
            }
            if (!seen.add(spec.name())) {
                problems.add("option '" + spec.name() + "' is declared twice");
            }
            if (spec.doc() == null || spec.doc().isBlank()) {
                problems.add("option '" + spec.name() + "' has no documentation");
            }
            if (spec.type() == ParamSpec.Type.CHOICE && spec.choices().isEmpty()) {
                problems.add("option '" + spec.name() + "' is a choice of nothing");
            }
            boolean numeric = spec.type() == ParamSpec.Type.INT || spec.type() == ParamSpec.Type.DOUBLE;
            if (numeric && !(spec.min() <= spec.max())) {
                problems.add("option '" + spec.name() + "' has an empty range [" + spec.min() + ", " + spec.max() + "]");
            }
            if (given.containsKey(spec.name())) {
                declaredGiven.put(spec.name(), given.get(spec.name()));
            }
        }
        if (problems.isEmpty()) {
            try {
                Params.resolve(e.id(), Params.OPTION, specs, Map.of());
                Params.resolve(e.id(), Params.OPTION, specs, declaredGiven);
            } catch (TabsynthException refused) {
                problems.add(refused.getMessage());
            }
        }
        return problems;
    }
}
