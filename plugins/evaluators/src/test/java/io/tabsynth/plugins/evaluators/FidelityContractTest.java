package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.testkit.EvaluatorContract;

/** The fidelity evaluator passes the evaluator conformance kit. */
class FidelityContractTest extends EvaluatorContract {
    @Override
    protected Evaluator evaluator() {
        return new FidelityEvaluator();
    }
}
