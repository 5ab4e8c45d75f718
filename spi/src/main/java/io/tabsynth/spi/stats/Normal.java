package io.tabsynth.spi.stats;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.InverseErfc;

/** The standard normal distribution's CDF and quantile function, accurate to double precision. */
public final class Normal {
    private static final double SQRT2 = Math.sqrt(2);

    private Normal() {
    }

    /** P(Z ≤ x). */
    public static double cdf(double x) {
        return 0.5 * Erfc.value(-x / SQRT2);
    }

    /** The x with P(Z ≤ x) = p, for p in (0, 1); ±infinity at 0 and 1. */
    public static double quantile(double p) {
        return -SQRT2 * InverseErfc.value(2 * p);
    }
}
