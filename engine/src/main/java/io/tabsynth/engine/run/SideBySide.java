package io.tabsynth.engine.run;

import io.tabsynth.spi.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Independent pieces of one command's work run side by side (the chosen evaluators; the synthetic and holdout files
 * read), so that one piece's serial stretches (parsing a file, a model that trains on one core) overlap with
 * another's work and every core stays busy. They run as tasks of a fork/join pool of their own, at least one worker
 * per core and one per piece: the parallel work inside a piece (parallel streams, forked tasks) then runs on the same
 * pool's workers, which take each other's waiting work, where threads outside any pool would spin waiting for the
 * shared pool's. The results come back in the order given, whatever order the pieces finish in; pieces that read the
 * same input and write nothing shared give what one after the other would. When pieces fail, all of them are waited
 * for and the failure of the first in that order is thrown, the one running them one after the other meets first.
 */
final class SideBySide {
    /** The start of each worker thread's name. */
    static final String THREAD_PREFIX = "tabsynth-side-by-side-";

    private SideBySide() {
    }

    /** One piece of work and the step it is, as {@link Activity} names it in a failure. */
    record Piece<T>(String step, Supplier<T> work) {
    }

    /** Each piece's result, in the order given, each run as its step inside what the calling thread is doing. */
    static <T> List<T> run(List<Piece<T>> pieces) {
        Activity caller = Activity.current();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int workers = Math.max(Runtime.getRuntime().availableProcessors(), pieces.size());
        AtomicInteger started = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(workers, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(THREAD_PREFIX + started.getAndIncrement());
            t.setContextClassLoader(loader);
            return t;
        }, null, false);
        try {
            List<ForkJoinTask<Outcome<T>>> runs = new ArrayList<>();
            for (Piece<T> piece : pieces) {
                runs.add(pool.submit(() -> Outcome.of(() -> caller.within(piece.step(), piece.work()))));
            }
            for (ForkJoinTask<Outcome<T>> run : runs) {
                run.join(); // every piece ends before any failure is thrown: none is left working
            }
            List<T> results = new ArrayList<>();
            for (ForkJoinTask<Outcome<T>> run : runs) {
                results.add(run.join().result());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What one piece gave: its result or its failure, kept as thrown (a fork/join task's own failure would reach
     * the caller as a copy made by reflection, without its message).
     */
    private record Outcome<T>(T value, Throwable failure) {
        static <T> Outcome<T> of(Supplier<T> work) {
            try {
                return new Outcome<>(work.get(), null);
            } catch (RuntimeException | Error e) {
                return new Outcome<>(null, e);
            }
        }

        /** The result, or the failure thrown again on the caller's thread (already explained by {@link Activity}). */
        T result() {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return value;
        }
    }
}
