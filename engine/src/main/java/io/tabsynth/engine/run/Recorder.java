package io.tabsynth.engine.run;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one path by which the engine leaves a file: it is written atomically, named as an {@link Artifact}, and the
 * {@link Step} that made it is signed into lineage, or, if recording fails, the step's files are removed again, so
 * that no file exists without its record. It also keeps the engine's {@link InputFiles}: no output replaces a
 * file the engine read.
 */
final class Recorder {
    private final Lineage lineage;
    private final InputFiles inputFiles = new InputFiles();

    Recorder(Lineage lineage) {
        this.lineage = lineage;
    }

    Lineage lineage() {
        return lineage;
    }

    /** Notes a file the engine just read, which no output may replace ({@code null} is ignored). */
    void remember(Path input) {
        inputFiles.remember(input);
    }

    /**
     * Refuses to write {@code out} when the engine has read it, or when the ledger would refuse the step's record (it
     * does not match its signed head), so that nothing is written that could not be recorded.
     */
    void refuseIfRead(Path out) {
        lineage.requireIntactLedger();
        inputFiles.refuseIfRead(out);
    }

    /** Writes {@code bytes} atomically to {@code out} and names the file for lineage with the given role. */
    Artifact write(Path out, byte[] bytes, String role) {
        refuseIfRead(out);
        AtomicFile.write(out, tmp -> Files.write(tmp, bytes));
        return new Artifact(role, out, Sha256.hex(bytes), null, -1);
    }

    /** Writes {@code value} as indented JSON ({@link JsonOutput#pretty}); {@code role} also names it in errors. */
    Artifact writeJson(Path out, Object value, String role) {
        return write(out, JsonOutput.pretty(value, role), role);
    }

    /** Signs the step into lineage; if that fails, its outputs are removed and the failure is rethrown. */
    void record(Step step) {
        try {
            lineage.record(step);
        } catch (RuntimeException e) {
            for (Artifact out : step.outputs()) {
                try {
                    Files.deleteIfExists(out.path());
                } catch (IOException ignored) {
                    // the lineage failure is the one to report
                }
            }
            throw e;
        }
    }
}
