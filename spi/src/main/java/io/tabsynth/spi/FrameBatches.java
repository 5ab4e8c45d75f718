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
}
