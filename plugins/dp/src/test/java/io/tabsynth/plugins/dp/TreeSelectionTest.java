package io.tabsynth.plugins.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.Frame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tree keeps a strong pair when the budget lets the data speak, and chooses without regard to the data when
 * the budget is tiny: with 8 columns, a tree of 7 edges among 28 pairs holds a given pair by chance a quarter of
 * the time.
 */
class TreeSelectionTest {
    private static final int FITS = 12;
    private static final List<String> PAIR = List.of("city", "country");

    private static int fitsKeepingThePair(String epsilon) {
        Frame data = Tables.cities(4000, 6, 3);
        int kept = 0;
        for (long seed = 1; seed <= FITS; seed++) {
            DpMarginalsModel m = Tables.fit(data, Map.of("epsilon", epsilon, "noise", "seeded"), seed);
            boolean has = m.edges().stream().anyMatch(e -> e.containsAll(PAIR));
            kept += has ? 1 : 0;
        }
        return kept;
    }

    @Test
    void aLargeBudgetKeepsThePlantedPair() {
        assertEquals(FITS, fitsKeepingThePair("10"), "city -> country is kept in every fit at epsilon 10");
    }

    @Test
    void aTinyBudgetLosesIt() {
        int kept = fitsKeepingThePair("0.01");
        assertTrue(kept <= FITS / 2, "at epsilon 0.01 the pair is kept about a quarter of the time, here " + kept
                + " of " + FITS);
    }
}
