package io.tabsynth.plugins.arf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the forest learns from tables with planted structure, checked on its samples. */
class LearnedStructureTest {
    private static final int ROWS = 4000;

    @Test
    void aBimodalColumnStaysBimodal() {
        Frame sampled = KnownTables.fit(KnownTables.bimodal(ROWS, 1), Map.of(), 7).sampleFrame(ROWS, 3);
        double[] x = sampled.numbers("x");
        int low = 0;
        int high = 0;
        int between = 0;
        for (double v : x) {
            if (Math.abs(v) < 2) {
                between++;
            } else if (v < 0) {
                low++;
            } else {
                high++;
            }
        }
        // the real data put 0.1 % of the rows within 2 of zero (3 spreads from either mode); a single normal 23 %
        assertTrue(between < 0.03 * ROWS, between + " of " + ROWS + " rows fell between the modes");
        assertEquals(0.5, low / (double) ROWS, 0.05, "the lower mode's share");
        assertEquals(0.5, high / (double) ROWS, 0.05, "the upper mode's share");
    }

    @Test
    void aCategoryKeepsTheNumericRangeItDecides() {
        Frame sampled = KnownTables.fit(KnownTables.ranges(ROWS, 2), Map.of(), 7).sampleFrame(ROWS, 3);
        int inRange = 0;
        int[] perTier = new int[KnownTables.TIERS.length];
        for (int i = 0; i < ROWS; i++) {
            int t = java.util.Arrays.asList(KnownTables.TIERS).indexOf(sampled.strings("tier").get(i));
            double x = sampled.number(sampled.schema().indexOf("x"), i);
            perTier[t]++;
            if (x >= KnownTables.TIER_LOW[t] && x <= KnownTables.TIER_LOW[t] + KnownTables.TIER_WIDTH) {
                inRange++;
            }
        }
        assertTrue(inRange >= 0.99 * ROWS, inRange + " of " + ROWS + " rows have their tier's range");
        for (int n : perTier) {
            assertEquals(1.0 / KnownTables.TIERS.length, n / (double) ROWS, 0.04, "a tier's share");
        }
    }

    @Test
    void zipDecidesCityAndCityDecidesStateInAtLeast99PercentOfRows() {
        Frame real = KnownTables.addresses(6000, 4);
        Frame sampled = KnownTables.fit(real, Map.of(), 7).sampleFrame(6000, 3);
        int consistent = 0;
        for (int i = 0; i < sampled.rowCount(); i++) {
            if (KnownTables.consistent(sampled.strings("zip").get(i), sampled.strings("city").get(i),
                    sampled.strings("state").get(i))) {
                consistent++;
            }
        }
        assertTrue(consistent >= 0.99 * sampled.rowCount(),
                consistent + " of " + sampled.rowCount() + " rows keep zip -> city -> state");
    }

    @Test
    void aConditionOnADecidingColumnFixesTheColumnsItDecides() {
        Model model = KnownTables.fit(KnownTables.addresses(6000, 4), Map.of(), 7);
        String zip = String.format("%05d", 10_000 + 37 * 7);
        Frame sampled = model.conditioned(Map.of("zip", zip)).orElseThrow().sampleFrame(ROWS, 2);
        assertConsistent(sampled, "zip", zip);
    }

    @Test
    void aConditionOnADecidedColumnKeepsTheColumnsDecidingItConsistent() {
        Model model = KnownTables.fit(KnownTables.addresses(6000, 4), Map.of(), 7);
        for (Map.Entry<String, String> condition : Map.of("city", "city11", "state", "SD").entrySet()) {
            Frame sampled = model.conditioned(Map.of(condition.getKey(), condition.getValue())).orElseThrow()
                    .sampleFrame(ROWS, 2);
            assertConsistent(sampled, condition.getKey(), condition.getValue());
        }
    }

    /** At least 99 % of the rows keep zip -> city -> state, and every row holds the condition's value. */
    private static void assertConsistent(Frame sampled, String column, String value) {
        int consistent = 0;
        for (int i = 0; i < sampled.rowCount(); i++) {
            assertEquals(value, sampled.strings(column).get(i), "the condition's value");
            if (KnownTables.consistent(sampled.strings("zip").get(i), sampled.strings("city").get(i),
                    sampled.strings("state").get(i))) {
                consistent++;
            }
        }
        assertTrue(consistent >= 0.99 * sampled.rowCount(), "conditioned on " + column + "=" + value + ": "
                + consistent + " of " + sampled.rowCount() + " rows keep zip -> city -> state");
    }

    @Test
    void conditionedRowsComeFromLeavesHoldingTheValue() {
        Model model = KnownTables.fit(KnownTables.ranges(ROWS, 2), Map.of(), 7);
        Frame sampled = model.conditioned(Map.of("tier", "high")).orElseThrow().sampleFrame(500, 5);
        double[] x = sampled.numbers("x");
        for (int i = 0; i < x.length; i++) {
            assertEquals("high", sampled.strings("tier").get(i));
        }
        long inRange = java.util.Arrays.stream(x).filter(v -> v >= 1000 && v <= 1010).count();
        assertTrue(inRange >= 0.99 * x.length, inRange + " of " + x.length + " conditioned rows in the high range");
        assertTrue(model.conditioned(Map.of("tier", "no such tier")).isEmpty(), "a value no real row holds");
    }
}
