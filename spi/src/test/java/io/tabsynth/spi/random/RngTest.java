package io.tabsynth.spi.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameSequenceAcrossInstances() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        // SplitMix64's published reference output for seed 0 pins the algorithm across JVMs and versions.
        assertEquals(0xE220A8397B1DCDAFL, new Rng(0).nextLong());
    }

    @Test
    void aChoiceIsTheStartOfTheShuffleThatAPermutationFinishes() {
        // the permutation of 0..7 under seed 1 as it has always been drawn (models and reports depend on it)
        assertArrayEquals(new int[] {0, 3, 7, 1, 2, 6, 5, 4}, new Rng(1).permutation(8));
        int[] all = new Rng(9).choose(1000, 1000);
        int[] reversed = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            reversed[i] = all[all.length - 1 - i];
        }
        assertArrayEquals(new Rng(9).permutation(1000), reversed, "choosing all is the permutation, last first");
        assertArrayEquals(Arrays.copyOf(all, 30), new Rng(9).choose(1000, 30), "a smaller choice is a prefix");
        assertEquals(0, new Rng(9).choose(5, 0).length);
        assertThrows(IllegalArgumentException.class, () -> new Rng(9).choose(5, 6));

        // uniform: each of 0..9 comes first in about a tenth of the choices (binomial sd 30)
        int[] first = new int[10];
        Rng r = new Rng(4);
        for (int i = 0; i < 10_000; i++) {
            first[r.choose(10, 3)[0]]++;
        }
        for (int f : first) {
            assertEquals(1000, f, 150);
        }
    }

    @Test
    void derivedStreamsDiffer() {
        assertNotEquals(Seeds.derive(1, 0), Seeds.derive(1, 1));
        assertNotEquals(Seeds.derive(1, 0), Seeds.derive(2, 0));
        assertEquals(Seeds.derive(7, "age"), Seeds.derive(7, "age"));
        assertNotEquals(Seeds.derive(7, "age"), Seeds.derive(7, "income"));
    }

    @Test
    void distributionsHaveTheirMoments() {
        Rng r = new Rng(3);
        int n = 200_000;
        double s = 0;
        double ss = 0;
        double u = 0;
        int[] bins = new int[10];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            ss += g * g;
            double d = r.nextDouble();
            u += d;
            bins[r.nextInt(10)]++;
            double o = r.nextOpenDouble();
            assertTrue(o > 0 && o < 1);
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, ss / n, 0.01);
        assertEquals(0.5, u / n, 0.005);
        for (int b : bins) {
            assertEquals(n / 10.0, b, n / 10.0 * 0.03);
        }
    }
}
