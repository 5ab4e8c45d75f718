package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.Generator;
import io.tabsynth.testkit.GeneratorContract;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ctgan generator passes the generator conformance kit (small networks, 25 epochs, a higher learning rate), its
 * checkpoints (after epochs 10, 20 and 25) written and recorded by the engine.
 */
class CtganContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new Ctgan();
    }

    @Override
    protected Map<String, String> params() {
        return Map.of("epochs", "25", "batchSize", "100", "width", "32", "embedding", "16", "learningRate", "2e-3");
    }

    @Override
    protected Map<String, String> fileWritingParams(Path folder) {
        return Map.of("checkpoint", folder.resolve("training.ckpt.json").toString(), "checkpointEvery", "10");
    }
}
