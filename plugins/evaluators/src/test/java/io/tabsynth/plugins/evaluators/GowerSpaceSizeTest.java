package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tabsynth.spi.BadInputException;
import org.junit.jupiter.api.Test;

/** Row-major arrays of long tables: sized in long arithmetic, refused clearly where one array cannot hold them. */
class GowerSpaceSizeTest {
    @Test
    void tenMillionRowsAreSizedWithoutOverflow() {
        // 10,000,000 x 200 = 2e9 cells fits; the int product of 10,000,000 x 250 was negative
        assertEquals(2_000_000_000, GowerSpace.cells(10_000_000, 200));
        BadInputException e = assertThrows(BadInputException.class, () -> GowerSpace.cells(10_000_000, 250));
        assertEquals("privacy: 10000000 rows of 250 scored columns are 2500000000 cells, more than one array holds ("
                + GowerSpace.MAX_CELLS + "): evaluate a sample of the rows", e.getMessage());
        assertEquals(0, GowerSpace.cells(0, 250));
    }
}
