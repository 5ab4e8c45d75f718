package io.tabsynth.engine.run;

import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.FrameStream;
import io.tabsynth.engine.spi.Model;

/**
 * A model together with its provenance. This is what the engine hands out and what model files hold.
 *
 * @param model the generator's model
 * @param info  how it was made
 */
public record FittedModel(Model model, ModelInfo info) {
    /** Samples rows as batches; see {@link Model#sample}. */
    public FrameStream sample(long rows, long seed) {
        return model.sample(rows, seed);
    }

    /** Samples a small number of rows into one frame. */
    public Frame sampleFrame(int rows, long seed) {
        return model.sampleFrame(rows, seed);
    }
}
