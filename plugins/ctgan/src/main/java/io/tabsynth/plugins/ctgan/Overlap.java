package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.io.DaemonPool;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * A second thread for work that can run beside the caller's: the matrix products run one at a time on one core
 * (two OpenBLAS threads gain nothing on shapes this small), so a step hands independent products — weight
 * gradients nothing waits for until the optimiser, the critic's backward pass beside the gradient penalty — to
 * this thread and joins them when their results are needed. Each task computes the same values whichever thread
 * runs it and whenever it runs, so training stays reproducible.
 */
final class Overlap {
    private static final DaemonPool THREAD = DaemonPool.of("ctgan-overlap", 1);

    private Overlap() {
    }

    /** Starts {@code work} on the second thread. Its inputs must not change until it is joined. */
    static <T> Future<T> start(Callable<T> work) {
        return THREAD.submit(work);
    }

    /** Waits for {@code f}'s result (from this class or any other executor); its failure is rethrown here. */
    static <T> T join(Future<T> f) {
        return DaemonPool.await(f, "ctgan training");
    }
}
