package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.RankCorrelation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The copula recovers a known copula: correlations, marginals, category shares, nulls; and is deterministic. */
class GaussianCopulaTest {
    private static final GaussianCopula GENERATOR = new GaussianCopula();
    private static Frame real;
    private static CopulaModel model;
    private static Frame synthetic;

    @BeforeAll
    static void fitOnce() {
        real = KnownCopula.draw(20_000, 7);
        model = (CopulaModel) GENERATOR.fit(real, single(), FitContext.of(11));
        synthetic = model.sampleFrame(40_000, 99);
    }

    static Params defaults() {
        return Params.resolve("test", GENERATOR.describe(), Map.of());
    }

    /** The defaults with one copula ({@code clusters=1}), for tests that look inside it. */
    static Params single() {
        return Params.resolve("test", GENERATOR.describe(), Map.of(GaussianCopula.CLUSTERS, "1"));
    }

    @Test
    void recoversLatentCorrelationOfContinuousColumns() {
        // height and spend are continuous, so their normal scores are the latent ones: tolerance 0.03 (SE ~0.006).
        // Dimensions: height, height's missingness, spend, tier, visits, joined.
        double[][] c = model.correlation();
        assertEquals(0.6, c[0][2], 0.03, "height-spend latent correlation");
        assertEquals(-0.4, c[2][3], 0.05, "spend-tier latent correlation (polyserial)");
        assertEquals(0, c[1][2], 0.03, "missing completely at random: height missingness uncorrelated with spend");
    }

    @Test
    void syntheticRankCorrelationsMatchReal() {
        // Rank correlations between every numeric pair agree within 0.03 (sampling SE ~0.007 at these sizes).
        String[] numeric = {"height", "spend", "visits"};
        for (int a = 0; a < numeric.length; a++) {
            for (int b = a + 1; b < numeric.length; b++) {
                double r = RankCorrelation.spearman(values(real, numeric[a]), values(real, numeric[b]));
                double s = RankCorrelation.spearman(values(synthetic, numeric[a]), values(synthetic, numeric[b]));
                assertEquals(r, s, 0.03, numeric[a] + "-" + numeric[b] + " Spearman");
            }
        }
    }

    @Test
    void categoryDependenceOnNumbersIsKept() {
        // Mean spend per tier: the latent correlation -0.4 makes spend fall from A to D; within 5 %.
        for (String tier : KnownCopula.TIERS) {
            double r = meanSpend(real, tier);
            double s = meanSpend(synthetic, tier);
            assertEquals(r, s, 0.05 * r, "mean spend of tier " + tier);
        }
        assertTrue(meanSpend(synthetic, "A") > meanSpend(synthetic, "D") + 1);
    }

    @Test
    void marginalsAreRecovered() {
        double[] spend = values(synthetic, "spend");
        java.util.Arrays.sort(spend);
        double d = 0;
        for (int i = 0; i < spend.length; i++) {
            double f = KnownCopula.SPEND.cumulativeProbability(spend[i]);
            d = Math.max(d, Math.max(Math.abs(f - i / (double) spend.length), Math.abs(f - (i + 1) / (double) spend.length)));
        }
        assertTrue(d < 0.02, "KS distance of synthetic spend to Gamma(2, 3) is " + d);
        String heightModel = model.columns().get(0).describe();
        assertTrue(heightModel.startsWith("normal") || heightModel.startsWith("truncnorm"),
                "a normal column should be modelled by a normal family, got " + heightModel);
        DoubleColumn h = synthetic.doubles("height");
        assertEquals(real.doubles("height").mean(), h.mean(), 0.3);
        assertEquals(real.doubles("height").standardDeviation(), h.standardDeviation(), 0.3);
    }

    @Test
    void categoryFrequenciesAndNullRatesAreReproduced() {
        StringColumn tier = synthetic.strings("tier");
        for (int k = 0; k < 4; k++) {
            String t = KnownCopula.TIERS[k];
            double share = tier.isEqualTo(t).size() / (double) tier.size();
            assertEquals(KnownCopula.TIER_SHARES[k], share, 0.012, "share of tier " + t);
        }
        assertEquals(real.missingRate("height"), synthetic.missingRate("height"), 0.006);
        assertEquals(0, synthetic.missingRate("spend"));
    }

    @Test
    void integersAreWholeDatesInRangeAndMinMaxRespected() {
        LongColumn visits = synthetic.longs("visits");
        LongColumn realVisits = real.longs("visits");
        assertTrue(visits.min() >= realVisits.min() && visits.max() <= realVisits.max());
        DoubleColumn spend = synthetic.doubles("spend");
        assertTrue(spend.min() >= real.doubles("spend").min() && spend.max() <= real.doubles("spend").max());
        DateTimeColumn joined = synthetic.datetimes("joined");
        for (int i = 0; i < joined.size(); i++) {
            LocalDate d = joined.get(i).toLocalDate();
            assertTrue(!d.isBefore(LocalDate.of(2020, 1, 1)) && d.isBefore(LocalDate.of(2024, 1, 1)), d.toString());
            assertEquals(0, joined.get(i).toLocalTime().toSecondOfDay());
        }
    }

