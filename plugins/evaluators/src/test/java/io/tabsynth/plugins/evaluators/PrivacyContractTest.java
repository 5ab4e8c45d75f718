package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.testkit.EvaluatorContract;

/** The privacy evaluator passes the evaluator conformance kit. */
class PrivacyContractTest extends EvaluatorContract {
    @Override
    protected Evaluator evaluator() {
        return new PrivacyEvaluator();
    }
}
