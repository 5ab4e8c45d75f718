package io.tabsynth.engine.run;

import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files an engine has read as inputs (data, metadata, models, constraints, policies, reports), so that
 * no output of the same engine replaces one of them: the command line, the workbench, notebooks, scripts and
 * plugins all write through the engine and all get the rule. A file is the same when its real path (links
 * resolved) or its file key (device and inode, so hard links count too) is the same.
 */
public final class InputFiles {
    /** Each input as the caller named it, by real path and, where the file system has them, by file key. */
    private final Map<Object, Path> read = new ConcurrentHashMap<>();

    /** Remembers a file that was just read; a file that no longer exists is not remembered. */
    void remember(Path file) {
        if (file == null) {
            return;
        }
        for (Object id : identities(file)) {
            read.put(id, file);
        }
    }

    /** Refuses to write {@code out} when it is a file this engine has read (exit code 2). */
    void refuseIfRead(Path out) {
        for (Object id : identities(out)) {
            Path input = read.get(id);
            if (input != null) {
                throw overwrite(out, input);
            }
        }
    }

    /** Refuses to write {@code out} when it is one of {@code inputs} ({@code null}s are skipped). */
    public static void refuseIfAmong(Path out, Path... inputs) {
        InputFiles files = new InputFiles();
        for (Path in : inputs) {
            files.remember(in);
            if (in != null && out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize())) {
                throw overwrite(out, in);
            }
        }
        files.refuseIfRead(out);
    }

    private static BadInputException overwrite(Path out, Path input) {
        return new BadInputException(out + ": is also an input (" + input + "); tabsynth never overwrites a file it "
                + "reads: choose another output file");
    }

    /** The real path and file key of an existing file; none for a file that does not exist. */
    private static List<Object> identities(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Path real = file.toRealPath();
            Object key = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key == null ? List.of(real) : List.of(real, key);
        } catch (IOException e) {
            return List.of(file.toAbsolutePath().normalize());
        }
    }
}
