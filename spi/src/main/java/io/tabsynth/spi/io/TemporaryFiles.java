package io.tabsynth.spi.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tabsynth's hidden temporary files, {@code .tmp-p<pid>-<random>-<name>}, written beside their target and
 * renamed over it when complete. The process id in the name tells whose a file is: on Ctrl-C or SIGTERM a
 * shutdown hook removes this process's files that are still open, and a write to a folder first removes the
 * files there of processes that are no longer running (killed with SIGKILL, or a machine that went down),
 * saying so on standard error. A file whose process is still running is left alone: it may be writing.
 */
final class TemporaryFiles {
    private static final String PREFIX = ".tmp-p";
    /** {@code .tmp-p<pid>-<random>-<name>}. */
    private static final Pattern NAME = Pattern.compile("\\.tmp-p(\\d+)-[0-9a-z]+-.+");
    private static final int MAX_NAME_ATTEMPTS = 100;
    private static final long PID = ProcessHandle.current().pid();
    /** This process's temporary files not yet renamed or removed. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::removeOpen, "tabsynth-temporary-files"));
    }

    private TemporaryFiles() {
    }

    /**
     * A new empty temporary file beside {@code target} in {@code dir}, created with the default permissions (the
     * user's umask) rather than the owner-only ones of {@link Files#createTempFile}, so the finished file is as
     * readable as any other the user writes. It is removed if the process is interrupted before {@link #closed}.
     */
    static Path create(Path target, Path dir) {
        String name = target.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(PREFIX + PID + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + "-" + name);
            try {
                OPEN.add(temp);
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                OPEN.remove(temp);
                if (attempt > MAX_NAME_ATTEMPTS) {
                    throw new TabsynthException(target + ": cannot find a free temporary name in " + dir, e);
                }
            } catch (IOException e) {
                OPEN.remove(temp);
                throw new BadInputException(target + ": cannot write in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** The temporary file was renamed into place or removed: an interruption has nothing left to remove. */
    static void closed(Path temp) {
        OPEN.remove(temp);
    }

    /** Removes this process's temporary files still open; run by the shutdown hook. */
    private static void removeOpen() {
        for (Path temp : OPEN) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the process is ending; nothing better can be done with the file
            }
        }
    }

    /**
     * Removes the temporary files in {@code dir} left by processes that are no longer running and returns one
     * line for each, naming the file, its size and the process, for standard error.
     */
    static List<String> removeStale(Path dir) {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (!m.matches() || running(m.group(1)) || !Files.isRegularFile(entry)) {
                    continue;
                }
                long size = Files.size(entry);
                if (Files.deleteIfExists(entry)) {
                    removed.add("removed " + entry + " (" + ByteCount.of(size) + "), an unfinished write of tabsynth process "
                            + m.group(1) + ", which is no longer running");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a folder that cannot be listed is reported by the write itself if it matters
        }
        return removed;
    }

    private static boolean running(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == PID || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not a pid this code wrote: leave the file alone
        }
    }
}
