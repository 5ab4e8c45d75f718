package io.tabsynth.spi.random;

import java.nio.charset.StandardCharsets;

/** Derives independent seeds from one seed, so that parallel or per-column work stays reproducible. */
public final class Seeds {
    private Seeds() {
    }

    /** A seed for stream {@code stream} of {@code seed}; distinct streams give unrelated sequences. */
    public static long derive(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return z ^ (z >>> 32);
    }

    /** A seed for a named stream of {@code seed}, e.g. a column name. */
    public static long derive(long seed, String stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return derive(seed, h);
    }

    /** A generator for stream {@code stream} of {@code seed}. */
    public static Rng rng(long seed, long stream) {
        return new Rng(derive(seed, stream));
    }
}
