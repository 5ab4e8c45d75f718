package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.lineage.ContentDigest;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.engine.spi.FitContext;
import io.tabsynth.engine.spi.Model;
import io.tabsynth.engine.spi.Params;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
        Ctgan g = new Ctgan();
        Params p = Params.resolve("ctgan", g.describe(), Map.of("epochs", String.valueOf(epochs), "batchSize", "100",
                "width", "64", "embedding", "32", "learningRate", "2e-4"));
        return g.fit(data, p, FitContext.of(seed));
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
        assertTrue(consistent > 0.8 * 4000, "rows whose value fits their segment: " + consistent);

        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        Model loaded = new Ctgan().load(new ByteArrayInputStream(saved.toByteArray()));
        assertEquals(ContentDigest.of(m.sample(500, 3).collect()), ContentDigest.of(loaded.sample(500, 3).collect()));
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        Frame real = data(600);
        assertEquals(ContentDigest.of(fit(real, 2, 5).sample(300, 1).collect()),
                ContentDigest.of(fit(real, 2, 5).sample(300, 1).collect()));
    }
}
