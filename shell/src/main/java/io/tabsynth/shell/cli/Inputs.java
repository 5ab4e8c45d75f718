package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.InputFiles;
import io.tabsynth.spi.io.AtomicFile;
import java.nio.file.Path;

/** Checks on the files a command is given, before any work starts. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Fails if {@code out} is the same file as one of the inputs, or its folder does not exist, before a long step
     * starts; the engine refuses the same again when it writes, for every way in.
     */
    static void notAnInput(Path out, Path... inputs) {
        AtomicFile.checkFolder(out);
        InputFiles.refuseIfAmong(out, inputs);
    }
}
