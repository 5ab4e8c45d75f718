package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Numbers real tables hold that once crashed the fit: signed zeros, long columns, magnitudes near the limits. */
class NumericRobustnessTest {
    private static final GaussianCopula GENERATOR = new GaussianCopula();
    private static final int SAMPLED = 2_000;

    @Test
    void negativeAndPositiveZeroAreOneValue() {
        Frame few = column(0.0, -0.0, 1.5, 2.5, 3.5);
        Frame s = fit(few, Map.of()).sampleFrame(SAMPLED, 3);
        for (double v : s.doubles("x").asDoubleArray()) {
            assertTrue(v >= 0 && v <= 3.5, "within the real range: " + v);
            assertEquals(0, Double.compare(v, v == 0 ? 0.0 : v), "0.0 is written as 0.0, never -0.0");
        }
        // Continuous as well as discrete: many distinct values with a tie group of mixed zeros.
        double[] many = new double[1_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i < 100 ? (i % 2 == 0 ? 0.0 : -0.0) : i * 0.37;
        }
        Frame t = fit(column(many), Map.of()).sampleFrame(SAMPLED, 4);
        double zeros = t.doubles("x").isEqualTo(0).size() / (double) SAMPLED;
        assertEquals(0.1, zeros, 0.03, "the zeros' share, both signs counted as one value");
    }

    @Test
    void knotPositionsOfLongColumnsStayInRange() {
        // j·(n-1) passes int's range at about 2,150,000 rows with the default 1,000 knots.
        for (int n : new int[] {3_000_000, 10_000_000, Integer.MAX_VALUE}) {
            assertEquals(n - 1, Marginal.Empirical.knotPosition(999, n, 1_000), 1e-6, n + " rows, last knot");
            assertEquals((n - 1) / 2.0, Marginal.Empirical.knotPosition(500, n, 1_001), 1e-6, n + " rows, median");
        }
    }

    @Test
    void tenMillionRowColumnFits() {
        int n = 10_000_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7919L % 5_000) + 0.5;
        }
        CopulaModel model = fit(column(v), Map.of());
        assertTrue(model.columns().get(0) instanceof ContinuousColumn, model.describeColumns().toString());
        DoubleColumn s = model.sampleFrame(SAMPLED, 5).doubles("x");
        assertTrue(s.min() >= 0.5 && s.max() <= 4_999.5, "within the real range: " + s.min() + ".." + s.max());
        assertEquals(2_500, s.median(), 150, "the median of a uniform column");
    }

    @Test
    void magnitudesNearTheLimitsOfDoubleFitAndSample() throws IOException {
        double[] many = new double[600];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.pow(10, -300 + i) * (i % 2 == 0 ? 1 : -1); // ±1e-300 .. ±1e299
        }
        double[][] cases = {
            {1e308, -1e308, 0, 1, 2},
            {1e308, -1e308, 4.9e-324, 1e-300, -Double.MAX_VALUE, Double.MAX_VALUE, 1.5},
            {4.9e-324, 1e-300, 2e-300, 3e-300, 0},
            withEnds(many, Double.MAX_VALUE, -Double.MAX_VALUE),
            withEnds(many, 1e308, -1e308),
        };
        for (double[] values : cases) {
            for (Map<String, String> params : java.util.List.<Map<String, String>>of(Map.of(),
                    Map.of("marginals", "parametric"), Map.of("enforceMinMax", "false"), Map.of("discreteLevels", "1"))) {
                CopulaModel model = fit(column(values), params);
                double min = java.util.Arrays.stream(values).min().getAsDouble();
                double max = java.util.Arrays.stream(values).max().getAsDouble();
                for (Model m : new Model[] {model, reloaded(model)}) {
                    for (double v : m.sampleFrame(SAMPLED, 6).doubles("x").asDoubleArray()) {
                        assertTrue(Double.isFinite(v), "finite: " + v + " " + params + " " + model.describeColumns());
                        if (!"false".equals(params.get("enforceMinMax"))) {
                            assertTrue(v >= min && v <= max, v + " within " + min + ".." + max);
                        }
                    }
                }
            }
        }
    }

    @Test
    void interpolationAcrossTheWholeRangeStaysFinite() {
        assertEquals(0, Interpolation.between(-1e308, 1e308, 0.5), 1e292);
        assertEquals(1e308, Interpolation.between(-1e308, 1e308, 1), 1e292);
        assertEquals(0.75, Interpolation.fraction(5e307, -1e308, 1e308), 1e-12);
        assertEquals(0.5, Interpolation.fraction(2, 1, 3), 0);
        assertEquals(2.5, Interpolation.between(2, 3, 0.5), 0);
    }

    private static double[] withEnds(double[] v, double high, double low) {
        double[] out = java.util.Arrays.copyOf(v, v.length + 2);
        out[v.length] = high;
        out[v.length + 1] = low;
        return out;
    }

    private static Frame column(double... values) {
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", values)),
                Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS)));
    }

    private static CopulaModel fit(Frame data, Map<String, String> params) {
        Params p = Params.resolve("test", GENERATOR.describe(), params);
        return (CopulaModel) GENERATOR.fit(data, p, FitContext.of(1));
    }

    private static Model reloaded(CopulaModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.save(out);
            return CopulaModel.load(new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
