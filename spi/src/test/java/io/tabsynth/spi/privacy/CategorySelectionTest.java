package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class CategorySelectionTest {
    private static final double STANDARD_ERRORS = 5;

    @Test
    void theThresholdIsTheSmallestThatKeepsASingletonBelowDelta() {
        Rational sigma2 = Rational.of(4);
        DiscreteGaussian noise = new DiscreteGaussian(sigma2);
        for (double delta : new double[] {0.1, 1e-3, 1e-6, 1e-9, 1e-12}) {
            long tau = CategorySelection.threshold(sigma2, delta);
            assertTrue(noise.tail(tau - 1) <= delta, "tau " + tau + " keeps P(1 + Z >= tau) within " + delta);
            assertTrue(noise.tail(tau - 2) > delta, "tau " + tau + " is the smallest for " + delta);
        }
        // Summed by hand for σ = 2: P(Z ≥ 12) = 3.18e-9 > 1e-9 ≥ P(Z ≥ 13) = 1.38e-10, so τ − 1 = 13.
        assertEquals(14, CategorySelection.threshold(sigma2, 1e-9));
    }

    @Test
    void aCategoryHeldByOnePersonIsNotReleasedWhileCommonOnesAre() {
        Map<String, Long> counts = Map.of("Private", 18_000L, "Self-emp", 2_500L, "Without-pay", 14L, "rare", 1L);
        Rational sigma2 = Rational.of(4);
        int runs = 3_000;
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.of(runs), 1e-9 * runs);
        CategorySelection selection = new CategorySelection(accountant, RandomBits.seeded(6));
        int withoutPay = 0;
        for (int r = 0; r < runs; r++) {
            SortedMap<String, Long> released = selection.release("categories of 'workclass'", counts, sigma2, 1e-9);
            assertFalse(released.containsKey("rare"), "a category held by one person was released in run " + r);
            assertTrue(released.containsKey("Private") && released.containsKey("Self-emp"));
            if (released.containsKey("Without-pay")) {
                withoutPay++;
            }
        }
        // 14 against τ = 14: released about when the noise is ≥ 0, a little over half the time.
        double p = new DiscreteGaussian(sigma2).tail(0);
        assertEquals(p, (double) withoutPay / runs, STANDARD_ERRORS * Math.sqrt(p * (1 - p) / runs));
        assertEquals(Rational.of(runs, 8), accountant.rho());
    }

    @Test
    void aSingletonIsReleasedExactlyAsOftenAsTheSpentDeltaSays() {
        // A loose δ makes the singleton's release frequent enough to measure.
        Rational sigma2 = Rational.of(9);
        int runs = 20_000;
        RandomBits bits = RandomBits.seeded(7);
        ZcdpAccountant accountant = null;
        int released = 0;
        for (int r = 0; r < runs; r++) {
            accountant = new ZcdpAccountant(Rational.ONE, 0.5); // one fit per run: δ's of 0.05 would add past 1
            if (new CategorySelection(accountant, bits).release("c", Map.of("one", 1L), sigma2, 0.05)
                    .containsKey("one")) {
                released++;
            }
        }
        double spent = accountant.selectionDelta();
        assertTrue(spent <= 0.05);
        assertEquals(spent, (double) released / runs, STANDARD_ERRORS * Math.sqrt(spent * (1 - spent) / runs));
    }

    @Test
    void theReleaseDoesNotDependOnTheOrderOfTheCountsGiven() {
        Map<String, Long> a = new java.util.LinkedHashMap<>();
        a.put("x", 40L);
        a.put("y", 50L);
        a.put("z", 60L);
        Map<String, Long> b = new java.util.LinkedHashMap<>();
        b.put("z", 60L);
        b.put("x", 40L);
        b.put("y", 50L);
        Rational sigma2 = Rational.of(25);
        assertEquals(new CategorySelection(new ZcdpAccountant(Rational.ONE, 0.1), RandomBits.seeded(3))
                        .release("c", a, sigma2, 1e-6),
                new CategorySelection(new ZcdpAccountant(Rational.ONE, 0.1), RandomBits.seeded(3))
                        .release("c", b, sigma2, 1e-6));
    }
}
