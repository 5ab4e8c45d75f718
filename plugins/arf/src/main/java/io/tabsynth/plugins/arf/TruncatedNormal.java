package io.tabsynth.plugins.arf;

import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.Normal;

/**
 * Draws from a normal distribution cut to an interval, by inverting its distribution function between the
 * interval's ends (on the lower tail, where the function is precise). An interval the normal puts almost no mass
 * on is drawn uniformly; a zero spread gives the mean, kept within the interval.
 */
final class TruncatedNormal {
    /** Below this mass between the ends, the inversion is imprecise and the interval is drawn uniformly. */
    private static final double LEAST_MASS = 1e-12;

    private TruncatedNormal() {
    }

    /** One draw of a normal of this mean and spread cut to {@code [lo, hi]} (finite ends). */
    static double draw(double mean, double sd, double lo, double hi, Rng rng) {
        if (!(sd > 0) || lo >= hi) {
            return Math.max(lo, Math.min(hi, mean));
        }
        double a = (lo - mean) / sd;
        double b = (hi - mean) / sd;
        boolean flip = a > 0; // on the upper tail, draw the mirror image from the lower one
        if (flip) {
            double t = -a;
            a = -b;
            b = t;
        }
        double pa = Normal.cdf(a);
        double pb = Normal.cdf(b);
        double z;
        if (pb - pa < LEAST_MASS) {
            z = a + (b - a) * rng.nextDouble();
        } else {
            z = Normal.quantile(pa + (pb - pa) * rng.nextOpenDouble());
            z = Math.max(a, Math.min(b, z));
        }
        double x = mean + sd * (flip ? -z : z);
        return Math.max(lo, Math.min(hi, x));
    }
}
