package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.testkit.SampleData;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Mode-specific normalisation and training-by-sampling on data with known structure. */
class TransformerTest {
    @Test
    void theMixtureFindsTheModesOfABimodalColumnAndDropsTheRest() {
        Rng rng = new Rng(1);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 10 < 3 ? -5 + 0.5 * rng.nextGaussian() : 10 + 2 * rng.nextGaussian();
        }
        ModeMixture m = ModeMixture.fit(x, 10);
        assertEquals(2, m.size(), "modes: " + java.util.Arrays.toString(m.means()));
        assertEquals(-5, m.means()[0], 0.05);
        assertEquals(10, m.means()[1], 0.1);
        assertEquals(0.5, m.stds()[0], 0.05);
        assertEquals(2, m.stds()[1], 0.1);
        assertEquals(0.3, m.weights()[0], 0.01);
        double[] p = m.responsibilities(-5);
        assertTrue(p[0] > 0.999);
    }

    @Test
    void encodingRoundTripsEveryKindAndKeepsMissingValues() {
        Frame data = SampleData.mixed(3000, 3).select(java.util.List.of("age", "income", "segment", "churned", "joined"));
        DataTransformer t = DataTransformer.fit(data, 10);
        double[] enc = t.encode(data, new Rng(2));
        assertEquals(3000 * t.dimensions(), enc.length);
        for (DataTransformer.Span s : t.spans()) {
            for (int r = 0; r < 3000; r++) {
                if (s.activation() == DataTransformer.Activation.SOFTMAX) {
                    double sum = 0;
                    for (int i = 0; i < s.width(); i++) {
                        sum += enc[r * t.dimensions() + s.start() + i];
                    }
                    assertEquals(1, sum, 1e-12, "one-hot");
                } else {
                    assertTrue(Math.abs(enc[r * t.dimensions() + s.start()]) <= 0.99);
                }
            }
        }
        Frame back = t.decode(enc, 3000, 0);
        assertEquals(data.schema(), back.schema());
        int exact = 0;
        for (int r = 0; r < 3000; r++) {
            for (int c = 0; c < data.columnCount(); c++) {
                assertEquals(data.isMissing(c, r), back.isMissing(c, r), "missing kept at row " + r + " col " + c);
            }
            assertEquals(data.strings("segment").get(r), back.strings("segment").get(r));
            if (!data.isMissing(1, r) && Math.abs(data.doubles("income").getDouble(r) - back.doubles("income").getDouble(r))
                    <= 1e-6 * Math.abs(data.doubles("income").getDouble(r))) {
                exact++;
            }
        }
        // values beyond 3.96 standard deviations of their mode are clipped; nearly all come back exactly
        assertTrue(exact > 0.85 * 3000, "exact " + exact);
        DataTransformer again = DataTransformer.fromJson(t.toJson());
        assertEquals(t.dimensions(), again.dimensions());
        assertEquals(back.table().print(50), again.decode(enc, 3000, 0).table().print(50));
    }

    @Test
    void trainingBySamplingFavoursRareCategoriesByLogFrequency() {
        StringColumn c = StringColumn.create("kind");
        DoubleColumn v = DoubleColumn.create("v");
        for (int i = 0; i < 10_000; i++) {
            c.append(i < 9_900 ? "common" : "rare");
            v.append(i);
        }
        Frame data = Frame.of(Table.create("t", c, v), Schema.of(ColumnSpec.of("kind", ColumnKind.CATEGORICAL),
                ColumnSpec.of("v", ColumnKind.CONTINUOUS)));
        DataTransformer t = DataTransformer.fit(data, 10);
        ConditionalSampler s = new ConditionalSampler(t, data);
        assertEquals(2, s.condDimensions());
        Rng rng = new Rng(4);
        int rare = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            ConditionalSampler.Draw d = s.train(rng);
            String got = data.strings("kind").get(d.row());
            assertEquals(d.category() == t.categories(data, t.discrete().get(0))[d.row()], true);
            rare += got.equals("rare") ? 1 : 0;
        }
        double expected = Math.log(101) / (Math.log(101) + Math.log(9901));
        assertEquals(expected, rare / (double) n, 0.01, "log-frequency share of the rare category");
        int rareGen = 0;
        for (int i = 0; i < n; i++) {
            rareGen += s.generate(rng).category() == 1 ? 1 : 0;
        }
        assertEquals(0.01, rareGen / (double) n, 0.003, "real frequency at generation");
    }
}
