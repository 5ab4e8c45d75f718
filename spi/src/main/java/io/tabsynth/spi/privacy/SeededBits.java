package io.tabsynth.spi.privacy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic stream of bits: SHA-256 of (seed, block counter), block after block. The same seed gives the
 * same bytes on every JVM (SHA-256 is required of every Java platform), so a seeded run repeats exactly; it is
 * not private, because the seed determines the noise. Not thread-safe.
 */
final class SeededBits implements RandomBits {
    static final String NAME = "seeded";
    private static final String DIGEST = "SHA-256";

    private final MessageDigest digest;
    private final ByteBuffer input = ByteBuffer.allocate(2 * Long.BYTES);
    private final long seed;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    SeededBits(long seed) {
        this.seed = seed;
        try {
            this.digest = MessageDigest.getInstance(DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(DIGEST + " is required of every Java platform", e);
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (used == block.length) {
                input.clear();
                input.putLong(seed).putLong(counter++);
                block = digest.digest(input.array());
                used = 0;
            }
            bytes[i] = block[used++];
        }
    }

    @Override
    public boolean isPrivate() {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }
}
