package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The Gaussian copula with {@code epsilon}: what it releases, what it costs, and how close it comes. */
class PrivateCopulaTest {
    private static final GaussianCopula GENERATOR = new GaussianCopula();
    private static final int ROWS = 20_000;

    static CopulaModel fit(Frame data, Map<String, String> params, long seed) {
        return (CopulaModel) GENERATOR.fit(data, Params.resolve(GENERATOR.id(), GENERATOR.describe(), params),
                FitContext.of(seed));
    }

    static Map<String, String> seeded(double epsilon) {
        return Map.of("epsilon", Double.toString(epsilon), "noise", "seeded");
    }

    /** The index of each column's value dimension in the model's correlation. */
    static Map<String, Integer> dimensions(CopulaModel model) {
        Map<String, Integer> out = new HashMap<>();
        int d = 0;
        for (ColumnModel c : model.columns()) {
            if (c.inCopula()) {
                out.put(c.spec().name(), d++);
            }
            if (c.nullDimension()) {
                d++;
            }
        }
        return out;
    }

    /** The σ of the noise on one correlation entry, as the record's last mechanism (the sums) sets it. */
    static double correlationNoise(CopulaModel model, int rows) {
        List<?> mechanisms = (List<?>) model.privacy().get("mechanisms");
        Map<?, ?> sums = (Map<?, ?>) mechanisms.get(mechanisms.size() - 1);
        assertTrue(sums.get("touched").toString().startsWith("the sums of products"), sums.toString());
        double sigma = Math.sqrt(Rational.parse(sums.get("sigma2").toString()).doubleValue());
        int d = model.correlation().length;
        // one unit of the sums is B²/UNITS of a product (less the rounding headroom), and S_aa is about rows
        return sigma * PrivateCorrelation.clipBound(d) / PrivateCorrelation.UNITS / rows;
    }

    @Test
    void theCorrelationIsRecoveredWithinTheErrorTheNoisePredicts() {
        Frame real = KnownCopula.draw(ROWS, 11);
        CopulaModel large = fit(real, seeded(10), 1);
        Map<String, Integer> dim = dimensions(large);
        double[][] r = large.correlation();
        double noise = correlationNoise(large, ROWS);
        // at ε = 10 the noise is far below the sampling error (about 0.01) and the binning's
        assertTrue(noise < 0.002, "noise " + noise);
        assertEquals(0.6, r[dim.get("height")][dim.get("spend")], 0.05);
        assertEquals(0.3, r[dim.get("height")][dim.get("tier")], 0.05);
        assertEquals(-0.4, r[dim.get("spend")][dim.get("tier")], 0.05);
        assertEquals(0, r[dim.get("joined")][dim.get("spend")], 0.05);

        // at ε = 2 the noise is larger, and the fit still finds the strong correlation (below about ε = 1 on 20,000
        // rows the DP quantiles miss the bounds, see docs/privacy.md; PrivateCorrelationTest takes the noise alone)
        CopulaModel small = fit(real, seeded(2), 1);
        Map<String, Integer> d = dimensions(small);
        double predicted = correlationNoise(small, ROWS);
        assertTrue(predicted > 4 * noise, predicted + " against " + noise);
        assertEquals(0.6, small.correlation()[d.get("height")][d.get("spend")], 0.05 + 5 * predicted);
    }

    @Test
    void categorySharesAndTheNullRateAreWithinTheNoiseOfTheirCounts() {
        Frame real = KnownCopula.draw(ROWS, 12);
        CopulaModel model = fit(real, seeded(1), 2);
        double sigma = Double.NaN;
        for (Object call : (List<?>) model.privacy().get("mechanisms")) {
            Map<?, ?> m = (Map<?, ?>) call;
            if (m.get("touched").toString().startsWith("counts of column 'tier'")) {
                sigma = Math.sqrt(Rational.parse(m.get("sigma2").toString()).doubleValue());
            }
        }
        assertTrue(sigma > 1, "the marginal's noise is recorded: " + sigma);
        int sample = 200_000;
        Frame synthetic = model.sampleFrame(sample, 5);
        Map<String, Integer> counts = new HashMap<>();
        int missingHeight = 0;
        for (int i = 0; i < sample; i++) {
            counts.merge(synthetic.cell(synthetic.schema().indexOf("tier"), i).toString(), 1, Integer::sum);
            missingHeight += synthetic.cell(synthetic.schema().indexOf("height"), i) == null ? 1 : 0;
        }
        for (int k = 0; k < KnownCopula.TIERS.length; k++) {
            double share = counts.getOrDefault(KnownCopula.TIERS[k], 0) / (double) sample;
            double p = KnownCopula.TIER_SHARES[k];
            // the real share's own sampling error, the noise of its count, the sample's error
            double error = Math.sqrt(p * (1 - p) / ROWS) + sigma / ROWS + Math.sqrt(p * (1 - p) / sample);
            assertEquals(p, share, 4 * error, "share of tier " + KnownCopula.TIERS[k]);
        }
        double nullRate = missingHeight / (double) sample;
        double p = KnownCopula.HEIGHT_NULL_RATE;
        assertEquals(p, nullRate, 4 * (Math.sqrt(p * (1 - p) / ROWS) + sigma / ROWS + Math.sqrt(p * (1 - p) / sample)));
        assertEquals(5, model.columns().size());
        assertFalse(model.columns().get(model.schema().indexOf("spend")).nullDimension(),
                "a column with no missing value gets no missing values from the noise");
    }

