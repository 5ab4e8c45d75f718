package io.tabsynth.spi.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threads for work beside the caller's that must never keep the JVM alive (named daemon threads), and the one
 * way to wait for such work: a task's unchecked failure is rethrown as itself in the waiting thread, so a
 * {@link io.tabsynth.spi.BadInputException} thrown on a worker still reaches the user as a plain message.
 */
public final class DaemonPool implements AutoCloseable {
    private final ExecutorService executor;

    private DaemonPool(ExecutorService executor) {
        this.executor = executor;
    }

    /** A pool of {@code threads} daemon threads, each called {@code name}. */
    public static DaemonPool of(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a pool needs at least one thread, not " + threads);
        }
        return new DaemonPool(Executors.newFixedThreadPool(threads, work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Starts {@code work} on the pool. */
    public <T> Future<T> submit(Callable<T> work) {
        return executor.submit(work);
    }

    /** Starts {@code work} on the pool. */
    public Future<?> submit(Runnable work) {
        return executor.submit(work);
    }

    /**
     * Waits for {@code result} (from this pool or any executor) and returns its value. Its unchecked exception or
     * error is rethrown as it is; a checked one comes wrapped, saying {@code what} failed (an {@link IOException} in
     * an {@link UncheckedIOException}, which {@link AtomicFile} reports as a failed write, any other in an
     * {@link IllegalStateException}); an interruption keeps the thread's interrupt flag and says {@code what} was interrupted.
     */
    public static <T> T await(Future<T> result, String what) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(what + " failed: " + io.getMessage(), io);
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }

    /** Stops the threads, interrupting work still running. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
