package io.tabsynth.spi.privacy;

import java.security.SecureRandom;

/**
 * Random bits from the platform's default {@link SecureRandom} (on Linux the non-blocking NativePRNG over
 * /dev/urandom), seeded by the operating system and never by tabsynth. The samplers ask for a byte or two at a
 * time, so the bytes are fetched a block at a time and handed out in order. Thread-safe.
 */
final class SecureBits implements RandomBits {
    static final String NAME = "secure";
    private static final int BLOCK = 512;

    private final SecureRandom random = new SecureRandom();
    private final byte[] block = new byte[BLOCK];
    private int used = BLOCK;

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (used == BLOCK) {
                random.nextBytes(block);
                used = 0;
            }
            bytes[i] = block[used];
            block[used++] = 0; // a handed-out byte does not stay in memory
        }
    }

    @Override
    public boolean isPrivate() {
        return true;
    }

    @Override
    public String name() {
        return NAME;
    }
}
