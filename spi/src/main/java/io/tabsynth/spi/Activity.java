package io.tabsynth.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What tabsynth is doing, for the message of a failure nobody foresaw. The engine names each step it hands to
 * a plugin ("fitting gaussian-copula to data.csv"), and plugins name finer ones ("column 'age'"); an
 * unexpected exception inside becomes an {@link InternalFailure} that says all of it: "internal error while
 * fitting gaussian-copula to data.csv, column 'age': Index 5 out of bounds for length 5". Failures already
 * explained ({@link TabsynthException}, {@link BadInputException}) pass through unchanged.
 *
 * <p>Work handed to other threads keeps its context: take {@link #current()} on the calling thread and
 * {@link #within} the work with it on the worker. A failure made on a thread that knew nothing of it gets the
 * steps of each thread it passes through on its way out.
 */
public final class Activity {
    private static final ThreadLocal<Activity> CURRENT = ThreadLocal.withInitial(() -> new Activity(List.of()));

    private final List<String> steps;

    private Activity(List<String> steps) {
        this.steps = steps;
    }

    /** What the calling thread is doing now (nothing, outside any step). */
    public static Activity current() {
        return CURRENT.get();
    }

    /** Runs {@code work} as the step {@code what} inside what the calling thread is doing. */
    public static <T> T run(String what, Supplier<T> work) {
        return current().within(what, work);
    }

    /** As {@link #run(String, Supplier)}, for work without a result. */
    public static void run(String what, Runnable work) {
        current().within(what, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} on the calling thread as the step {@code what} inside this activity (which may have been
     * taken on another thread); an unexpected exception or error becomes an {@link InternalFailure} naming the
     * steps.
     */
    public <T> T within(String what, Supplier<T> work) {
        List<String> inner = new ArrayList<>(steps);
        inner.add(what);
        Activity step = new Activity(List.copyOf(inner));
        Activity before = CURRENT.get();
        CURRENT.set(step);
        try {
            return work.get();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            TabsynthException explained = explained(e);
            if (explained instanceof InternalFailure && !((InternalFailure) explained).doing().startsWith(step.describe())) {
                // made on a thread that did not know what this one is doing: say both
                InternalFailure elsewhere = (InternalFailure) explained;
                throw new InternalFailure(step.describe() + (elsewhere.doing().isEmpty() ? "" : ", " + elsewhere.doing()),
                        elsewhere.getCause());
            }
            throw explained != null ? explained : new InternalFailure(step.describe(), e);
        } finally {
            CURRENT.set(before);
        }
    }

    /**
     * The exception to throw for {@code e}, caught in the step {@code what} of work too fine-grained to
     * {@link #run} each step (a cell of a row): unchanged if already explained, else an {@link InternalFailure}
     * naming what the calling thread is doing and then {@code what}.
     */
    public static RuntimeException failure(String what, RuntimeException e) {
        TabsynthException explained = explained(e);
        if (explained != null) {
            return explained;
        }
        String doing = current().describe();
        return new InternalFailure(doing.isEmpty() ? what : doing + ", " + what, e);
    }

    /**
     * The failure already explained in {@code e} or its causes (one thread's failure reaches another inside
     * a CompletionException or ExecutionException), or {@code null}.
     */
    private static TabsynthException explained(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TabsynthException) {
                return (TabsynthException) t;
            }
        }
        return null;
    }

    /** The steps from the outermost, e.g. {@code fitting gaussian-copula to data.csv, column 'age'}. */
    public String describe() {
        return String.join(", ", steps);
    }
}
