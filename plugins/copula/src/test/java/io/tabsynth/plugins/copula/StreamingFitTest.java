package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

class StreamingFitTest {
    private static final GaussianCopula GENERATOR = new GaussianCopula();

    /** Correlated columns: a continuous one with missing values, a second continuous, a count and a two-label one. */
    static Frame table(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] income = new double[n];
        double[] age = new double[n];
        long[] children = new long[n];
        String[] owner = new String[n];
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            double w = 0.6 * z + 0.8 * rng.nextGaussian();
            income[i] = rng.nextDouble() < 0.05 ? Double.NaN : Math.exp(10 + 0.5 * z);
            age[i] = 40 + 12 * w;
            children[i] = Math.max(0, Math.round(1.5 + w));
            owner[i] = z + 0.3 * rng.nextGaussian() > 0.4 ? "yes" : "no";
        }
        Table t = Table.create("t").addColumns(DoubleColumn.create("income", income), DoubleColumn.create("age", age),
                LongColumn.create("children", children), StringColumn.create("owner", owner));
        return Frame.of(t, Schema.of(ColumnSpec.of("income", ColumnKind.CONTINUOUS),
                ColumnSpec.of("age", ColumnKind.CONTINUOUS), ColumnSpec.of("children", ColumnKind.INTEGER),
                ColumnSpec.of("owner", ColumnKind.CATEGORICAL)));
    }

    /** The frame as batches of {@code size} rows, readable again and again. */
    static FrameBatches batches(Frame frame, int size) {
        return new FrameBatches() {
            @Override
            public Schema schema() {
                return frame.schema();
            }

            @Override
            public FrameStream open() {
                List<Frame> parts = new ArrayList<>();
                for (int start = 0; start < frame.rowCount(); start += size) {
                    parts.add(frame.where(Selection.withRange(start, Math.min(frame.rowCount(), start + size))));
                }
                return FrameStream.of(frame.schema(), parts);
            }
        };
    }

    private static Params single() {
        return Params.resolve("test", GENERATOR.describe(), Map.of(GaussianCopula.CLUSTERS, "1"));
    }

    private static String json(CopulaModel m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.save(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void dataTheSketchHoldsWhollyGivesTheInMemoryModel() throws Exception {
        Frame real = table(3000, 1);
        CopulaModel memory = (CopulaModel) GENERATOR.fit(real, single(), FitContext.of(4));
        CopulaModel streamed = (CopulaModel) GENERATOR.fitStreaming(batches(real, 700), single(), FitContext.of(4));
        for (int i = 0; i < memory.columns().size(); i++) {
            assertSame(memory.columns().get(i).toJson(), streamed.columns().get(i).toJson(),
                    "column " + memory.columns().get(i).spec().name());
        }
        double[][] a = memory.correlation();
        double[][] b = streamed.correlation();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                assertEquals(a[i][j], b[i][j], 1e-9);
            }
        }
    }

    /**
     * Schooling: a level whose labels' frequencies do not follow the years they stand for, a grade that goes with the
     * level (some missing), years with missing values, and whether the person owns a home.
     */
    static Frame schooling(int n, long seed) {
        Rng rng = new Rng(seed);
        String[] levels = {"college", "primary", "doctorate", "secondary", "none", "masters"};
        double[] levelYears = {14, 6, 20, 11, 2, 17};
        double[] share = {0.3, 0.1, 0.05, 0.35, 0.08, 0.12};
        String[] grades = {"A", "B", "C", "D"};
        String[] level = new String[n];
        String[] grade = new String[n];
        double[] years = new double[n];
        Boolean[] owner = new Boolean[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            for (double run = share[0]; u > run && k < share.length - 1; run += share[++k]) {
                // finds the level whose share u falls in
            }
            level[i] = levels[k];
            double z = (levelYears[k] - 11) / 5 + 0.5 * rng.nextGaussian();
            grade[i] = rng.nextDouble() < 0.04 ? "" : grades[Math.max(0, Math.min(3, (int) Math.round(1.5 - z)))];
            years[i] = rng.nextDouble() < 0.03 ? Double.NaN : Math.round(levelYears[k] + 2 * rng.nextGaussian());
            owner[i] = z + rng.nextGaussian() > 0;
        }
        Table t = Table.create("s").addColumns(StringColumn.create("level", level), StringColumn.create("grade", grade),
                DoubleColumn.create("years", years), tech.tablesaw.api.BooleanColumn.create("owner", owner));
        return Frame.of(t, Schema.of(ColumnSpec.of("level", ColumnKind.CATEGORICAL),
                ColumnSpec.of("grade", ColumnKind.CATEGORICAL), ColumnSpec.of("years", ColumnKind.CONTINUOUS),
                ColumnSpec.of("owner", ColumnKind.BOOLEAN)));
    }

    @Test
    void categoryLabelsAreOrderedAsInMemoryFromTablesGatheredBatchByBatch() throws Exception {
        Frame real = schooling(3000, 4);
        CopulaModel memory = (CopulaModel) GENERATOR.fit(real, single(), FitContext.of(4));
        CopulaModel streamed = (CopulaModel) GENERATOR.fitStreaming(batches(real, 700), single(), FitContext.of(3));
        // the in-memory fit moved the labels away from most frequent first: the streamed one must follow it
        CategoryColumn level = (CategoryColumn) streamed.columns().get(0);
        List<String> byFrequency = List.of("secondary", "college", "masters", "primary", "none", "doctorate");
        assertNotEquals(byFrequency, labels(level));
        for (int i = 0; i < memory.columns().size(); i++) {
            assertSame(memory.columns().get(i).toJson(), streamed.columns().get(i).toJson(),
                    "column " + memory.columns().get(i).spec().name());
        }
        double[][] a = memory.correlation();
        double[][] b = streamed.correlation();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                assertEquals(a[i][j], b[i][j], 1e-9, "correlation " + i + ", " + j);
            }
        }
        // the same batches give the same bytes, however many threads
        CopulaModel again = (CopulaModel) GENERATOR.fitStreaming(batches(real, 700), single(), FitContext.of(1));
        assertEquals(json(streamed), json(again));
    }

    private static List<String> labels(CategoryColumn c) {
        return Arrays.asList((String[]) ((com.fasterxml.jackson.databind.node.POJONode) c.toJson().get("labels"))
                .getPojo());
    }

    @Test
    void sketchedMarginalsAndCorrelationAgreeWithinTheSketchError() {
        Frame real = table(60_000, 2);
        CopulaModel memory = (CopulaModel) GENERATOR.fit(real, single(), FitContext.of(4));
        CopulaModel streamed = (CopulaModel) GENERATOR.fitStreaming(batches(real, 4_000), single(), FitContext.of(4));
        // the sketch's bound, measured on the same values
        ColumnSummary.Numbers age = (ColumnSummary.Numbers) ColumnSummary.of(real.schema().column("age"), 256);
        age.add(real);
        double epsilon = age.sketch.rankErrorBound() / (double) age.present();
        assertTrue(epsilon > 0 && epsilon < 0.01, "the sketch compacted, to a bound of " + epsilon);
        double[] sorted = Arrays.stream(real.doubles("age").asDoubleArray()).sorted().toArray();
        Marginal m = ((ContinuousColumn) streamed.columns().get(1)).marginal();
        Marginal exact = ((ContinuousColumn) memory.columns().get(1)).marginal();
        for (double q = 0.02; q < 0.99; q += 0.02) {
            double rank = ColumnModels.lowerBound(sorted, m.quantile(q)) / (double) sorted.length;
            // the knots interpolate between order statistics: one knot's spacing on top of the sketch's error
            assertEquals(q, rank, epsilon + 2.0 / 1000, "quantile " + q);
            assertEquals(exact.quantile(q), m.quantile(q), 0.5, "quantile " + q + " against the in-memory fit");
        }
        double[][] a = memory.correlation();
        double[][] b = streamed.correlation();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                assertEquals(a[i][j], b[i][j], 0.01, "correlation " + i + ", " + j);
            }
        }
        // samples of both agree on what the copula carries: the rank correlation of income and age
        Frame s1 = memory.sampleFrame(20_000, 5);
        Frame s2 = streamed.sampleFrame(20_000, 5);
        assertEquals(mean(s1.doubles("age").asDoubleArray()), mean(s2.doubles("age").asDoubleArray()), 0.3);
        assertEquals(s1.strings("owner").countOccurrences("yes"), s2.strings("owner").countOccurrences("yes"), 300);
    }

    /**
     * Equal JSON, numbers within 1e-12 relative: the in-memory fit sums a discrete value's share 1/n at a time, the
     * streamed fit divides its count by n once.
     */
    private static void assertSame(com.fasterxml.jackson.databind.JsonNode a, com.fasterxml.jackson.databind.JsonNode b,
                                   String where) {
        if (a.isNumber() && b.isNumber()) {
            assertEquals(a.asDouble(), b.asDouble(), 1e-12 * Math.max(1, Math.abs(a.asDouble())), where);
            return;
        }
        if (a.isPojo() || b.isPojo()) {
            a = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(a);
            b = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(b);
        }
        assertEquals(a.size(), b.size(), where);
        assertEquals(a.isValueNode() ? a.asText() : "", b.isValueNode() ? b.asText() : "", where);
        var names = a.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertSame(a.get(name), b.get(name), where + "." + name);
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                assertSame(a.get(i), b.get(i), where + "[" + i + "]");
            }
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElseThrow();
    }

    @Test
    void summariesOfPartsMergeIntoTheSummaryOfTheWhole() {
        Frame real = table(20_000, 3);
        Frame first = real.where(Selection.withRange(0, 8_000));
        Frame second = real.where(Selection.withRange(8_000, 20_000));
        for (ColumnSpec spec : real.schema().columns()) {
            ColumnSummary whole = ColumnSummary.of(spec, 256);
            whole.add(first);
            whole.add(second);
            ColumnSummary a = ColumnSummary.of(spec, 256);
            a.add(first);
            ColumnSummary b = ColumnSummary.of(spec, 256);
            b.add(second);
            ColumnSummary read = ColumnSummary.fromJson(spec, b.toJson());
            a.merge(read);
            if (!(a instanceof ColumnSummary.Numbers n)) {
                assertEquals(whole.toJson(), a.toJson(), spec.name());
            } else {
                ColumnSummary.Numbers w = (ColumnSummary.Numbers) whole;
                assertEquals(w.nulls, n.nulls);
                assertEquals(w.rows, n.rows);
                assertEquals(w.distinct, n.distinct);
                assertEquals(w.sketch.count(), n.sketch.count());
            }
        }
    }
}
