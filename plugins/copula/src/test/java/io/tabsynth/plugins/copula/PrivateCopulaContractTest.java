package io.tabsynth.plugins.copula;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;
import java.util.Map;

/**
 * The gaussian-copula generator with {@code epsilon} passes the generator conformance kit too. The kit fits twice
 * with one seed and expects the same rows, so it asks for seeded noise: with secure noise two fits differ by design
 * (docs/privacy.md).
 */
class PrivateCopulaContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new GaussianCopula();
    }

    @Override
    protected Map<String, String> params() {
        return Map.of("epsilon", "3", "noise", "seeded");
    }
}
