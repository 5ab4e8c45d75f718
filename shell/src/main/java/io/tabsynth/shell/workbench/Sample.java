package io.tabsynth.shell.workbench;

import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;

/**
 * Rows sampled in memory, remembering how they were drawn, so that writing them records the sample step
 * (model, seed, conditions, constraints) exactly as {@code tabsynth sample} would.
 */
public final class Sample {
    private final WorkbenchModel model;
    private final long rows;
    private final long seed;
    private final Sampling sampling;
    private final Frame frame;

    Sample(WorkbenchModel model, long rows, long seed, Sampling sampling, Frame frame) {
        this.model = model;
        this.rows = rows;
        this.seed = seed;
        this.sampling = sampling;
        this.frame = frame;
    }

    /** The rows. */
    public Frame frame() {
        return frame;
    }

    public int rowCount() {
        return frame.rowCount();
    }

    /** The first rows. */
    public Frame head(int n) {
        return frame.head(n);
    }

    /** Writes the rows by drawing them again from the model with the same seed, recording the sample step. */
    void writeTo(Path out) {
        model.recorder().sample(model.fitted(), rows, seed, out, Progress.NONE, sampling);
    }

    @Override
    public String toString() {
        return "sample of " + rows + " rows, seed " + seed + "\n" + frame.print(10);
    }
}
