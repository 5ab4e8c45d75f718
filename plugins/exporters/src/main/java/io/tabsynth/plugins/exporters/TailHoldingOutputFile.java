package io.tabsynth.plugins.exporters;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A local file for the Parquet writer that can hold back the end of the file: once {@link #holdTail()} is
 * called (as the writer starts to close), what it writes stays in memory until it closes the stream, when the
 * footer's encodings are put in order ({@link ParquetFooterOrder}) and the held bytes written. Bytes reach the
 * file once, in their final form and only by appending, so a digest taken while the file grows is the digest of
 * the finished file. What is held is the last row group, which parquet-mr flushes on close, and the footer.
 */
final class TailHoldingOutputFile implements OutputFile {
    /** Parquet writes page headers a few bytes at a time: gather them before they reach the file. */
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private TailStream stream;

    TailHoldingOutputFile(Path file) {
        this.file = file;
    }

    /** From now on, keep what is written in memory until the stream closes. */
    void holdTail() {
        if (stream != null) {
            stream.holding = true;
        }
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption... options) throws IOException {
        stream = new TailStream(new BufferedOutputStream(Files.newOutputStream(file, options), BUFFER_BYTES),
                file.toString());
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return file.toString();
    }

    /** Counts what is written; while holding, keeps it instead of passing it on. */
    private static final class TailStream extends PositionOutputStream {
        private final OutputStream out;
        private final String name;
        private final HeldBytes held = new HeldBytes();
        private long position;
        private boolean holding;
        private boolean closed;

        TailStream(OutputStream out, String name) {
            this.out = out;
            this.name = name;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (holding) {
                held.write(b);
            } else {
                out.write(b);
            }
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (holding) {
                held.write(b, off, len);
            } else {
                out.write(b, off, len);
            }
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (out) {
                if (holding) {
                    held.sortFooterAndWrite(out, name);
                }
            }
        }
    }

    /** The held bytes, with access to the buffer so they are not copied again. */
    private static final class HeldBytes extends ByteArrayOutputStream {
        void sortFooterAndWrite(OutputStream out, String name) throws IOException {
            ParquetFooterOrder.sort(buf, count, name);
            out.write(buf, 0, count);
        }
    }
}
