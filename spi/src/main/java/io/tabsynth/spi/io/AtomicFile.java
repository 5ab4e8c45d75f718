package io.tabsynth.spi.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all or nothing: the content goes to a hidden temporary file beside the target (its name
 * ends with the target's name, so the extension is kept; see {@link TemporaryFiles}), which is
 * renamed over the target only when writing succeeded. A failure leaves the target as it was and removes
 * the temporary file; so does Ctrl-C or SIGTERM. Before writing, the temporary files that killed tabsynth
 * processes left in the folder are removed, each reported on standard error.
 */
public final class AtomicFile {
    /** Writes content to the path it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} atomically; parent directories are created. */
    public static void write(Path target, Content content) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot create directory " + dir + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(abs)) {
            throw new BadInputException(target + ": is a directory, not a file");
        }
        TemporaryFiles.removeStale(dir).forEach(line -> System.err.println("note: " + line));
        Path temp = TemporaryFiles.create(abs, dir);
        boolean done = false;
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException | UncheckedIOException e) {
            throw new TabsynthException(target + ": write failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            TemporaryFiles.closed(temp);
        }
    }
}
