package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExponentialMechanismTest {
    private static final double SIGNIFICANCE = 1e-3;

    @Test
    void choicesFollowExpOfEpsilonUtilityOverTwiceTheSensitivity() {
        List<Rational> utilities = List.of(Rational.ZERO, Rational.of(-1), Rational.of(-2), Rational.of(-5),
                Rational.parse("-1/2"));
        Rational epsilon = Rational.of(3);
        Rational sensitivity = Rational.parse("3/2"); // weights exp(u): ε/(2Δ) = 1
        int n = 40_000;
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.of(2 * n), 0);
        ExponentialMechanism mechanism = new ExponentialMechanism(accountant, RandomBits.seeded(12));
        long[] chosen = new long[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = mechanism.select("five candidates", utilities, sensitivity, epsilon);
        }
        double total = 0;
        for (Rational u : utilities) {
            total += Math.exp(u.doubleValue());
        }
        double normalizer = total;
        GoodnessOfFit fit = GoodnessOfFit.of(chosen,
                i -> i >= 0 && i < utilities.size() ? Math.exp(utilities.get((int) i).doubleValue()) / normalizer : 0);
        assertTrue(fit.pValue() > SIGNIFICANCE, fit.toString());
        assertEquals(Rational.of(n).multiply(Rational.of(9, 8)), accountant.rho(), "rho = eps^2/8 per call");
    }

    @Test
    void anEmptyOrUnpricedChoiceIsRefused() {
        ExponentialMechanism mechanism = new ExponentialMechanism(new ZcdpAccountant(Rational.ONE, 0),
                RandomBits.seeded(1));
        assertThrows(IllegalArgumentException.class, () -> mechanism.select("none", List.of(), Rational.ONE,
                Rational.ONE));
        assertThrows(IllegalArgumentException.class, () -> mechanism.select("free", List.of(Rational.ONE),
                Rational.ONE, Rational.ZERO));
    }
}
