package io.tabsynth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An unexpected failure names every step being done, on any thread, and never an exception class. */
class ActivityTest {
    @Test
    void aFailureNamesTheStepsFromTheOutermost() {
        InternalFailure f = assertThrows(InternalFailure.class, () -> Activity.run("fitting x to data.csv",
                () -> Activity.run("column 'age'", () -> {
                    int[] knots = new int[1];
                    return knots[2];
                })));
        assertEquals("fitting x to data.csv, column 'age'", f.doing());
        assertEquals("internal error while fitting x to data.csv, column 'age': Index 2 out of bounds for length 1",
                f.getMessage());
        assertTrue(f.getCause() instanceof ArrayIndexOutOfBoundsException, "the stack trace is the cause's");
        assertEquals("", Activity.current().describe(), "the steps end with the work");
    }

    @Test
    void workOnAnotherThreadKeepsTheStepsOfTheThreadThatHandedItOver() {
        InternalFailure f = assertThrows(InternalFailure.class, () -> Activity.run("sampling into out.csv", () -> {
            Activity here = Activity.current();
            return CompletableFuture.supplyAsync(() -> here.within("column 'b'", () -> Integer.parseInt("x1"))).join();
        }));
        assertEquals("sampling into out.csv, column 'b'", f.doing(), "the failure found inside the thread's wrapper");
        assertEquals("internal error while sampling into out.csv, column 'b': For input string: \"x1\"", f.getMessage());
        BadInputException bad = new BadInputException("data.csv: bad");
        assertSame(bad, assertThrows(BadInputException.class, () -> Activity.run("sampling", () ->
                CompletableFuture.supplyAsync(() -> {
                    throw bad;
                }).join())), "an explained failure too");
    }

    @Test
    void aFailureFromAThreadThatKnewNothingGetsTheStepsOfTheThreadItReaches() {
        InternalFailure f = assertThrows(InternalFailure.class, () -> Activity.run("sampling rules into out.csv",
                () -> CompletableFuture.supplyAsync(() -> {
                    throw Activity.failure("generating column 'x'", new IllegalStateException("broken"));
                }).join()));
        assertEquals("sampling rules into out.csv, generating column 'x'", f.doing());
        assertEquals("internal error while sampling rules into out.csv, generating column 'x': broken", f.getMessage());
        assertTrue(f.getCause() instanceof IllegalStateException, "the stack trace is still the cause's");
    }

    @Test
    void explainedFailuresPassThroughUnchanged() {
        BadInputException bad = new BadInputException("data.csv, row 2: not a number");
        assertSame(bad, assertThrows(BadInputException.class, () -> Activity.run("reading data.csv", () -> {
            throw bad;
        })));
        assertSame(bad, Activity.failure("column 'x'", bad));
    }

    @Test
    void theMessageIsNeverAClassName() {
        InternalFailure wrapped = new InternalFailure("fitting", new IllegalStateException(
                new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5")));
        assertEquals("internal error while fitting: Index 5 out of bounds for length 5", wrapped.getMessage());
        InternalFailure silent = new InternalFailure("fitting", new IllegalStateException(new NullPointerException()));
        assertEquals("internal error while fitting: no explanation was given", silent.getMessage());
        assertEquals("internal error while writing, column 'x': Boom", Activity.run("writing",
                () -> Activity.failure("column 'x'", new RuntimeException("Boom"))).getMessage());
    }
}
