package io.tabsynth.spi.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalTest {
    @Test
    void knownValues() {
        assertEquals(0.5, Normal.cdf(0), 1e-15);
        assertEquals(0.975002104851780, Normal.cdf(1.96), 1e-12);
        assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-12);
        assertEquals(-4.753424308822899, Normal.quantile(1e-6), 1e-9);
        for (double p = 0.001; p < 1; p += 0.0137) {
            assertEquals(p, Normal.cdf(Normal.quantile(p)), 1e-13);
        }
    }
}
