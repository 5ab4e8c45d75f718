package com.example.tabsynth;

import io.tabsynth.spi.Evaluator;
import io.tabsynth.testkit.EvaluatorContract;

/** The evaluator conformance kit. */
class MeanShiftTest extends EvaluatorContract {
    @Override
    protected Evaluator evaluator() {
        return new MeanShift();
    }
}
