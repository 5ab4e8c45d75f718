package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import java.io.IOException;

/** Writes frames, batch by batch, to one open output. */
public interface FrameWriter extends AutoCloseable {
    /** Appends the rows of a batch. */
    void write(Frame batch) throws IOException;

    /** Finishes the output; the file is complete only after this returns. */
    @Override
    void close() throws IOException;
}
