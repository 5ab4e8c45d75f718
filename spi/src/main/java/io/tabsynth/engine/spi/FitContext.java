package io.tabsynth.engine.spi;

/**
 * What a generator is given besides the data and parameters when fitting.
 *
 * @param seed     the seed every random choice of the fit flows from
 * @param threads  how many threads the fit may use
 * @param progress where to report progress
 */
public record FitContext(long seed, int threads, Progress progress) {
    public FitContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** A context with the given seed, all processors and no progress reporting. */
    public static FitContext of(long seed) {
        return new FitContext(seed, Runtime.getRuntime().availableProcessors(), Progress.NONE);
    }
}
