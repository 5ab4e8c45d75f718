package io.tabsynth.spi.privacy;


import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Noise parameters as short decimal fractions: a planned σ² or ε comes out of square roots and divisions of the
 * budget as a double, and its exact binary value would make the exact samplers work with huge numerators. Rounding
 * σ² up and ε down to a few significant digits costs at most that relative share of the budget, and never
 * spends more than planned.
 */
public final class ShortRational {
    private static final MathContext DOWN = new MathContext(6, RoundingMode.DOWN);
    private static final MathContext UP = new MathContext(6, RoundingMode.UP);

    private ShortRational() {
    }

    /** The largest 6-digit decimal at most {@code value} (positive). */
    public static Rational below(double value) {
        return Rational.parse(new BigDecimal(value).round(DOWN).toPlainString());
    }

    /** The smallest 6-digit decimal at least {@code value} (positive). */
    public static Rational above(double value) {
        return Rational.parse(new BigDecimal(value).round(UP).toPlainString());
    }
}
