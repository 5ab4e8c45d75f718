package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.InternalFailure;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pieces of one command's work (evaluators, file reads) run at the same time and answer in the order given. */
class SideBySideTest {
    /** Long enough for a loaded machine to start a thread, short enough to fail soon when pieces run one by one. */
    private static final long WAIT_SECONDS = 30;

    private static <T> SideBySide.Piece<T> piece(String step, java.util.function.Supplier<T> work) {
        return new SideBySide.Piece<>(step, work);
    }

    @Test
    void piecesRunAtTheSameTime() {
        // each piece waits until all three have started: one after the other, the first would wait in vain
        CyclicBarrier all = new CyclicBarrier(3);
        java.util.function.Supplier<String> meet = () -> {
            try {
                all.await(WAIT_SECONDS, TimeUnit.SECONDS);
                return Thread.currentThread().getName();
            } catch (Exception e) {
                throw new IllegalStateException("the pieces did not run side by side", e);
            }
        };
        List<String> threads = SideBySide.run(List.of(piece("a", meet), piece("b", meet), piece("c", meet)));
        assertEquals(3, Set.copyOf(threads).size(), "each piece on its own thread: " + threads);
        threads.forEach(t -> assertTrue(t.startsWith(SideBySide.THREAD_PREFIX), t));
    }

    @Test
    void resultsComeInTheOrderGivenWhateverOrderPiecesFinishIn() throws InterruptedException {
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> results = SideBySide.run(List.of(
                piece("first", () -> {
                    await(secondDone);
                    return "first";
                }),
                piece("second", () -> {
                    secondDone.countDown();
                    return "second";
                })));
        assertEquals(List.of("first", "second"), results);
    }

    @Test
    void theFirstFailureInOrderIsThrownUnchangedAfterEveryPieceHasEnded() {
        AtomicBoolean slowEnded = new AtomicBoolean();
        CountDownLatch secondFailed = new CountDownLatch(1);
        BadInputException e = assertThrows(BadInputException.class, () -> SideBySide.run(List.<SideBySide.Piece<Integer>>of(
                piece("slow", () -> {
                    await(secondFailed);
                    slowEnded.set(true);
                    return 1;
                }),
                piece("checking a.csv", () -> {
                    throw new BadInputException("a.csv: column 'age', row 3: not a number");
                }),
                piece("checking b.csv", () -> {
                    secondFailed.countDown();
                    throw new BadInputException("b.csv: empty");
                }))));
        assertEquals("a.csv: column 'age', row 3: not a number", e.getMessage(), "the message as thrown, not a copy");
        assertTrue(slowEnded.get(), "no piece is left running when the failure is thrown");
    }

    @Test
    void anUnforeseenFailureNamesThePieceItHappenedIn() {
        InternalFailure e = assertThrows(InternalFailure.class, () -> SideBySide.run(List.<SideBySide.Piece<Integer>>of(
                piece("evaluating s.csv with privacy", () -> List.<Integer>of().get(0)))));
        assertTrue(e.getMessage().contains("evaluating s.csv with privacy"), e.getMessage());
    }

    @Test
    void parallelWorkInsideAPieceRunsOnThePiecesOwnWorkers() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        SideBySide.run(List.of(piece("streams", () -> IntStream.range(0, 10_000).parallel()
                .map(i -> {
                    threads.add(Thread.currentThread().getName());
                    return i;
                }).sum())));
        threads.forEach(t -> assertTrue(t.startsWith(SideBySide.THREAD_PREFIX), "not the shared pool: " + t));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other piece never ran");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
