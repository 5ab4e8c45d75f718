package io.tabsynth.plugins.copula;

/**
 * Linear interpolation between two values that stays finite across the whole double range: between -1e308
 * and 1e308 the difference b - a overflows to infinity, so there the weights are applied to each end instead.
 */
final class Interpolation {
    private Interpolation() {
    }

    /** The value at fraction {@code f} in [0, 1] of the way from {@code a} to {@code b}. */
    static double between(double a, double b, double f) {
        double width = b - a;
        if (Double.isFinite(width)) {
            return a + f * width;
        }
        return a * (1 - f) + b * f;
    }

    /** How far {@code x} lies from {@code a} towards {@code b}, as a fraction of the width (which must be positive). */
    static double fraction(double x, double a, double b) {
        double width = b - a;
        double offset = x - a;
        if (Double.isFinite(width) && Double.isFinite(offset)) {
            return offset / width;
        }
        return (x / 2 - a / 2) / (b / 2 - a / 2);
    }
}
