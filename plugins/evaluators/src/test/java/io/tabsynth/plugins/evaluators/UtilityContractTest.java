package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.testkit.EvaluatorContract;

/** The utility evaluator passes the evaluator conformance kit. */
class UtilityContractTest extends EvaluatorContract {
    @Override
    protected Evaluator evaluator() {
        return new UtilityEvaluator();
    }
}
