package io.tabsynth.spi.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as a reader wants them on the report page: three significant digits below {@value #WHOLE_FROM}
 * (0.364, 0.0123, 42.5), whole numbers with thousands separators from there on (26,048), and no exponent.
 */
public final class Readable {
    public static final int DIGITS = 3;
    public static final double WHOLE_FROM = 1000;
    private static final MathContext ROUNDING = new MathContext(DIGITS);
    private static final double ZERO = 1e-9;

    private Readable() {
    }

    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (Math.abs(v) < ZERO) {
            return "0";
        }
        if (Math.abs(v) >= WHOLE_FROM) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new BigDecimal(v).round(ROUNDING).stripTrailingZeros().toPlainString();
    }
}