    @Test
    void throughTheEngineHeightsHaveTheOneDecimalTheyWereRecordedTo() {
        // the copula samples heights as it models them; the engine rounds every generator's samples to the real
        // data's written form
        try (Engine engine = Engine.classpath()) {
            Frame sampled = engine.fit(real, GENERATOR.id(), Map.of(), 11, Progress.NONE).sampleFrame(5000, 99);
            int rounded = 0;
            for (double v : values(sampled, "height")) {
                if (!Double.isNaN(v)) {
                    int d = CellText.decimals(v);
                    assertTrue(d == 0 || d == 1, v + " has " + d + " decimals");
                    rounded++;
                }
            }
            assertTrue(rounded > 4000, rounded + " heights");
        }
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        Frame a = model.sampleFrame(20_000, 5);
        Frame b = model.sampleFrame(20_000, 5);
        Frame c = model.sampleFrame(20_000, 6);
        assertEquals(text(a), text(b));
        assertNotEquals(text(a), text(c));
        CopulaModel again = (CopulaModel) GENERATOR.fit(real, single(), FitContext.of(11));
        assertEquals(text(a), text(again.sampleFrame(20_000, 5)), "same data, params and fit seed give the same model");
        assertEquals(text(a.head(1000)), text(model.sampleFrame(1000, 5)), "a smaller sample is a prefix of a larger one");
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        CopulaModel loaded = (CopulaModel) GENERATOR.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(model.schema(), loaded.schema());
        assertEquals(text(model.sampleFrame(5000, 3)), text(loaded.sampleFrame(5000, 3)));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        loaded.save(again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "save(load(x)) == x");
    }

    @Test
    void tenThousandCategoriesCostOneDimension() {
        int n = 60_000;
        Rng rng = new Rng(3);
        String[] city = new String[n];
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            int k = (int) Math.floor(Math.pow(10_000, rng.nextDouble())) - 1;
            city[i] = "city-" + k;
            amount[i] = rng.nextGaussian() + k * 1e-4;
        }
        Frame data = Frame.of(Table.create("t").addColumns(StringColumn.create("city", city),
                DoubleColumn.create("amount", amount)), Schema.of(ColumnSpec.of("city", ColumnKind.CATEGORICAL),
                ColumnSpec.of("amount", ColumnKind.CONTINUOUS)));
        CopulaModel m = (CopulaModel) GENERATOR.fit(data, single(), FitContext.of(1));
        assertEquals(2, m.correlation().length, "one copula dimension per column, not one per category");
        assertTrue(data.strings("city").countUnique() > 5000);
        Frame s = m.sampleFrame(n, 2);
        for (String top : new String[] {"city-0", "city-1", "city-2"}) {
            double r = data.strings("city").isEqualTo(top).size() / (double) n;
            double q = s.strings("city").isEqualTo(top).size() / (double) n;
            assertEquals(r, q, 0.01, "share of " + top);
        }
    }

    @Test
    void spikesAndHeavyTailsSurvive() {
        // A money column: 90 % zeros, the rest log-normal with a heavy tail.
        int n = 20_000;
        Rng rng = new Rng(4);
        double[] gain = new double[n];
        for (int i = 0; i < n; i++) {
            gain[i] = rng.nextDouble() < 0.9 ? 0 : Math.round(Math.exp(8 + 1.5 * rng.nextGaussian()));
        }
        Frame data = Frame.of(Table.create("t").addColumns(DoubleColumn.create("gain", gain)),
                Schema.of(ColumnSpec.of("gain", ColumnKind.CONTINUOUS)));
        Frame s = GENERATOR.fit(data, defaults(), FitContext.of(1)).sampleFrame(n, 9);
        DoubleColumn g = s.doubles("gain");
        assertEquals(0.9, g.isEqualTo(0).size() / (double) n, 0.01, "share of exact zeros");
        double realP99 = data.doubles("gain").percentile(99.5);
        double synP99 = g.percentile(99.5);
        assertEquals(realP99, synP99, 0.15 * realP99, "99.5th percentile (tail)");
        assertTrue(ksComplement(data.doubles("gain"), g) > 0.97);
    }

    @Test
    void nullOnlyAndConstantColumnsAreHandled() {
        double[] nulls = new double[100];
        java.util.Arrays.fill(nulls, Double.NaN);
        String[] same = new String[100];
        java.util.Arrays.fill(same, "x");
        Frame data = Frame.of(Table.create("t").addColumns(DoubleColumn.create("empty", nulls),
                StringColumn.create("same", same)), Schema.of(ColumnSpec.of("empty", ColumnKind.CONTINUOUS),
                ColumnSpec.of("same", ColumnKind.CATEGORICAL)));
        Frame s = GENERATOR.fit(data, defaults(), FitContext.of(1)).sampleFrame(50, 1);
        assertEquals(1.0, s.missingRate("empty"));
        assertEquals(50, s.strings("same").isEqualTo("x").size());
    }

    static double ksComplement(DoubleColumn a, DoubleColumn b) {
        return AdultIntegrationTest.ksComplement(a.asDoubleArray(), b.asDoubleArray());
    }

    private static double meanSpend(Frame f, String tier) {
        StringColumn t = f.strings("tier");
        DoubleColumn s = f.doubles("spend");
        double sum = 0;
        int n = 0;
        for (int i = 0; i < f.rowCount(); i++) {
            if (t.get(i).equals(tier)) {
                sum += s.getDouble(i);
                n++;
            }
        }
        return sum / n;
    }

    static double[] values(Frame f, String column) {
        ColumnSpec spec = f.schema().column(column);
        return NumericOutput.values(f, spec);
    }

    static String text(Frame f) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < f.rowCount(); r++) {
            for (int c = 0; c < f.columnCount(); c++) {
                sb.append(CellText.of(f, c, r)).append(',');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
