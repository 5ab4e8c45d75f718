package io.tabsynth.plugins.arf;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;

/** The arf generator passes the generator conformance kit. */
class ArfContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new AdversarialRandomForest();
    }
}
