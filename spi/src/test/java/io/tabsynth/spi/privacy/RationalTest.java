package io.tabsynth.spi.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RationalTest {
    @Test
    void parsesDecimalsAndFractionsExactlyAndPrintsThemBack() {
        assertEquals(Rational.of(5, 2), Rational.parse("2.5"));
        assertEquals(Rational.of(1, 1000), Rational.parse("1e-3"));
        assertEquals(Rational.of(1, 3), Rational.parse("2/6"));
        assertEquals(Rational.of(-3, 4), Rational.parse("3/-4"));
        assertEquals("7/2", Rational.of(7, 2).toString());
        assertEquals("3", Rational.parse("3.000").toString());
        assertEquals(Rational.of(7, 2), Rational.parse(Rational.of(7, 2).toString()));
        assertThrows(IllegalArgumentException.class, () -> Rational.parse("two"));
        assertThrows(IllegalArgumentException.class, () -> Rational.of(1, 0));
    }

    @Test
    void aDoubleIsTakenAtItsExactBinaryValue() {
        assertEquals(Rational.of(1, 4), Rational.exactly(0.25));
        // 0.1 is not a binary fraction: its double is 3602879701896397 / 2^55.
        assertEquals(Rational.of(BigInteger.valueOf(3602879701896397L), BigInteger.TWO.pow(55)), Rational.exactly(0.1));
        assertThrows(IllegalArgumentException.class, () -> Rational.exactly(Double.NaN));
    }

    @Test
    void arithmeticAndFloorAreExact() {
        Rational a = Rational.of(1, 3);
        Rational b = Rational.of(1, 6);
        assertEquals(Rational.of(1, 2), a.add(b));
        assertEquals(Rational.of(1, 6), a.subtract(b));
        assertEquals(Rational.of(1, 18), a.multiply(b));
        assertEquals(Rational.of(2), a.divide(b));
        assertEquals(BigInteger.valueOf(-2), Rational.of(-7, 4).floor());
        assertEquals(BigInteger.ONE, Rational.of(7, 4).floor());
        assertEquals(-1, Rational.of(1, 3).compareTo(Rational.of(1, 2)));
    }
}
