package io.tabsynth.plugins.rules.constraint;

import java.math.BigInteger;
import java.math.MathContext;
import org.apache.commons.jexl3.JexlArithmetic;

/**
 * {@code ==} and {@code !=} of a constraint expression as a person means them: two numbers are equal when they
 * differ by no more than {@link #RELATIVE_TOLERANCE} of the larger magnitude, so that decimal sums computed in
 * binary floating point ({@code 210.12 + 39.92} is {@code 250.04000000000002}) equal the written total, while a
 * real difference in the last written decimal ({@code 250.05}) does not. Whole numbers compare exactly; anything
 * else as JEXL compares it.
 */
final class NumberEquality extends JexlArithmetic {
    /**
     * The largest relative difference that still counts as equal: far above the rounding of a double (about
     * 1e-16 per operation) and far below any difference a written decimal can make at a double's 15 digits.
     */
    static final double RELATIVE_TOLERANCE = 1e-9;

    NumberEquality(boolean strict) {
        super(strict);
    }

    private NumberEquality(boolean strict, MathContext context, int scale) {
        super(strict, context, scale);
    }

    @Override
    protected JexlArithmetic createWithOptions(boolean strict, MathContext context, int scale) {
        return new NumberEquality(strict, context, scale);
    }

    @Override
    public boolean equals(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b && !(whole(a) && whole(b))) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (x == y) {
                return true;
            }
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                return false;
            }
            return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
        }
        return super.equals(left, right);
    }

    private static boolean whole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }
}
