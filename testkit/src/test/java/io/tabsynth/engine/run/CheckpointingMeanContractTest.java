package io.tabsynth.engine.run;

import io.tabsynth.spi.Generator;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.testkit.GeneratorContract;
import io.tabsynth.testkit.TestFrames;
import java.nio.file.Path;
import java.util.Map;

/** The conformance kit on a generator that writes a checkpoint: the kit finds it written and recorded by the engine. */
class CheckpointingMeanContractTest extends GeneratorContract {
    @Override
    protected Generator generator() {
        return new CheckpointingMean();
    }

    @Override
    protected Frame data() {
        return TestFrames.numbers("x", 1, 2.5, 3, 4.5, 7);
    }

    @Override
    protected Map<String, String> fileWritingParams(Path folder) {
        return Map.of("checkpoint", folder.resolve("mean.ckpt").toString());
    }
}
