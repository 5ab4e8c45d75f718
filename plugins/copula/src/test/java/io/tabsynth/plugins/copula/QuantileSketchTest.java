package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    private static final int CAPACITY = 256;

    /** Normal values with a heavy atom at 0, as a capital-gain column has. */
    private static double[] values(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble() < 0.3 ? 0 : Math.round(rng.nextGaussian() * 1000) / 10.0;
        }
        return v;
    }

    private static void assertWithinBound(QuantileSketch sketch, double[] all) {
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        QuantileSketch.Sorted view = sketch.sorted();
        assertEquals(all.length, view.count());
        long worst = 0;
        for (double x = -300; x <= 300; x += 0.7) {
            long truth = ColumnModels.lowerBound(sorted, x);
            worst = Math.max(worst, Math.abs(view.rankBelow(x) - truth));
        }
        worst = Math.max(worst, Math.abs(view.rankBelow(0) - ColumnModels.lowerBound(sorted, 0)));
        assertTrue(worst <= sketch.rankErrorBound(), "rank error " + worst + " above the bound " + sketch.rankErrorBound());
    }

    @Test
    void everyRankIsWithinTheStatedBound() {
        double[] v = values(200_000, 3);
        QuantileSketch s = new QuantileSketch(CAPACITY);
        for (double x : v) {
            s.add(x);
        }
        assertTrue(s.rankErrorBound() > 0, "the sketch compacted");
        // the bound itself is at most n times the levels over the capacity
        int levels = 64 - Long.numberOfLeadingZeros(v.length / CAPACITY) + 1;
        assertTrue(s.rankErrorBound() <= (long) v.length * levels / CAPACITY, "bound " + s.rankErrorBound());
        assertWithinBound(s, v);
        assertEquals(Arrays.stream(v).min().getAsDouble(), s.min());
        assertEquals(Arrays.stream(v).max().getAsDouble(), s.max());
    }

    @Test
    void mergedPartsKeepTheBound() {
        double[] a = values(70_000, 5);
        double[] b = values(90_000, 6);
        QuantileSketch left = new QuantileSketch(CAPACITY);
        QuantileSketch right = new QuantileSketch(CAPACITY);
        Arrays.stream(a).forEach(left::add);
        Arrays.stream(b).forEach(right::add);
        left.merge(right);
        double[] both = new double[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertWithinBound(left, both);
    }

    @Test
    void fewValuesAreKeptExactly() {
        double[] v = values(CAPACITY - 1, 7);
        QuantileSketch s = new QuantileSketch(CAPACITY);
        Arrays.stream(v).forEach(s::add);
        assertEquals(0, s.rankErrorBound());
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        for (int r = 0; r < sorted.length; r++) {
            assertEquals(sorted[r], s.sorted().orderStatistic(r));
        }
    }

    @Test
    void theJsonFormAndTheSameInputGiveTheSameSketch() {
        double[] v = values(50_000, 8);
        QuantileSketch s = new QuantileSketch(CAPACITY);
        QuantileSketch again = new QuantileSketch(CAPACITY);
        Arrays.stream(v).forEach(s::add);
        Arrays.stream(v).forEach(again::add);
        assertEquals(s.toJson(), again.toJson());
        QuantileSketch read = QuantileSketch.fromJson(s.toJson());
        assertEquals(s.toJson(), read.toJson());
        assertArrayEquals(s.sorted().values(), read.sorted().values());
        assertArrayEquals(s.sorted().below(), read.sorted().below());
    }
}
