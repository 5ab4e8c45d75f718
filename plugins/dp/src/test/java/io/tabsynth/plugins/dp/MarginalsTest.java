package io.tabsynth.plugins.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.domain.CategoryDomain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the fitted one-way marginals recover, and what the fit spends. */
class MarginalsTest {
    @Test
    void oneWayMarginalsAreRecoveredWithinTheErrorTheNoisePredicts() {
        int rows = 20_000;
        Frame data = Tables.cities(rows, 3, 5);
        DpMarginalsModel m = Tables.fit(data, Map.of("noise", "seeded"), 11);
        CategoryDomain domain = (CategoryDomain) m.domain("country");
        assertEquals(List.of(Tables.COUNTRIES).stream().sorted().toList(), domain.categories(),
                "each country has about 4000 rows, far above the selection threshold");
        double sigma = Math.sqrt(sigma2Of(m, "counts of column 'country'"));
        double[] fitted = m.oneWay("country");
        int[] cells = domain.cells(data, 1);
        long[] truth = new long[domain.size()];
        for (int cell : cells) {
            truth[cell]++;
        }
        boolean anyDifferent = false;
        for (int i = 0; i < truth.length; i++) {
            double error = Math.abs(fitted[i] * rows - truth[i]);
            assertTrue(error <= 5 * sigma, "cell " + i + ": fitted " + fitted[i] * rows + ", true " + truth[i]
                    + ", noise sigma " + sigma);
            anyDifferent |= error > 1e-6;
        }
        assertTrue(anyDifferent, "the marginal is noisy, not the true counts");
    }

    private static double sigma2Of(DpMarginalsModel m, String touchedStart) {
        for (Object call : (List<?>) m.privacy().get("mechanisms")) {
            Map<?, ?> record = (Map<?, ?>) call;
            if (record.get("touched").toString().startsWith(touchedStart)) {
                return Rational.parse(record.get("sigma2").toString()).doubleValue();
            }
        }
        throw new AssertionError("no mechanism touched " + touchedStart);
    }

    @Test
    void theFitSpendsNoMoreThanItsBudgetAndRecordsEveryMechanism() {
        Frame data = Tables.cities(3000, 2, 7);
        DpMarginalsModel m = Tables.fit(data, Map.of("epsilon", "0.5"), 1);
        Map<String, Object> record = m.privacy();
        Rational spent = Rational.ZERO;
        List<?> calls = (List<?>) record.get("mechanisms");
        for (Object call : calls) {
            spent = spent.add(Rational.parse(((Map<?, ?>) call).get("rho").toString()));
            assertEquals("secure", ((Map<?, ?>) call).get("noise"));
        }
        assertEquals(Rational.parse(record.get("rho").toString()), spent);
        assertTrue(spent.compareTo(Rational.parse(record.get("rhoBudget").toString())) <= 0);
        assertTrue((Double) record.get("epsilonSpent") <= 0.5, record.toString());
        // 4 selections, 4 one-way marginals, 3 tree edges, 3 two-way marginals
        assertEquals(14, calls.size(), calls.toString());
    }

    @Test
    void theSameModelAndSeedGiveTheSameRowsWhileTwoPrivateFitsDiffer() {
        Frame data = Tables.cities(3000, 2, 9);
        DpMarginalsModel m = Tables.fit(data, Map.of(), 1);
        String once = ContentDigest.of(m.sample(5000, 4).collect());
        assertEquals(once, ContentDigest.of(m.sample(5000, 4).collect()));
        assertNotEquals(once, ContentDigest.of(m.sample(5000, 5).collect()));
        DpMarginalsModel again = Tables.fit(data, Map.of(), 1);
        assertNotEquals(m.oneWay("city")[0], again.oneWay("city")[0],
                "secure noise: the same seed does not repeat the noise");
    }

    @Test
    void aCategoryHeldByOnePersonNeverAppearsAtTheDefaultBudget() {
        Frame data = Tables.cities(5000, 1, 13);
        data.strings("city").set(17, "Lonelyville");
        DpMarginalsModel m = Tables.fit(data, Map.of(), 2);
        assertFalse(((CategoryDomain) m.domain("city")).categories().contains("Lonelyville"));
        Frame syn = m.sample(50_000, 3).collect();
        assertFalse(syn.strings("city").asList().contains("Lonelyville"));
        assertTrue(syn.strings("city").asList().contains("city0"), "the common cities are released");
    }
}
