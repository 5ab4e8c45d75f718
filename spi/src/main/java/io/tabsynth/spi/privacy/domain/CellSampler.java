package io.tabsynth.spi.privacy.domain;

import io.tabsynth.spi.random.Rng;
import java.util.Arrays;

/** Draws a cell by its weight (weights need not sum to one); all cells alike when every weight is zero. */
public final class CellSampler {
    private final double[] cumulative;

    private CellSampler(double[] cumulative) {
        this.cumulative = cumulative;
    }

    public static CellSampler of(double[] weights) {
        double[] cumulative = new double[weights.length];
        double total = 0;
        for (double w : weights) {
            total += Math.max(0, w);
        }
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += total > 0 ? Math.max(0, weights[i]) / total : 1.0 / weights.length;
            cumulative[i] = running;
        }
        return new CellSampler(cumulative);
    }

    /** A cell index; 0 for a sampler of no cells' weights (never used). */
    public int draw(Rng rng) {
        if (cumulative.length == 0) {
            return 0;
        }
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        int cell = i >= 0 ? i + 1 : -i - 1;
        // skip cells of zero weight that a draw of exactly a cumulative value would land on
        while (cell < cumulative.length - 1 && (cell > 0 ? cumulative[cell] - cumulative[cell - 1] : cumulative[0]) <= 0) {
            cell++;
        }
        return Math.min(cell, cumulative.length - 1);
    }
}
