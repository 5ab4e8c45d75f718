package io.tabsynth.plugins.rules;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The rules generator passes the generator conformance kit (with a spec, as it needs no data). */
class RulesContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new RulesGenerator();
    }

    @Override
    protected Map<String, String> params() {
        Path spec = dir.resolve("spec.json");
        try {
            Files.writeString(spec, RulesGeneratorTest.SPEC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("spec", spec.toString());
    }
}
