package io.tabsynth.engine.run;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.TabsynthException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all or nothing: the content goes to a hidden temporary file beside the target (its name
 * ends with the target's name, so the extension is kept), which is
 * renamed over the target only when writing succeeded. A failure leaves the target as it was and removes
 * the temporary file.
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
     * A new empty file {@code .tmp-<random>-<name>} beside the target, created with the default permissions
     * (the user's umask) rather than the owner-only ones of {@link Files#createTempFile}, so the finished
     * file is as readable as any other the user writes.
     */
    private static Path createTemporary(Path target, Path dir, String name) {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(".tmp-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "-" + name);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new TabsynthException(target + ": cannot find a free temporary name in " + dir, e);
                }
            } catch (IOException e) {
                throw new BadInputException(target + ": cannot write in " + dir + ": " + e.getMessage(), e);
            }
        }
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
        Path temp = createTemporary(target, dir, abs.getFileName().toString());
        boolean done = false;
        try {
            content.writeTo(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new TabsynthException(target + ": write failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
        }
    }
}
