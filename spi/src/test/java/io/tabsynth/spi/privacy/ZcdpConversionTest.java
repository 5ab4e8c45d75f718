package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference values were computed separately, in 40-digit arithmetic (mpmath), by minimising Canonne, Kamath,
 * Steinke's Corollary 13 over α; the Gaussian mechanism's exact ε (Balle, Wang 2018: δ(ε) = Φ(−ε/μ + μ/2) −
 * e^ε Φ(−ε/μ − μ/2), μ = √(2ρ)) is a lower bound no zCDP conversion can beat, and ρ + 2√(ρ ln(1/δ)) an upper one.
 */
class ZcdpConversionTest {
    private static final double RELATIVE = 1e-7;

    @ParameterizedTest
    @CsvSource({
        // rho, delta, tight epsilon, exact Gaussian epsilon (lower bound)
        "0.5,  1e-6,  5.22153444453017,  4.88655411746221",
        "0.01, 1e-9,  0.810174467867534, 0.768211712795861",
        "1,    1e-5,  7.07719669580634,  6.57297006703033",
        "0.1,  1e-6,  2.14193892838547,  1.99452690069634",
        "2,    1e-10, 14.8706780068137,  14.274089645078"})
    void epsilonMatchesTheReferenceAndLiesBetweenTheBounds(double rho, double delta, double expected, double gaussian) {
        double epsilon = ZcdpConversion.epsilon(rho, delta);
        assertEquals(expected, epsilon, RELATIVE * expected);
        assertTrue(epsilon > gaussian, "above the exact Gaussian epsilon");
        assertTrue(epsilon < ZcdpConversion.simpleEpsilon(rho, delta), "below the simple conversion");
    }

    @ParameterizedTest
    @CsvSource({
        "1,   1e-6, 0.0243559703595384",
        "0.1, 1e-6, 0.00032104769034574",
        "10,  1e-6, 1.53927876386673",
        "1,   1e-9, 0.0149730576735885"})
    void rhoForATargetMatchesTheReferenceAndConvertsBack(double epsilon, double delta, double expected) {
        double rho = ZcdpConversion.rho(epsilon, delta);
        assertEquals(expected, rho, RELATIVE * expected);
        assertTrue(ZcdpConversion.delta(rho, epsilon) <= delta);
        assertEquals(epsilon, ZcdpConversion.epsilon(rho, delta), RELATIVE * epsilon);
    }

    @Test
    void deltaMatchesTheReferenceAndTheFormulaAtAnyAlphaBoundsIt() {
        assertEquals(0.00514318406386215, ZcdpConversion.delta(0.5, 3), 0.00514318406386215 * RELATIVE);
        assertEquals(0.00893324577181836, ZcdpConversion.delta(0.1, 1), 0.00893324577181836 * RELATIVE);
        // Corollary 13 at α = 4 by hand: exp(3·(4·0.5 − 3))/3 · (3/4)^4 = e^-3 · 81/768.
        double atFour = Math.exp(-3) / 3 * Math.pow(0.75, 4);
        assertTrue(ZcdpConversion.delta(0.5, 3) <= atFour);
    }

    @Test
    void zeroRhoIsZeroEpsilonAndBadArgumentsAreRefused() {
        assertEquals(0, ZcdpConversion.epsilon(0, 1e-6));
        assertEquals(0, ZcdpConversion.delta(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ZcdpConversion.epsilon(1, 0));
        assertThrows(IllegalArgumentException.class, () -> ZcdpConversion.epsilon(-1, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> ZcdpConversion.rho(Double.NaN, 1e-6));
    }
}
