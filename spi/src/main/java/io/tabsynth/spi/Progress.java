package io.tabsynth.spi;

/** Receives progress of long work (fitting, sampling), e.g. to draw a progress bar. Implementations are thread-safe. */
public interface Progress {
    /** Ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** A task begins with {@code total} units of work (or -1 if unknown). */
    void start(String task, long total);

    /** {@code done} more units are complete. */
    void advance(long done);

    /** The task is over. */
    void finish();

    /** A short note on the current state shown beside the bar, e.g. the last epoch's losses. */
    default void status(String note) {
    }
}
