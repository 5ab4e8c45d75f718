package io.tabsynth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the end-to-end bench prints a cold time with and without warm runs. */
class EndToEndBenchTest {
    @Test
    void withoutWarmRunsOnlyTheColdTimeIsPrintedNotNaN() {
        assertEquals("1.250 s cold, 0.500 s warm (median)", EndToEndBench.coldAndWarm(1.25, 0.5));
        assertEquals("1.250 s cold (no warm runs)", EndToEndBench.coldAndWarm(1.25, EndToEndBench.median(java.util.List.of())));
    }
}
