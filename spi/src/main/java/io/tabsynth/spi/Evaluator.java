package io.tabsynth.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** Measures synthetic data against real data: fidelity, utility, privacy, fairness. Plugins contribute them. */
public interface Evaluator extends ExtensionPoint {
    /** The id, which is also the report key, e.g. {@code fidelity}. */
    String id();

    /**
     * The options it reads from {@link EvaluationInput#options()}, with types, defaults and documentation; none by
     * default. The engine refuses an option that no chosen evaluator declares, checks each declared one's type and
     * range, and records every evaluator's resolved options in the evaluate step as {@code <id>.<option>}.
     */
    default List<ParamSpec> describe() {
        return List.of();
    }

    /** Evaluates; deterministic for the same input. */
    Result evaluate(EvaluationInput input);
}
