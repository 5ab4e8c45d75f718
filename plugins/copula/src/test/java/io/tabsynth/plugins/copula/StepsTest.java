package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.Normal;
import org.junit.jupiter.api.Test;

class StepsTest {
    @Test
    void theGuideTableGivesExactlyTheBinarySearchAnswer() {
        // 60 values: tiny ones at both ends put thresholds beyond the table's range (below -8 and at +inf), a
        // run of tiny ones crowds into single buckets, one value holds a third of the mass.
        double[] p = new double[60];
        p[0] = 1e-17;
        for (int j = 1; j < 20; j++) {
            p[j] = 1e-9;
        }
        for (int j = 20; j < 58; j++) {
            p[j] = 0.0004 * j;
        }
        p[59] = 1e-17;
        double rest = 1;
        for (int j = 0; j < 60; j++) {
            rest -= p[j];
        }
        p[58] = rest;
        for (double nullRate : new double[] {0, 0.05}) {
            Steps steps = new Steps(nullRate, p);
            double nullThreshold = nullRate == 0 ? Double.NEGATIVE_INFINITY : Normal.quantile(nullRate);
            Rng rng = new Rng(11);
            for (int i = 0; i < 500_000; i++) {
                double z = i % 3 == 0 ? 9 * (2 * rng.nextDouble() - 1) : rng.nextGaussian();
                check(steps, nullThreshold, z);
            }
            double cum = nullRate;
            for (int j = 0; j < 59; j++) {
                cum += (1 - nullRate) * p[j];
                double t = Normal.quantile(Math.min(cum, 1));
                check(steps, nullThreshold, t);
                check(steps, nullThreshold, Math.nextDown(t));
                check(steps, nullThreshold, Math.nextUp(t));
            }
            for (double z : new double[] {-8, 8, Math.nextDown(8), Math.nextDown(-8), -9, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.NaN}) {
                check(steps, nullThreshold, z);
            }
            assertEquals(58, steps.index(8.5), "above every finite threshold: the value before the +inf one");
            assertEquals(nullRate == 0 ? 1 : -1, steps.index(-8.3), "past the 1e-17 tail, or null");
        }
    }

    @Test
    void fewValuesToo() {
        for (double[] p : new double[][] {{0.5, 0.5}, {0.5, 0.3, 0.2}, {0.5, 0.3, 0.15, 0.05}, {0.9, 0.05, 0.03, 0.01, 0.01}}) {
            Steps steps = new Steps(0.1, p);
            double nullThreshold = Normal.quantile(0.1);
            Rng rng = new Rng(p.length);
            for (int i = 0; i < 100_000; i++) {
                check(steps, nullThreshold, rng.nextGaussian() * 1.5);
            }
        }
    }

    private static void check(Steps steps, double nullThreshold, double z) {
        int expected = z < nullThreshold ? -1 : steps.search(z);
        assertEquals(expected, steps.index(z), () -> "score " + z);
    }
}
