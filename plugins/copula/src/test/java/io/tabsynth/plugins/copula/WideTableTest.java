package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.RankCorrelation;
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
        assertTrue(save(model).contains("\"version\":2") && save(model).contains("\"correlationFactor\""),
                "a factor model is payload version 2");
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

    @Test
    void parametricQuantileGridMatchesTheFamiliesOwnInversion() {
        // The grid inverts only every 32nd probability with the family's solver, the rest by regula falsi.
        double[] u = new double[4097];
        for (int k = 0; k < u.length; k++) {
            u[k] = Math.max(ContinuousColumn.TAIL, Math.min(1 - ContinuousColumn.TAIL,
                    io.tabsynth.spi.stats.Normal.cdf(-6 + 12.0 * k / (u.length - 1))));
        }
        Object[][] families = {
            {"normal", new double[] {3, 2}}, {"truncnorm", new double[] {3, 2, 0, 5}}, {"uniform", new double[] {-1, 4}},
            {"beta", new double[] {0.7, 3.5, 10, 20}}, {"gamma", new double[] {2.5, 1.5, -3}},
            {"lognormal", new double[] {1, 0.8, 5}}, {"gamma", new double[] {0.3, 2e200, 0}},
        };
        for (Object[] f : families) {
            Marginal.Parametric m = Marginal.Parametric.of((String) f[0], (double[]) f[1]);
            double[] grid = m.quantiles(u);
            double spread = Math.abs(m.quantile(0.75) - m.quantile(0.25));
            for (int k = 0; k < u.length; k++) {
                // in the far tails a probability near 1 has ~1e-16 absolute precision, which is the
                // quantile's own uncertainty there (about 1e-9 of the value at 6 standard deviations)
                double exact = m.quantile(u[k]);
                assertEquals(exact, grid[k], 1e-8 * Math.max(Math.abs(exact), spread), f[0] + " at u=" + u[k]);
                assertTrue(k == 0 || grid[k] >= grid[k - 1], f[0] + " grid ascends at " + k);
            }
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
