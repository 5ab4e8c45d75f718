package io.tabsynth.engine.data.io;

import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.data.Frame;

/** A data file read in batches ({@link FrameReader#batches}), with the first batch, which fixed its schema. */
public interface FileBatches extends FrameBatches {
    /** The first batch (e.g. to learn how values are written). */
    Frame first();
}
