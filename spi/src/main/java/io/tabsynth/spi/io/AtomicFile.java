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

    /**
     * Refuses, as bad input, a file to be written whose folder does not exist or is not a folder, naming it: the
     * commands check their outputs with this before any work starts, and {@link #write} checks again.
     */
    public static void checkFolder(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new BadInputException(target + ": the folder " + dir + (Files.exists(dir) ? " is not a folder"
                    : " does not exist") + "; tabsynth creates no folders for its outputs: create it first, or write"
                    + " elsewhere");
        }
    }

    /**
     * Writes {@code target} atomically. Its folder must exist ({@link #checkFolder}): a mistyped folder is an error,
     * not a new folder; what creates folders of its own (the ledger's, the key store's, the demo's) does so first.
     */
    public static void write(Path target, Content content) {
        checkFolder(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
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
