package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZcdpAccountantTest {
    /** Counts the bytes a source hands out, to see that a refused mechanism drew no noise. */
    private static final class CountingBits implements RandomBits {
        private final RandomBits inner = RandomBits.seeded(1);
        private long bytes;

        @Override
        public void nextBytes(byte[] out) {
            bytes += out.length;
            inner.nextBytes(out);
        }

        @Override
        public boolean isPrivate() {
            return false;
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    @Test
    void compositionAddsRhoExactlyAndRecordsEveryCall() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 0);
        RandomBits bits = RandomBits.seeded(2);
        NoisyCounts counts = new NoisyCounts(accountant, bits);
        counts.count("rows", 1000, Rational.of(50)); // ρ = 1/100
        counts.histogram("counts of 'sex'", new long[] {10, 20}, Rational.of(25, 2)); // ρ = 1/25
        new ExponentialMechanism(accountant, bits).select("a pair", List.of(Rational.ZERO, Rational.ONE),
                Rational.ONE, Rational.of(1, 2)); // ρ = 1/32
        assertEquals(Rational.parse("1/100").add(Rational.parse("1/25")).add(Rational.parse("1/32")), accountant.rho());
        assertEquals(Rational.parse("13/160"), accountant.rho());
        assertEquals(3, accountant.calls().size());
        MechanismCall first = accountant.calls().get(0);
        assertEquals(Map.of("mechanism", "discrete-gaussian", "touched", "rows", "sensitivity", "1", "sigma2", "50",
                "rho", "1/100", "delta", 0.0, "noise", "seeded"), first.toMap());
        assertEquals(List.of("mechanism", "touched", "sensitivity", "sigma2", "rho", "delta", "noise"),
                List.copyOf(first.toMap().keySet()));
        assertEquals("1/2", accountant.calls().get(2).toMap().get("epsilon"));
        assertEquals(ZcdpConversion.epsilon(13.0 / 160, 1e-6), accountant.epsilon(1e-6), 1e-12);
    }

    @Test
    void aCallBeyondTheBudgetIsRefusedBeforeAnyNoiseIsDrawn() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.of(1, 10), 0);
        CountingBits bits = new CountingBits();
        NoisyCounts counts = new NoisyCounts(accountant, bits);
        counts.count("rows", 1000, Rational.of(10)); // ρ = 1/20: within
        long drawn = bits.bytes;
        PrivacyBudgetExceededException refused = assertThrows(PrivacyBudgetExceededException.class,
                () -> counts.histogram("counts of 'age'", new long[] {1, 2, 3}, Rational.of(5))); // ρ = 1/10: over
        assertEquals(drawn, bits.bytes, "no noise drawn for the refused call");
        assertEquals(Rational.of(1, 20), accountant.rho());
        assertEquals(1, accountant.calls().size());
        assertTrue(refused.getMessage().contains("counts of 'age'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("0.05 of rho 0.1 "), refused.getMessage());
        // What is left is still spendable, exactly.
        counts.count("rows again", 1000, Rational.of(10));
        assertEquals(Rational.ZERO, accountant.remaining());
    }

    @Test
    void aBudgetFromEpsilonDeltaKeepsItsPromise() {
        ZcdpAccountant accountant = ZcdpAccountant.forEpsilonDelta(1, 1e-6, 1e-7);
        double rho = accountant.rhoBudget().doubleValue();
        assertEquals(ZcdpConversion.rho(1, 9e-7), rho, 1e-15);
        NoisyCounts counts = new NoisyCounts(accountant, RandomBits.seeded(4));
        // Spend nearly all of ρ on one histogram, and most of the selection δ.
        Rational sigma2 = DiscreteGaussian.sigma2For(Rational.ONE, accountant.rhoBudget());
        counts.histogram("everything", new long[] {5}, sigma2);
        assertTrue(accountant.epsilon(1e-6) <= 1 + 1e-9, "epsilon " + accountant.epsilon(1e-6));
        assertThrows(IllegalArgumentException.class, () -> accountant.epsilon(0));
        assertThrows(IllegalArgumentException.class, () -> ZcdpAccountant.forEpsilonDelta(1, 1e-6, 1e-6));
    }

    @Test
    void selectionDeltaAddsAndIsTakenOffTheDeltaOfTheConversion() {
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 1e-6);
        new CategorySelection(accountant, RandomBits.seeded(5))
                .release("categories of 'city'", Map.of("a", 100L), Rational.of(4), 1e-7);
        double spent = accountant.selectionDelta();
        assertTrue(spent > 0 && spent <= 1e-7, "selection delta " + spent);
        assertEquals(ZcdpConversion.epsilon(1.0 / 8, 1e-6 - spent), accountant.epsilon(1e-6), 1e-12);
        assertThrows(PrivacyBudgetExceededException.class, () -> new CategorySelection(accountant,
                RandomBits.seeded(5)).release("categories of 'town'", Map.of("b", 1L), Rational.of(4), 0.5)); // its δ, near 0.5, is over
    }
}
