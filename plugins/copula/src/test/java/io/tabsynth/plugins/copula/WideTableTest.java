package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.engine.spi.FitContext;
import io.tabsynth.engine.spi.Params;
import io.tabsynth.engine.spi.Progress;
import io.tabsynth.engine.stats.RankCorrelation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tables with more columns than rows: a factor model instead of the full correlation matrix. */
class WideTableTest {
    private static final GaussianCopula GENERATOR = new GaussianCopula();

    @Test
    void factorModelEqualsTheFullRepairOfASingularCorrelation() {
        // 40 dimensions, 20 rows: the sample correlation has rank 19; the factor model must be exactly what
        // clipping its eigenvalues and rescaling the full matrix gives.
        int d = 40;
        int n = 20;
        Rng rng = new Rng(3);
        double[][] scores = new double[d][n];
        for (int i = 0; i < n; i++) {
            double common = rng.nextGaussian();
            for (int a = 0; a < d; a++) {
                scores[a][i] = (a % 3) * common + rng.nextGaussian();
            }
        }
        double[][] full = Correlation.repair(Correlation.pearson(scores));
        double[][] factor = FactorNormals.fit(scores, Progress.NONE, 1).correlation();
        for (int a = 0; a < d; a++) {
            assertArrayEquals(full[a], factor[a], 1e-9, "row " + a);
            assertEquals(1, factor[a][a], 1e-12, "unit diagonal");
        }
    }

    @Test
    void wideTableKeepsItsStrongestRelationshipsAndIsDeterministic() throws IOException {
        Frame wide = wide(400, 60, 8);
        CopulaModel model = fit(wide);
        assertTrue(model.normals() instanceof FactorNormals, "a factor model for 400+ dimensions over 60 rows");
        assertTrue(((FactorNormals) model.normals()).factors() < 60, "at most rank-many factors");
        Frame s = model.sampleFrame(4_000, 2);
        // x0 and x1 share one latent factor with loading 0.95: real correlation about 0.9.
        double real = RankCorrelation.spearman(GaussianCopulaTest.values(wide, "x0"), GaussianCopulaTest.values(wide, "x1"));
        double synthetic = RankCorrelation.spearman(GaussianCopulaTest.values(s, "x0"), GaussianCopulaTest.values(s, "x1"));
        assertTrue(real > 0.8, "the data's own correlation: " + real);
        assertEquals(real, synthetic, 0.08, "a strong pair's rank correlation survives");
        double unrelated = RankCorrelation.spearman(GaussianCopulaTest.values(s, "x0"), GaussianCopulaTest.values(s, "x2"));
        assertTrue(Math.abs(unrelated) < Math.abs(synthetic) - 0.4, "unrelated columns stay weak: " + unrelated);
        assertEquals(save(model), save(fit(wide)), "same data, same model bytes");
        CopulaModel reloaded = CopulaModel.load(new ByteArrayInputStream(save(model).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(GaussianCopulaTest.text(model.sampleFrame(50, 7)), GaussianCopulaTest.text(reloaded.sampleFrame(50, 7)),
                "a saved wide model samples the same rows");
    }

    @Test
    void progressCoversTheCorrelationStep() {
        List<String> notes = new ArrayList<>();
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Progress recording = new Progress() {
            @Override
            public void start(String task, long units) {
                total.set(units);
            }

            @Override
            public void advance(long units) {
                done.addAndGet(units);
            }

            @Override
            public void finish() {
            }

            @Override
            public synchronized void status(String note) {
                notes.add(note);
            }
        };
        for (Frame data : new Frame[] {wide(50, 20, 1), wide(3, 500, 1)}) {
            notes.clear();
            done.set(0);
            GENERATOR.fit(data, Params.resolve("test", GENERATOR.describe(), Map.of()), new FitContext(1, 2, recording));
            assertEquals(total.get(), done.get(), "every unit of work is reported");
            assertTrue(notes.stream().anyMatch(t -> t.startsWith("correlation of")), notes.toString());
        }
    }

    /** Columns x0..: each a noisy copy of one of {@code factors} latent factors, plus one category column. */
    private static Frame wide(int columns, int rows, long seed) {
        Rng rng = new Rng(seed);
        int factors = Math.max(1, columns / 10);
        double[][] latent = new double[factors][rows];
        for (double[] f : latent) {
            for (int i = 0; i < rows; i++) {
                f[i] = rng.nextGaussian();
            }
        }
        Table t = Table.create("wide");
        List<ColumnSpec> specs = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            double[] v = new double[rows];
            int f = c % 2 == 0 ? 0 : c == 1 ? 0 : 1 + c % Math.max(1, factors - 1);
            f = Math.min(f, factors - 1);
            if (c == 2) {
                f = -1; // x2 is noise
            }
            for (int i = 0; i < rows; i++) {
                double noise = rng.nextGaussian();
                v[i] = Math.round((f < 0 ? noise : 0.95 * latent[f][i] + 0.31 * noise) * 1000) / 1000.0;
            }
            t.addColumns(DoubleColumn.create("x" + c, v));
            specs.add(ColumnSpec.of("x" + c, ColumnKind.CONTINUOUS));
        }
        String[] grade = new String[rows];
        for (int i = 0; i < rows; i++) {
            grade[i] = latent[0][i] > 0 ? "high" : "low";
        }
        t.addColumns(StringColumn.create("grade", grade));
        specs.add(ColumnSpec.of("grade", ColumnKind.CATEGORICAL));
        return Frame.of(t, Schema.of(specs.toArray(new ColumnSpec[0])));
    }

    private static CopulaModel fit(Frame data) {
        return (CopulaModel) GENERATOR.fit(data, Params.resolve("test", GENERATOR.describe(), Map.of()), FitContext.of(1));
    }

    private static String save(CopulaModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
