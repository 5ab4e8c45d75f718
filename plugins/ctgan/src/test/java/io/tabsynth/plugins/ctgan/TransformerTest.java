package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.testkit.SampleData;
import java.util.List;
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
    void twoEqualModesFarApartAreTwoModesAtAnyScale() {
        // from a random start alone the mixture merged these into one mode as wide as the column
        for (double c : new double[] {0.94, 10, 1e6}) {
            Rng rng = new Rng(4);
            double[] x = new double[2_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i % 2 == 0 ? c : -c) + c / 100 * rng.nextGaussian();
            }
            ModeMixture m = ModeMixture.fit(x, 10);
            assertEquals(2, m.size(), c + ": modes " + java.util.Arrays.toString(m.means()));
            assertEquals(-c, m.means()[0], c / 100);
            assertEquals(c, m.means()[1], c / 100);
            assertEquals(0.5, m.weights()[0], 0.01);
            // narrow, though the prior (the column's variance over the mode's count) widens them past c / 100
            assertTrue(m.stds()[0] < c / 10 && m.stds()[1] < c / 10, "stds " + java.util.Arrays.toString(m.stds()));
        }
    }

    @Test
    void aSpikeAmongSeveralModesKeepsItsOwnModeAndTheFarOnesTheirs() {
        // hours-per-week-like: spikes at 40 and 50 on a wide spread; the better-scoring start must keep both
        // spikes as point modes rather than one wide mode over everything
        Rng rng = new Rng(5);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 10 < 5 ? 40 : i % 10 < 7 ? 50 : Math.max(1, Math.round(35 + 12 * rng.nextGaussian()));
        }
        ModeMixture m = ModeMixture.fit(x, 10);
        java.util.Set<Double> points = new java.util.TreeSet<>();
        for (int j = 0; j < m.size(); j++) {
            if (m.stds()[j] == 0) {
                points.add(m.means()[j]);
            }
        }
        assertTrue(points.contains(40.0) && points.contains(50.0), "point modes " + points);
    }

    @Test
    void theMixtureOfValuesNearTheLargestDoubleIsFiniteAndEncodesThem() {
        double[] x = new double[400];
        Rng rng = new Rng(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 10 < 3 ? 1.6e308 : -1.6e308) + 1e306 * rng.nextGaussian();
        }
        ModeMixture m = ModeMixture.fit(x, 10);
        assertEquals(2, m.size(), "modes: " + java.util.Arrays.toString(m.means()));
        assertEquals(-1.6e308, m.means()[0], 1e306);
        // the prior (the column's variance over a mode's count) widens both, as for any column
        assertTrue(m.stds()[0] > 1e306 && m.stds()[1] < 5e307, "stds " + java.util.Arrays.toString(m.stds()));
        for (double v : new double[] {1.6e308, -Double.MAX_VALUE, Double.MAX_VALUE, 0}) {
            double[] p = m.responsibilities(v);
            assertEquals(1, p[0] + p[1], 1e-12, v + ": " + java.util.Arrays.toString(p));
        }
        assertEquals(1.0, m.responsibilities(Double.MAX_VALUE)[1]);
        assertEquals(0.99, m.scalar(0, Double.MAX_VALUE));
        assertEquals(m.means()[0] + 2 * m.stds()[0], m.value(0, 0.5), 1e295);
        // a mode as wide as the whole range of doubles still decodes to finite values
        ModeMixture wide = new ModeMixture(new double[] {0}, new double[] {1e308}, new double[] {1});
        assertEquals(4e307, wide.value(0, 0.1), 1e293);
        assertEquals(0.25, wide.scalar(0, 1e308), 1e-12);
    }

    @Test
    void aSpikeOfOneValueBecomesAPointModeThatDecodesToExactlyThatValue() {
        // like adult's capital-gain: 92 % zeros, the rest spread between a few hundred and 20,000
        Rng rng = new Rng(3);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 100 < 92 ? 0 : i % 100 < 96 ? Math.round(3000 + 1000 * rng.nextGaussian())
                    : Math.round(15000 + 800 * rng.nextGaussian());
        }
        ModeMixture m = ModeMixture.fit(x, 10);
        int zero = -1;
        for (int j = 0; j < m.size(); j++) {
            if (m.stds()[j] == 0) {
                assertEquals(-1, zero, "one point mode: " + java.util.Arrays.toString(m.means()));
                zero = j;
            }
        }
        assertTrue(zero >= 0, "no point mode; stds " + java.util.Arrays.toString(m.stds()));
        assertEquals(0.0, m.means()[zero]);
        assertEquals(0.92, m.weights()[zero], 0.01);
        assertEquals(1.0, m.responsibilities(0)[zero]);
        assertEquals(0.0, m.responsibilities(150)[zero], "a value near the point belongs to the Gaussian modes");
        assertEquals(0.0, m.scalar(zero, 0));
        for (double s : new double[] {-1, -0.4, 0.3, 1}) {
            assertEquals(0.0, m.value(zero, s), "whatever scalar the generator gives, the point's value");
        }
        // the other modes keep a spread and map scalars to values within four standard deviations
        int other = zero == 0 ? 1 : 0;
        assertTrue(m.stds()[other] > 100, "stds " + java.util.Arrays.toString(m.stds()));
        assertEquals(m.means()[other] + 2 * m.stds()[other], m.value(other, 0.5), 1e-9);
        ModeMixture constant = ModeMixture.fit(new double[] {7.25, 7.25, 7.25}, 10);
        assertEquals(0.0, constant.stds()[0], "a constant column is one point mode");
        assertEquals(7.25, constant.value(0, 0.8));
        // through a saved transformer: whatever scalars the generator writes, the zeros come back as zeros,
        // and no other value does
        Frame data = Frame.of(Table.create(DoubleColumn.create("gain", x)),
                Schema.of(ColumnSpec.of("gain", ColumnKind.CONTINUOUS)));
        DataTransformer t = DataTransformer.fromJson(DataTransformer.fit(data, 10).toJson());
        double[] enc = t.encode(data, new Rng(4));
        int scalarAt = -1;
        for (DataTransformer.Span s : t.spans()) {
            if (s.activation() != DataTransformer.Activation.SOFTMAX) {
                scalarAt = s.start();
            }
        }
        for (int r = 0; r < x.length; r++) {
            enc[r * t.dimensions() + scalarAt] = 2 * rng.nextDouble() - 1;
        }
        Frame back = t.decode(enc, x.length, 0, new Rng(1));
        for (int r = 0; r < x.length; r++) {
            double v = back.doubles("gain").getDouble(r);
            assertEquals(x[r] == 0, v == 0, "row " + r + ": " + x[r] + " came back as " + v);
        }
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
        Frame back = t.decode(enc, 3000, 0, new Rng(1));
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
        assertEquals(back.table().print(50), again.decode(enc, 3000, 0, new Rng(1)).table().print(50));
    }

    @Test
    void identifiersGetNewKeysInTheirRealFormatAndTheFormatIsSavedWithTheModel() {
        StringColumn order = StringColumn.create("order");
        StringColumn email = StringColumn.create("email");
        DoubleColumn v = DoubleColumn.create("v");
        for (int i = 0; i < 500; i++) {
            order.append(String.format("ORD-%05d", 700 + 3 * i));
            email.append("client" + i + "@corp.example.org");
            v.append(i);
        }
        Frame data = Frame.of(Table.create("t", order, email, v), Schema.of(ColumnSpec.of("order", ColumnKind.IDENTIFIER),
                ColumnSpec.of("email", ColumnKind.IDENTIFIER), ColumnSpec.of("v", ColumnKind.CONTINUOUS)));
        DataTransformer t = DataTransformer.fit(data, 10);
        // real numbers up to 2197: new keys from 3001, never a real one
        assertEquals(new KeyFormat(KeyFormat.NUMBERED, "ORD-", "", 5, java.math.BigInteger.valueOf(3001)),
                t.keyFormats().get("order"));
        double[] enc = t.encode(data, new Rng(2));
        Frame back = t.decode(enc, 2, 40, new Rng(1));
        assertEquals(List.of("ORD-03041", "ORD-03042"), back.strings("order").asList(), "numbered by row");
        assertEquals(List.of("user000041@example.com", "user000042@example.com"), back.strings("email").asList());

        com.fasterxml.jackson.databind.node.ObjectNode json = t.toJson();
        assertEquals(t.keyFormats(), DataTransformer.fromJson(json).keyFormats());
        // a model file written before key formats were saved numbers keys under the column's name
        for (com.fasterxml.jackson.databind.JsonNode col : json.get("columns")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) col).remove("keys");
        }
        assertEquals("order-000001", DataTransformer.fromJson(json).decode(enc, 1, 0, new Rng(1))
                .strings("order").get(0));
    }

    @Test
    void freeTextIsDrawnFromItsWordsNotCopiedAndOldModelsStillDecodeIt() {
        StringColumn note = StringColumn.create("note");
        DoubleColumn v = DoubleColumn.create("v");
        String[] words = {"late", "delivery", "refund", "great", "service"};
        Rng rng = new Rng(6);
        for (int i = 0; i < 2000; i++) {
            note.append(words[rng.nextInt(5)] + " " + words[rng.nextInt(5)] + " ticket" + i);
            v.append(rng.nextGaussian());
        }
        Schema schema = Schema.of(ColumnSpec.of("note", ColumnKind.FREE_TEXT), ColumnSpec.of("v", ColumnKind.CONTINUOUS));
        Frame data = Frame.of(Table.create("t", note, v), schema);
        DataTransformer t = DataTransformer.fit(data, 10);
        assertEquals(1 + t.modes().get("v"), t.dimensions(), "the text takes no part of the network's vector");
        assertEquals("bag of words (5 words)", t.madeApart().get("note"), "each ticket number is one text's: left out");
        double[] enc = t.encode(data, new Rng(2));
        java.util.Set<String> real = new java.util.HashSet<>(note.asList());
        Frame back = t.decode(enc, 2000, 0, new Rng(1));
        for (String text : back.strings("note")) {
            assertTrue(!real.contains(text) && text.split(" ").length == 3, text);
        }
        com.fasterxml.jackson.databind.node.ObjectNode json = t.toJson();
        assertEquals(back.table().print(30), DataTransformer.fromJson(json).decode(enc, 2000, 0, new Rng(1)).table().print(30));

        // a model saved when free text was a block of categories keeps decoding it from that block
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("columns").get(0);
        old.remove("text");
        old.putArray("categories").add("late ticket").add("great service");
        DataTransformer legacy = DataTransformer.fromJson(json);
        assertEquals(t.dimensions() + 2, legacy.dimensions());
        double[] row = new double[legacy.dimensions()];
        row[1] = 1; // the second category's slot
        assertEquals("great service", legacy.decode(row, 1, 0, new Rng(1)).strings("note").get(0));
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

    @Test
    void anEncodingLargerThanOneArrayIsRefusedWithTheRowsThatFit() {
        // 10,000,000 rows of 215 one-hot values are 2,150,000,000: past int, once a negative array size.
        assertEquals(2_000_000_000, DataTransformer.encodedSize(10_000_000, 200));
        io.tabsynth.spi.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.tabsynth.spi.BadInputException.class, () -> DataTransformer.encodedSize(10_000_000, 215));
        assertTrue(e.getMessage().contains("10,000,000 rows") && e.getMessage().contains("at most 9,988,295 rows"),
                e.getMessage());
    }
}
