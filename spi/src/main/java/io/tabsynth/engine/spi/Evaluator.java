package io.tabsynth.engine.spi;

import org.pf4j.ExtensionPoint;

/** Measures synthetic data against real data: fidelity, utility, privacy, fairness. Plugins contribute them. */
public interface Evaluator extends ExtensionPoint {
    /** The id, which is also the report key, e.g. {@code fidelity}. */
    String id();

    /** Evaluates; deterministic for the same input. */
    Result evaluate(EvaluationInput input);
}
