package io.tabsynth.spi.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that a writer may close without closing the stream beneath (closing flushes): a model's
 * {@code save} hands the engine's stream to a JSON writer that closes what it writes to.
 */
public final class NonClosingStream extends FilterOutputStream {
    public NonClosingStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
