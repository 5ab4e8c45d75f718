package io.tabsynth.spi.random;

/**
 * A small, fast, splittable pseudo-random generator (SplitMix64) whose output depends only on its seed, on
 * every JVM. All randomness in tabsynth flows from one of these, built from an explicit seed.
 * Not thread-safe: give each thread its own, derived with {@link Seeds#derive}.
 */
public final class Rng {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1): never exactly zero, so safe for logarithms and quantile functions. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 12) + 0.5) * 0x1.0p-52;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** A uniformly random order of 0..n-1 (Fisher-Yates, from the last position down). */
    public int[] permutation(int n) {
        return shuffled(n, n);
    }

    /**
     * {@code k} distinct values of 0..n-1 chosen uniformly, in the order drawn: the last {@code k} positions of
     * {@link #permutation}'s shuffle, from the last down, which it fills first; the shuffle stops there. All of
     * 0..n-1 in a random order when {@code k} is {@code n}.
     */
    public int[] choose(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot choose " + k + " of " + n);
        }
        int[] p = shuffled(n, k);
        int[] chosen = new int[k];
        for (int m = 0; m < k; m++) {
            chosen[m] = p[n - 1 - m];
        }
        return chosen;
    }

    /** 0..n-1 after the first {@code steps} swaps of a Fisher-Yates shuffle from the last position down. */
    private int[] shuffled(int n, int steps) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0 && i >= n - steps; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A random version-4 UUID (RFC 4122 variant) from the next two longs. */
    public java.util.UUID nextUuid() {
        long hi = (nextLong() & ~0xF000L) | 0x4000L;
        long lo = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo);
    }

    /** Standard normal, by Marsaglia's polar method. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }
}
