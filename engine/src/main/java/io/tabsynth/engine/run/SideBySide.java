package io.tabsynth.engine.run;

import io.tabsynth.engine.Activity;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * The chosen evaluators run side by side, so that one evaluator's serial stretches (encoding rows, a model that
 * trains on one core) overlap with another's work and every core stays busy. They run as tasks of a fork/join
 * pool of their own, at least one worker per core and one per evaluator: the parallel work inside an evaluator
 * (parallel streams, forked tasks) then runs on the same pool's workers, which take each other's waiting work,
 * where threads outside any pool would spin waiting for the shared pool's. The results come back in the order the
 * evaluators were chosen, whatever order they finish in; each evaluator reads the same input and writes nothing
 * shared, so the report is the same as one evaluator after the other makes. When evaluators fail, all of them are
 * waited for and the failure of the first in that order is thrown, the one running them one after the other would
 * have met first.
 */
final class SideBySide {
    /** The start of each worker thread's name. */
    static final String THREAD_PREFIX = "evaluate-";

    private SideBySide() {
    }

    /**
     * Each chosen evaluator's result for {@code input}, in the order chosen, each run as the step
     * {@code evaluating <synthetic> with <id>} inside what the calling thread is doing.
     */
    static List<Result> evaluate(List<PluginHost.Found<Evaluator>> chosen, EvaluationInput input, String syntheticName) {
        Activity caller = Activity.current();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int workers = Math.max(Runtime.getRuntime().availableProcessors(), chosen.size());
        ForkJoinPool pool = new ForkJoinPool(workers, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(THREAD_PREFIX + t.getPoolIndex());
            t.setContextClassLoader(loader);
            return t;
        }, null, false);
        try {
            List<ForkJoinTask<Outcome>> runs = new ArrayList<>();
            for (PluginHost.Found<Evaluator> e : chosen) {
                runs.add(pool.submit(() -> Outcome.of(() -> caller.within(
                        "evaluating " + syntheticName + " with " + e.info().id(), () -> e.extension().evaluate(input)))));
            }
            for (ForkJoinTask<Outcome> run : runs) {
                run.join(); // every run ends before any failure is thrown: none is left working
            }
            List<Result> results = new ArrayList<>();
            for (ForkJoinTask<Outcome> run : runs) {
                results.add(run.join().result());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What one evaluator's run gave: its result or its failure, kept as thrown (a fork/join task's own failure
     * would reach the caller as a copy made by reflection, without its message).
     */
    private record Outcome(Result value, Throwable failure) {
        static Outcome of(Supplier<Result> run) {
            try {
                return new Outcome(run.get(), null);
            } catch (RuntimeException | Error e) {
                return new Outcome(null, e);
            }
        }

        /** The result, or the failure thrown again on the caller's thread (already explained by {@link Activity}). */
        Result result() {
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