    @Test
    void theFitSpendsNoMoreThanItsBudgetAndRecordsEveryMechanism() {
        CopulaModel model = fit(KnownCopula.draw(5_000, 13), Map.of("epsilon", "1", "delta", "1e-6"), 3);
        Map<String, Object> privacy = model.privacy();
        Rational spent = Rational.parse(privacy.get("rho").toString());
        Rational budget = Rational.parse(privacy.get("rhoBudget").toString());
        assertTrue(spent.compareTo(budget) <= 0, spent + " of " + budget);
        assertTrue(spent.doubleValue() > 0.99 * budget.doubleValue(), "the budget is used: " + spent + " of " + budget);
        assertTrue((Double) privacy.get("epsilonSpent") <= 1.0, privacy.get("epsilonSpent").toString());
        assertEquals("secure", privacy.get("noise"));
        List<?> mechanisms = (List<?>) privacy.get("mechanisms");
        // 4 numeric columns' two quantiles, tier's selection, 5 histograms, the correlation's sums
        assertEquals(4 * 2 + 1 + 5 + 1, mechanisms.size(), mechanisms.toString());
        String text = mechanisms.toString();
        assertTrue(text.contains("the 2% quantile of column 'height'"), text);
        assertTrue(text.contains("the categories of column 'tier'"), text);
        assertTrue(text.contains("sensitivity=" + PrivateCorrelation.UNITS), text);
        for (String key : List.of("epsilon", "delta", "rhoBudget", "rho", "selectionDelta", "epsilonSpent", "noise",
                "split", "mechanisms")) {
            assertTrue(privacy.containsKey(key), key + " in " + privacy.keySet());
        }
        assertTrue(model.describeColumns().get("height").contains("bounds paid"), model.describeColumns().toString());
    }

    @Test
    void boundsAndCategoriesDeclaredPublicCostNothing() {
        Frame real = KnownCopula.draw(5_000, 16);
        Params params = Params.resolve(GENERATOR.id(), GENERATOR.describe(), Map.of("epsilon", "1", "noise", "seeded"));
        Map<String, DeclaredDomain> declared = Map.of("height", DeclaredDomain.bounds(120, 220),
                "tier", DeclaredDomain.categories(List.of("A", "B", "C", "D")));
        CopulaModel model = (CopulaModel) GENERATOR.fit(real, params,
                new FitContext(3, 1, io.tabsynth.spi.Progress.NONE, null, declared));
        String mechanisms = model.privacy().get("mechanisms").toString();
        assertFalse(mechanisms.contains("quantile of column 'height'"), mechanisms);
        assertFalse(mechanisms.contains("the categories of column 'tier'"), mechanisms);
        assertTrue(mechanisms.contains("the 2% quantile of column 'spend'"), mechanisms);
        assertEquals(Map.of("height", Map.of("bounds", List.of(120.0, 220.0)),
                "tier", Map.of("categories", List.of("A", "B", "C", "D"))), model.privacy().get("declaredDomains"));
        assertTrue(model.describeColumns().get("height").contains("between 120.0 and 220.0"),
                model.describeColumns().get("height"));
        Rational spent = Rational.parse(model.privacy().get("rho").toString());
        assertTrue(spent.compareTo(Rational.parse(model.privacy().get("rhoBudget").toString())) <= 0);
    }

    @Test
    void noCategoryHeldByFewerRowsThanTheThresholdIsReleased() {
        // 3,000 rows in three common cities and 5 rows in a small one; the selection threshold at ε = 1 is about 40
        Rng rng = new Rng(4);
        String[] cities = new String[3005];
        String[] common = {"Lyon", "Nantes", "Lille"};
        for (int i = 0; i < 3000; i++) {
            cities[i] = common[rng.nextInt(3)];
        }
        for (int i = 3000; i < cities.length; i++) {
            cities[i] = "Tulle";
        }
        Frame real = Frame.of(Table.create("t", StringColumn.create("city", cities)),
                Schema.of(ColumnSpec.of("city", ColumnKind.CATEGORICAL)));
        for (long seed = 0; seed < 10; seed++) {
            CopulaModel model = fit(real, Map.of("epsilon", "1"), seed);
            Frame synthetic = model.sampleFrame(5_000, seed);
            for (int i = 0; i < synthetic.rowCount(); i++) {
                assertNotEquals("Tulle", synthetic.cell(0, i), "a city of 5 rows was released");
            }
            assertTrue(model.describeColumns().get("city").contains("3 categories"), model.describeColumns().toString());
        }
    }

