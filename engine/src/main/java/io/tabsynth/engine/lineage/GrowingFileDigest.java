package io.tabsynth.engine.lineage;

import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of a file that another thread is still appending to: each {@link #catchUp()} hashes the bytes
 * written since the last one, so the digest is ready almost as soon as the writer closes the file instead of
 * costing a second pass over it. Only for writers that append and never seek back; as a guard, {@link
 * #finish()} hashes the whole file again if its size shows that it did not simply grow.
 *
 * <p>The buffer is on the heap so the digest gets a megabyte in one call; from a direct buffer the JDK feeds
 * it 4 KB at a time through code the JIT compiles late, which in a fresh JVM cost half as much again
 * (0.19 against 0.125 s of CPU for a 117 MB file).
 */
public final class GrowingFileDigest implements AutoCloseable {
    private final Path file;
    private final MessageDigest md = Sha256.digester();
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private FileChannel channel;
    private long position;
    private boolean shrank;

    public GrowingFileDigest(Path file) {
        this.file = file;
    }

    /** Hashes what has been written since the previous call. */
    public void catchUp() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return;
            }
        }
        long size = channel.size();
        if (size < position) {
            shrank = true;
            return;
        }
        while (position < size) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), size - position));
            int n = channel.read(buf, position);
            if (n <= 0) {
                break;
            }
            buf.flip();
            md.update(buf);
            position += n;
        }
    }

    /** The digest once the writer has closed the file. */
    public String finish() throws IOException {
        catchUp();
        if (shrank || position != Files.size(file)) {
            return Sha256.file(file);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
