package io.tabsynth.spi;

import io.tabsynth.spi.data.Schema;

/**
 * Real data too large to hold at once, as batches of rows that can be read more than once: each {@link #open()}
 * reads the data again from its first row, in the same batches. What a streamed fit
 * ({@link Generator#fitStreaming}) learns from.
 */
public interface FrameBatches {
    /** The schema every batch has. */
    Schema schema();

    /** A fresh pass over the data, batch by batch. */
    FrameStream open();

    /**
     * These batches with every batch passed through {@code f}, which keeps the schema, on every pass (as
     * {@link FrameStream#map} does for one pass): how the engine hands a generator data with rare values replaced.
     */
    default FrameBatches map(java.util.function.UnaryOperator<io.tabsynth.spi.data.Frame> f) {
        FrameBatches source = this;
        return new FrameBatches() {
            @Override
            public Schema schema() {
                return source.schema();
            }

            @Override
            public FrameStream open() {
                return source.open().map(f);
            }
        };
    }
}
