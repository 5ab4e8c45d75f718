package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** After a few epochs on small data with known structure, the model has learned it. */
class CtganTest {
    static Frame data(int n) {
        Rng rng = new Rng(21);
        StringColumn segment = StringColumn.create("segment");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn bimodal = DoubleColumn.create("bimodal");
        for (int i = 0; i < n; i++) {
            boolean high = rng.nextDouble() < 0.5;
            segment.append(high ? "high" : "low");
            value.append(high ? 50 + 2 * rng.nextGaussian() : 10 + rng.nextGaussian());
            bimodal.append(rng.nextDouble() < 0.3 ? -5 + 0.5 * rng.nextGaussian() : 5 + 0.5 * rng.nextGaussian());
        }
        return Frame.of(Table.create("t", segment, value, bimodal), Schema.of(
                ColumnSpec.of("segment", ColumnKind.CATEGORICAL), ColumnSpec.of("value", ColumnKind.CONTINUOUS),
                ColumnSpec.of("bimodal", ColumnKind.CONTINUOUS)));
    }

    static Model fit(Frame data, int epochs, long seed) {
        return fit(data, epochs, seed, Map.of());
    }

    static Model fit(Frame data, int epochs, long seed, Map<String, String> more) {
        Ctgan g = new Ctgan();
        Map<String, String> values = new java.util.HashMap<>(Map.of("epochs", String.valueOf(epochs), "batchSize",
                "100", "width", "64", "embedding", "32", "learningRate", "2e-4"));
        values.putAll(more);
        return g.fit(data, Params.resolve("ctgan", g.describe(), values), FitContext.of(seed));
    }

    @Test
    void learnsABimodalColumnAndACategoryThatDeterminesARange() throws Exception {
        Frame real = data(2000);
        Model m = fit(real, 100, 1);
        Frame syn = m.sample(4000, 2).collect();
        assertEquals(real.schema(), syn.schema());
        int negative = 0;
        int consistent = 0;
        for (int r = 0; r < syn.rowCount(); r++) {
            negative += syn.doubles("bimodal").getDouble(r) < 0 ? 1 : 0;
            boolean high = syn.strings("segment").get(r).equals("high");
            double v = syn.doubles("value").getDouble(r);
            consistent += high ? (v > 30 ? 1 : 0) : (v < 30 ? 1 : 0);
        }
        double share = negative / 4000.0;
        assertTrue(share > 0.15 && share < 0.45, "share of the lower mode: " + share);
        // a model that had not learned the dependence would pair segments and values at random: 50 % fit
        // (seeds 1, 2, 3 give 70 %, 84 %, 81 % after these 2,000 steps)
        assertTrue(consistent > 0.65 * 4000, "rows whose value fits their segment: " + consistent);

        // conditional generation through the conditional vector: nearly every row has the asked-for segment,
        // and the values move with it (real means 50 and 10; independent of the segment they would not differ)
        double[] means = new double[2];
        String[] segments = {"high", "low"};
        for (int k = 0; k < 2; k++) {
            Frame rows = m.conditioned(Map.of("segment", segments[k])).orElseThrow().sample(2000, 4).collect();
            int asked = 0;
            for (int r = 0; r < rows.rowCount(); r++) {
                asked += rows.strings("segment").get(r).equals(segments[k]) ? 1 : 0;
                means[k] += rows.doubles("value").getDouble(r) / rows.rowCount();
            }
            assertTrue(asked > 0.9 * 2000, "rows in the conditioned segment " + segments[k] + ": " + asked);
        }
        assertTrue(means[0] - means[1] > 15, "mean value given high " + means[0] + ", given low " + means[1]);
        assertTrue(m.conditioned(Map.of("value", "10")).isEmpty(), "numeric conditions are left to the engine");

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        Model loaded = new Ctgan().load(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(ContentDigest.of(m.sample(500, 3).collect()), ContentDigest.of(loaded.sample(500, 3).collect()));
    }

    @Test
    void trainingThatDivergesFailsWithAClearErrorInsteadOfSavingAModelThatSamplesNonsense() {
        Trainer t = new Trainer(data(200), new Settings(3, 50, 10, 16, 32, 2e-4, 1e-6, 10, 0.2, 10, 0, 0.5, 0.2, 0.5,
                0.9, 1), 1);
        t.criticParams().get(0).assign(Double.NaN); // what an overflow in the data or a step too large leaves
        BadInputException e = assertThrows(BadInputException.class,
                () -> t.train(io.tabsynth.spi.Progress.NONE, epoch -> { }, null));
        assertTrue(e.getMessage().startsWith("ctgan: training diverged in epoch 1 (generator loss NaN"), e.getMessage());
    }

    @Test
    void valuesNearTheLargestDoubleTrainAsWellAsOrdinaryOnes() {
        // a column of ±1e308 once overflowed the mode fit's sums to NaN, and every sampled row of every column
        // came out the same
        Rng rng = new Rng(5);
        int n = 600;
        double[] big = new double[n];
        String[] colour = new String[n];
        for (int i = 0; i < n; i++) {
            big[i] = (i % 10 < 3 ? 1 : -1) * 1e308 * (0.5 + 0.4 * rng.nextDouble());
            colour[i] = i % 3 == 0 ? "red" : "blue";
        }
        Frame real = Frame.of(Table.create(DoubleColumn.create("big", big), StringColumn.create("colour", colour)),
                Schema.of(ColumnSpec.of("big", ColumnKind.CONTINUOUS), ColumnSpec.of("colour", ColumnKind.CATEGORICAL)));
        Frame synthetic = fit(real, 10, 3).sample(600, 1).collect();
        int negative = 0;
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 600; i++) {
            double v = synthetic.doubles("big").getDouble(i);
            assertTrue(Double.isFinite(v) && Math.abs(v) <= 0.9e308, "row " + i + ": " + v);
            negative += v < 0 ? 1 : 0;
            distinct.add(v);
        }
        assertTrue(negative > 100 && negative < 500, negative + " negative of 600 (real: 420; 10 epochs)");
        assertTrue(distinct.size() > 300, distinct.size() + " distinct values");
        assertTrue(synthetic.strings("colour").countUnique() == 2, "both colours");
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        Frame real = data(600);
        assertEquals(ContentDigest.of(fit(real, 2, 5).sample(300, 1).collect()),
                ContentDigest.of(fit(real, 2, 5).sample(300, 1).collect()));
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        Frame real = data(600);
        Path ckpt = dir.resolve("run.ckpt");
        String straight = ContentDigest.of(fit(real, 4, 5).sample(300, 1).collect());
        fit(real, 2, 5, Map.of("checkpoint", ckpt.toString(), "checkpointEvery", "1"));
        assertTrue(Files.size(ckpt) > 0);
        Model resumed = fit(real, 4, 5, Map.of("resume", ckpt.toString()));
        assertEquals(straight, ContentDigest.of(resumed.sample(300, 1).collect()));
        assertEquals(4, ((CtganModel) resumed).losses().size());

        BadInputException other = assertThrows(BadInputException.class,
                () -> fit(data(500), 4, 5, Map.of("resume", ckpt.toString())));
        assertTrue(other.getMessage().contains("run.ckpt") && other.getMessage().contains("other data"),
                other.getMessage());
        BadInputException wider = assertThrows(BadInputException.class,
                () -> fit(real, 4, 5, Map.of("resume", ckpt.toString(), "width", "32")));
        assertTrue(wider.getMessage().contains("width"), wider.getMessage());
    }

