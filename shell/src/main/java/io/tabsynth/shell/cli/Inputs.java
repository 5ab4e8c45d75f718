package io.tabsynth.shell.cli;

import io.tabsynth.engine.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a command is given, before any work starts. */
final class Inputs {
    private Inputs() {
    }

    /** Fails if {@code out} is the same file as one of the inputs: tabsynth never overwrites an input. */
    static void notAnInput(Path out, Path... inputs) {
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            Path a = out.toAbsolutePath().normalize();
            Path b = in.toAbsolutePath().normalize();
            boolean same = a.equals(b);
            try {
                same |= Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
            } catch (java.io.IOException ignored) {
                // not the same if it cannot be compared
            }
            if (same) {
                throw new BadInputException(out + ": is also an input; choose another output file");
            }
        }
    }
}
