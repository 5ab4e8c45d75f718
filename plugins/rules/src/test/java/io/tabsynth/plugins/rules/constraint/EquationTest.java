package io.tabsynth.plugins.rules.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which expressions are one equation, and their sides. */
class EquationTest {
    @Test
    void oneTopLevelEqualsSplitsTheSides() {
        assertEquals(Optional.of(new Equation("total", "price * qty")), Equation.of("total == price * qty"));
        assertEquals(Optional.of(new Equation("row['a b']", "(x == y ? 1 : 2)")), Equation.of("row['a b'] == (x == y ? 1 : 2)"));
        assertEquals(Optional.of(new Equation("label", "'p==q'")), Equation.of("label == 'p==q'"));
    }

    @Test
    void anythingMoreOrLessIsNotOne() {
        for (String text : new String[] {"a != b", "a >= b", "a == b && c", "a == b || c", "a == b ? 1 : 2", "a == b == c",
                "a", "== b", "a == b and c", "a = b", "a == b; c"}) {
            assertTrue(Equation.of(text).isEmpty(), text);
        }
    }
}