    @Test
    void theLastCheckpointWrittenIsNamedWithItsDigestInTheDescriptionThatLineageRecords(@TempDir Path dir) {
        Frame real = data(300);
        Path ckpt = dir.resolve("named.ckpt");
        Map<String, String> small = Map.of("width", "16", "embedding", "8", "checkpoint", ckpt.toString(),
                "checkpointEvery", "2");
        Map<String, String> described = fit(real, 3, 5, small).describeColumns();
        // written after epochs 2 and 3 (the last); the file holds the last
        assertEquals(ckpt + " after epoch 3, sha256 " + io.tabsynth.spi.io.Sha256.file(ckpt),
                described.get(CtganModel.CHECKPOINT));
        assertTrue(!fit(real, 1, 5, Map.of("width", "16", "embedding", "8")).describeColumns()
                .containsKey(CtganModel.CHECKPOINT), "no checkpoint, no note");
    }

    @Test
    void stopsEarlyOnTheValidationScoreAndKeepsTheBestGenerator() {
        Frame real = data(1000);
        CtganModel m = (CtganModel) fit(real, 60, 3, Map.of("validation", "0.2", "patience", "3"));
        String note = m.describeColumns().get("(time)");
        assertTrue(m.losses().size() < 60, "stopped after " + m.losses().size() + " epochs: " + note);
        assertTrue(note.contains("best validation quality"), note);
        double best = Double.parseDouble(note.replaceAll(".*best validation quality ([0-9.]+).*", "$1"));
        assertTrue(best > 0.4 && best <= 1, note);
        assertThrows(BadInputException.class, () -> fit(real, 4, 5, Map.of("validation", "0.2", "resume", "x")));
    }
}
