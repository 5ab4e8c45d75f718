package io.tabsynth.spi.privacy;

import java.security.SecureRandom;

/**
 * Random bits from the platform's default {@link SecureRandom} (on Linux the non-blocking NativePRNG over
 * /dev/urandom), seeded by the operating system and never by tabsynth. Thread-safe.
 */
final class SecureBits implements RandomBits {
    static final String NAME = "secure";

    private final SecureRandom random = new SecureRandom();

    @Override
    public void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
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
