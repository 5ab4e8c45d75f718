package io.tabsynth.plugins.dp;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;
import java.util.Map;

/**
 * The dp-marginals generator passes the generator conformance kit. The kit fits twice with one seed and expects
 * the same rows, so it asks for seeded noise: with secure noise two fits differ by design (docs/privacy.md).
 */
class DpContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new DpMarginals();
    }

    @Override
    protected Map<String, String> params() {
        return Map.of("noise", "seeded");
    }
}
