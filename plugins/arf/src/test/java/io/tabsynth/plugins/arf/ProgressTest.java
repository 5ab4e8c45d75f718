package io.tabsynth.plugins.arf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fit reports one step per adversarial round, with the round's out-of-bag accuracy. */
class ProgressTest {
    @Test
    void eachRoundIsAStepWithItsAccuracy() {
        List<String> notes = new ArrayList<>();
        long[] total = new long[1];
        long[] done = new long[1];
        Progress progress = new Progress() {
            @Override
            public synchronized void start(String task, long units) {
                total[0] = units;
            }

            @Override
            public synchronized void advance(long units) {
                done[0] += units;
            }

            @Override
            public void finish() {
            }

            @Override
            public synchronized void status(String note) {
                notes.add(note);
            }
        };
        AdversarialRandomForest g = new AdversarialRandomForest();
        ArfModel model = (ArfModel) g.fit(KnownTables.addresses(2000, 4),
                Params.resolve("generator 'arf'", g.describe(), Map.of(AdversarialRandomForest.ROUNDS, "4")),
                new FitContext(5, 2, progress));
        assertEquals(4, total[0], "one unit per possible round");
        assertTrue(done[0] >= 1 && done[0] <= 4, done[0] + " rounds done");
        assertEquals(done[0], notes.size());
        assertTrue(notes.get(0).matches("round 1: out-of-bag accuracy 0\\.\\d{3}"), notes.get(0));
        assertTrue(model.describeColumns().get("(forest)").contains("rounds=" + done[0]),
                model.describeColumns().get("(forest)"));
    }
}
