package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.testkit.EvaluatorContract;

/** The fairness evaluator passes the evaluator conformance kit. */
class FairnessContractTest extends EvaluatorContract {
    @Override
    protected Evaluator evaluator() {
        return new FairnessEvaluator();
    }
}
