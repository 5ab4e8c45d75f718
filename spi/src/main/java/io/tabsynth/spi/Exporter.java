package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Writes frames in a file format. The engine picks the exporter by the output file's extension and makes
 * the write atomic: the exporter writes to the path it is given (a temporary name), and the engine
 * renames it into place only after {@link FrameWriter#close()} succeeds.
 */
public interface Exporter extends ExtensionPoint {
    /** The id, e.g. {@code csv}. */
    String id();

    /** The file extensions it writes, lower case without the dot, e.g. {@code ["csv"]}. */
    List<String> formats();

    /** Opens a writer for frames of the given schema at {@code file}. */
    FrameWriter open(Path file, Schema schema) throws IOException;

    /**
     * Whether its writers only ever append to the file (no seeking back, no rewriting), so the engine may
     * compute the file's digest from the bytes as they are written instead of reading the file again
     * afterwards. Say {@code true} only when it holds; the default is {@code false}.
     */
    default boolean appendsOnly() {
        return false;
    }

    /** Writes one frame to {@code file} (not atomically by itself; see the engine's write). */
    default void export(Frame frame, Path file) throws IOException {
        try (FrameWriter w = open(file, frame.schema())) {
            w.write(frame);
        }
    }
}
