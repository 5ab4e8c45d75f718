package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Singling out on data with known answers: a copy is singled out, fresh draws from the same population are not. */
class SinglingOutTest {
    private static final String FINDING = "privacy.singlingOut." + AttackRate.RISK_LOW;

    @Test
    void aCopyIsRedAndFreshDrawsAreGreenWithAndWithoutAHoldout() {
        Frame train = PrivacyEvaluatorTest.draw(1500, 3);
        Frame fresh = PrivacyEvaluatorTest.draw(1500, 5);
        for (Frame holdout : new Frame[] {PrivacyEvaluatorTest.draw(500, 4), null}) {
            String with = holdout == null ? "without a holdout" : "with a holdout";
            Result copy = PrivacyEvaluatorTest.evaluate(train, holdout, train, Map.of());
            Result ok = PrivacyEvaluatorTest.evaluate(train, holdout, fresh, Map.of());
            Map<String, Object> copied = PrivacyEvaluatorTest.section(copy, "singlingOut");
            Map<String, Object> drawn = PrivacyEvaluatorTest.section(ok, "singlingOut");
            assertEquals(holdout == null ? SinglingOut.SPLIT_CONTROL : SinglingOut.HOLDOUT_CONTROL, copied.get("control"));
            assertTrue((Integer) copied.get("attacks") > 100, with + ": " + copied);
            assertEquals(1.0, (Double) copied.get("successRate"), 1e-12,
                    with + ": a predicate unique among the copied rows is unique among the training rows");
            assertTrue((Double) copied.get("controlRate") < 0.5, with + ": " + copied);
            assertTrue((Double) copied.get(AttackRate.RISK_LOW) > 0.9, with + ": " + copied);
            assertEquals("red", level(copy), with);
            assertTrue((Double) drawn.get(AttackRate.RISK_LOW) < 0.05, with + ": " + drawn);
            assertEquals("green", level(ok), with + ": " + drawn);
        }
    }

    @Test
    void theControlKeepsTheRatioOfSyntheticToTrainingRows() {
        Frame train = PrivacyEvaluatorTest.draw(1500, 3);
        Frame syn = PrivacyEvaluatorTest.draw(750, 5);
        Map<String, Object> split = SinglingOut.of(train, null, syn, PrivacyEvaluatorTest.SCHEMA.columns(), 1);
        assertEquals(500, split.get("controlSourceRows"), "1,500 training rows in the ratio 750 : 1,500");
        assertEquals(1000, split.get("controlRows"));
        Map<String, Object> held = SinglingOut.of(train, PrivacyEvaluatorTest.draw(600, 4), syn,
                PrivacyEvaluatorTest.SCHEMA.columns(), 1);
        assertEquals(300, held.get("controlSourceRows"), "synthetic rows half the holdout's, as 750 is half of 1,500");
        assertEquals(600, held.get("controlRows"));
        assertEquals(1500, held.get("trainingRows"), "every training row, not a sample of the holdout's size");
    }

    @Test
    void theIndexCountsWhatAFullScanCounts() {
        Frame f = PrivacyEvaluatorTest.draw(2000, 8);
        CodedRows rows = CodedRows.of(f, PrivacyEvaluatorTest.SCHEMA.columns(), CodedRows.dictionaries(PrivacyEvaluatorTest.SCHEMA.columns()));
        PredicateIndex index = new PredicateIndex(rows);
        Rng rng = new Rng(12);
        Predicate.Op[] ops = Predicate.Op.values();
        int singled = 0;
        for (int i = 0; i < 3000; i++) {
            int width = 1 + rng.nextInt(3);
            int[] cols = java.util.Arrays.copyOf(rng.permutation(rows.columns()), width);
            java.util.Arrays.sort(cols);
            Predicate.Op[] chosen = new Predicate.Op[width];
            double[] values = new double[width];
            for (int k = 0; k < width; k++) {
                values[k] = rows.values[cols[k]][rng.nextInt(rows.size())];
                chosen[k] = ops[rng.nextInt(ops.length)];
            }
            Predicate p = new Predicate(cols, chosen, values);
            int all = p.count(rows, Integer.MAX_VALUE);
            assertEquals(all, index.count(p, Integer.MAX_VALUE), p.key());
            assertEquals(Math.min(2, all), index.count(p, 2), p.key());
            assertEquals(all, p.matching(rows).length);
            singled += all == 1 ? 1 : 0;
        }
        assertTrue(singled > 50, "some predicates single out a row: " + singled);
    }

    @Test
    void theSameInputsGiveTheSameAttack() {
        Frame train = PrivacyEvaluatorTest.draw(800, 3);
        Frame syn = PrivacyEvaluatorTest.draw(800, 5);
        Map<String, Object> a = SinglingOut.of(train, null, syn, PrivacyEvaluatorTest.SCHEMA.columns(), 7);
        Map<String, Object> b = SinglingOut.of(train, null, syn, PrivacyEvaluatorTest.SCHEMA.columns(), 7);
        assertEquals(a.get("successRate"), b.get("successRate"));
        assertEquals(a.get("controlRate"), b.get("controlRate"));
        assertEquals(a.get("baselineRate"), b.get("baselineRate"));
    }

    private static String level(Result r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) r.details().get("findings");
        return findings.stream().filter(f -> f.get("metric").equals(FINDING)).map(f -> (String) f.get("level"))
                .findFirst().orElse("absent");
    }
}
