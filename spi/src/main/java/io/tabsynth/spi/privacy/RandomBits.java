package io.tabsynth.spi.privacy;

import java.math.BigInteger;

/**
 * Where the noise samplers take their random bits from: {@link #secure()} for every private release, or
 * {@link #seeded(long)} for a reproducible run that makes no privacy claim (whoever knows the seed can recompute
 * the noise and subtract it). The samplers consume only uniform integers drawn here, so the same source and the
 * same calls give the same noise.
 */
public interface RandomBits {
    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** True when the bits are unpredictable (a cryptographic source), false for a seeded one. */
    boolean isPrivate();

    /** "secure" or "seeded", as a lineage record names the source. */
    String name();

    /** A uniform integer in [0, bound), by rejection: exact, whatever the bound. */
    default BigInteger uniformBelow(BigInteger bound) {
        if (bound.signum() <= 0) {
            throw new IllegalArgumentException("the bound of a uniform draw must be positive: " + bound);
        }
        int bits = bound.subtract(BigInteger.ONE).bitLength();
        if (bits == 0) {
            return BigInteger.ZERO;
        }
        byte[] bytes = new byte[(bits + Byte.SIZE - 1) / Byte.SIZE];
        int unusedHighBits = bytes.length * Byte.SIZE - bits;
        while (true) {
            nextBytes(bytes);
            bytes[0] &= (byte) (0xFF >>> unusedHighBits);
            BigInteger candidate = new BigInteger(1, bytes);
            if (candidate.compareTo(bound) < 0) {
                return candidate;
            }
        }
    }

    /** A uniform integer in [0, bound), bound > 0: the same draw as the BigInteger form, without its objects. */
    default long uniformBelow(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("the bound of a uniform draw must be positive: " + bound);
        }
        int bits = Long.SIZE - Long.numberOfLeadingZeros(bound - 1);
        if (bits == 0) {
            return 0;
        }
        byte[] bytes = new byte[(bits + Byte.SIZE - 1) / Byte.SIZE];
        long mask = bits == Long.SIZE ? -1L : (1L << bits) - 1;
        while (true) {
            nextBytes(bytes);
            long candidate = 0;
            for (byte b : bytes) {
                candidate = (candidate << Byte.SIZE) | (b & 0xFF);
            }
            candidate &= mask;
            if (Long.compareUnsigned(candidate, bound) < 0) {
                return candidate;
            }
        }
    }

    /** One fair bit. */
    default boolean nextBit() {
        return uniformBelow(2L) == 1;
    }

    /** The operating system's cryptographic generator ({@link java.security.SecureRandom}). */
    static RandomBits secure() {
        return new SecureBits();
    }

    /** A deterministic stream from {@code seed}: for tests and explicitly reproducible, non-private runs. */
    static RandomBits seeded(long seed) {
        return new SeededBits(seed);
    }
}
