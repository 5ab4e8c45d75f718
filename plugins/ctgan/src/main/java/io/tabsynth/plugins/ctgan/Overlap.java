package io.tabsynth.plugins.ctgan;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A second thread for work that can run beside the caller's: the matrix products run one at a time on one core
 * (two OpenBLAS threads gain nothing on shapes this small), so a step hands independent products — weight
 * gradients nothing waits for until the optimiser, the critic's backward pass beside the gradient penalty — to
 * this thread and joins them when their results are needed. Each task computes the same values whichever thread
 * runs it and whenever it runs, so training stays reproducible.
 */
final class Overlap {
    private static final ExecutorService THREAD = daemon("ctgan-overlap");

    private Overlap() {
    }

    /** A single daemon thread of the given name, for work that must not keep the JVM alive. */
    static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code work} on the second thread. Its inputs must not change until it is joined. */
    static <T> Future<T> start(Callable<T> work) {
        return THREAD.submit(work);
    }

    /** Waits for {@code f}'s result (from this class or any other executor); its failure is rethrown here. */
    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ctgan training interrupted", x);
        } catch (ExecutionException x) {
            if (x.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (x.getCause() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(x.getCause());
        }
    }
}
