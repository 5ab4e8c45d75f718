package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomBitsTest {
    private static final double SIGNIFICANCE = 1e-3;

    @Test
    void aSeededSourceRepeatsItselfAndSaysItIsNotPrivate() {
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        byte[] c = new byte[100];
        RandomBits.seeded(7).nextBytes(a);
        RandomBits.seeded(7).nextBytes(b);
        RandomBits.seeded(8).nextBytes(c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertFalse(RandomBits.seeded(7).isPrivate());
        assertEquals("seeded", RandomBits.seeded(7).name());
    }

    @Test
    void theSeededStreamIsSha256OfSeedAndCounter() throws Exception {
        byte[] first = new byte[32];
        RandomBits.seeded(5).nextBytes(first);
        java.nio.ByteBuffer input = java.nio.ByteBuffer.allocate(16).putLong(5).putLong(0);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(input.array()), first);
    }

    @Test
    void theSecureSourceIsPrivateAndUnpredictable() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        RandomBits.secure().nextBytes(a);
        RandomBits.secure().nextBytes(b);
        assertTrue(RandomBits.secure().isPrivate());
        assertEquals("secure", RandomBits.secure().name());
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void uniformBelowIsUniformForSmallAndHugeBounds() {
        RandomBits bits = RandomBits.seeded(3);
        int bound = 7;
        long[] draws = new long[70_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = bits.uniformBelow(BigInteger.valueOf(bound)).longValueExact();
        }
        GoodnessOfFit small = GoodnessOfFit.of(draws, x -> x >= 0 && x < bound ? 1.0 / bound : 0);
        assertTrue(small.pValue() > SIGNIFICANCE, small.toString());
        // A bound just above a power of two (the worst case for rejection): bucket the draws into tenths.
        BigInteger huge = BigInteger.TWO.pow(70).add(BigInteger.valueOf(3));
        for (int i = 0; i < draws.length; i++) {
            BigInteger u = bits.uniformBelow(huge);
            assertTrue(u.signum() >= 0 && u.compareTo(huge) < 0);
            draws[i] = u.multiply(BigInteger.TEN).divide(huge).longValueExact();
        }
        GoodnessOfFit tenths = GoodnessOfFit.of(draws, x -> x >= 0 && x < 10 ? 0.1 : 0);
        assertTrue(tenths.pValue() > SIGNIFICANCE, tenths.toString());
        assertEquals(BigInteger.ZERO, bits.uniformBelow(BigInteger.ONE));
        assertEquals(0, bits.uniformBelow(1L));
    }

    @Test
    void theLongDrawIsTheBigIntegerDraw() {
        RandomBits a = RandomBits.seeded(21);
        RandomBits b = RandomBits.seeded(21);
        for (long bound : new long[] {1, 2, 3, 7, 255, 256, 257, 1L << 40, Long.MAX_VALUE}) {
            for (int i = 0; i < 200; i++) {
                assertEquals(a.uniformBelow(BigInteger.valueOf(bound)).longValueExact(), b.uniformBelow(bound));
            }
        }
    }
}