    @Test
    void seededNoiseRepeatsAndSecureNoiseDoesNot() throws IOException {
        Frame real = KnownCopula.draw(3_000, 14);
        assertArrayEquals(bytes(fit(real, seeded(1), 7)), bytes(fit(real, seeded(1), 7)));
        assertFalse(java.util.Arrays.equals(bytes(fit(real, seeded(1), 7)), bytes(fit(real, seeded(1), 8))));
        Map<String, String> secure = Map.of("epsilon", "1");
        assertFalse(java.util.Arrays.equals(bytes(fit(real, secure, 7)), bytes(fit(real, secure, 7))),
                "secure noise is not the seed's");
    }

    @Test
    void theModelFileKeepsItsFormatAndItsRecordAndSamplesTheSameRows() throws IOException {
        CopulaModel model = fit(KnownCopula.draw(3_000, 15), seeded(2), 9);
        byte[] saved = bytes(model);
        Model loaded = GENERATOR.load(new ByteArrayInputStream(saved));
        assertEquals(model.privacy(), loaded.privacy());
        assertEquals(GaussianCopulaTest.text(model.sampleFrame(500, 3)), GaussianCopulaTest.text(loaded.sampleFrame(500, 3)));
        String json = new String(saved, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"format\":\"" + CopulaModel.FORMAT + "\""), json.substring(0, 80));
        assertTrue(json.contains("\"version\":1"), "a single copula's payload version");
    }

    @Test
    void everyColumnKindFitsAndSamplesInItsOwnForm() {
        int n = 3_000;
        Rng rng = new Rng(6);
        String[] keys = new String[n];
        String[] notes = new String[n];
        Boolean[] flags = new Boolean[n];
        java.time.LocalDateTime[] seen = new java.time.LocalDateTime[n];
        for (int i = 0; i < n; i++) {
            keys[i] = "K" + (1000 + i);
            notes[i] = rng.nextInt(10) == 0 ? "a note held by one row " + i : "usual";
            flags[i] = rng.nextInt(3) == 0;
            seen[i] = java.time.LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(rng.nextInt(86_400 * 30));
        }
        tech.tablesaw.api.BooleanColumn flag = tech.tablesaw.api.BooleanColumn.create("flag");
        for (Boolean b : flags) {
            flag.append(b);
        }
        Frame real = Frame.of(Table.create("t", StringColumn.create("key", keys), StringColumn.create("note", notes), flag,
                        tech.tablesaw.api.DateTimeColumn.create("seen", seen)),
                Schema.of(ColumnSpec.of("key", ColumnKind.IDENTIFIER), ColumnSpec.of("note", ColumnKind.FREE_TEXT),
                        ColumnSpec.of("flag", ColumnKind.BOOLEAN),
                        new ColumnSpec("seen", ColumnKind.DATETIME, "yyyy-MM-dd HH:mm:ss")));
        CopulaModel model = fit(real, seeded(3), 4);
        Frame synthetic = model.sampleFrame(2_000, 1);
        int flagged = 0;
        for (int i = 0; i < synthetic.rowCount(); i++) {
            assertEquals("key-" + String.format("%06d", i + 1), synthetic.cell(0, i), "new keys, not the real ones");
            assertEquals("usual", synthetic.cell(1, i), "texts held by one row are not released");
            flagged += Boolean.TRUE.equals(synthetic.cell(2, i)) ? 1 : 0;
            java.time.LocalDateTime t = (java.time.LocalDateTime) synthetic.cell(3, i);
            // the public grid of bounds is 12% apart: in seconds since 1970 that is about six years
            assertTrue(t.getYear() >= 2017 && t.getYear() <= 2031, t.toString());
        }
        assertEquals(1.0 / 3, flagged / 2_000.0, 0.05);
        assertEquals("new keys key-000001, ...", model.describeColumns().get("key"));
        // one modelled column: no correlation is released, its marginal gets what the domains leave
        Frame single = real.select(List.of("flag"));
        CopulaModel one = fit(single, seeded(1), 4);
        assertFalse(one.privacy().get("mechanisms").toString().contains("sums of products"));
        assertEquals(1, one.correlation().length);
    }

    @Test
    void aBadEpsilonIsBadInputNamingTheParameter() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> fit(KnownCopula.draw(100, 1), Map.of("epsilon", "lots"), 1));
        assertTrue(e.getMessage().contains("parameter 'epsilon': 'lots' is not a number"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> fit(KnownCopula.draw(100, 1), Map.of("epsilon", "0"), 1));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void onlyAFitWithEpsilonIsDifferentiallyPrivate() {
        assertTrue(GENERATOR.differentiallyPrivate(Params.resolve("g", GENERATOR.describe(), Map.of("epsilon", "1"))));
        assertFalse(GENERATOR.differentiallyPrivate(Params.resolve("g", GENERATOR.describe(), Map.of())));
        assertTrue(fit(KnownCopula.draw(500, 2), Map.of(), 1).privacy().isEmpty());
    }

    private static byte[] bytes(Model model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        return out.toByteArray();
    }
}
