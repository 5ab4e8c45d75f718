package io.tabsynth.plugins.copula;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;

/** The gaussian-copula generator passes the generator conformance kit. */
class CopulaContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new GaussianCopula();
    }
}
