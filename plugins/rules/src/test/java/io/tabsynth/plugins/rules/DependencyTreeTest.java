package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * rules infer drafts the strongest dependencies of the real table as {@code when} variants, and data generated
 * from the spec keeps them; nothing rarer than minCount rows is written.
 */
class DependencyTreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generated Cramér's V within this of the real one. */
    private static final double V_TOLERANCE = 0.05;
    private static final int ROWS = 6000;
    /** A generated group's share of a value within this of the real one. */
    private static final double SHARE_TOLERANCE = 0.06;

    @TempDir
    Path dir;

    @Test
    void aCategoryThatShapesAnotherGetsVariantsAndTheGeneratedDataKeepsTheAssociation() throws Exception {
        Rng rng = new Rng(11);
        StringColumn segment = StringColumn.create("segment");
        StringColumn tier = StringColumn.create("tier");
        StringColumn colour = StringColumn.create("colour");
        String[] segments = {"retail", "business", "public"};
        for (int i = 0; i < ROWS; i++) {
            int s = rng.nextInt(3);
            double u = rng.nextDouble();
            segment.append(segments[s]);
            tier.append(s == 0 ? (u < 0.8 ? "bronze" : "silver") : s == 1 ? (u < 0.7 ? "gold" : "silver")
                    : (u < 0.9 ? "silver" : "bronze"));
            colour.append(rng.nextDouble() < 0.5 ? "red" : "blue");
        }
        Frame real = frame(Table.create("real", segment, tier, colour), "segment", "tier", "colour");
        JsonNode spec = new Inference().infer(real);
        JsonNode varying = column(spec, "tier").has("when") ? column(spec, "tier") : column(spec, "segment");
        String parent = varying.path("name").asText().equals("tier") ? "segment" : "tier";
        assertEquals(3, varying.path("when").size(), varying.toString());
        assertTrue(varying.path("when").get(0).path("if").asText().startsWith(parent + " == '"), varying.toString());
        assertFalse(column(spec, "colour").has("when"), "a column with no association stays independent: " + spec);

        Frame made = RulesGeneratorTest.fit(dir, JSON.writeValueAsString(spec)).sample(ROWS, 3).collect();
        double realV = cramersV(real.strings("segment").asObjectArray(), real.strings("tier").asObjectArray());
        double madeV = cramersV(made.strings("segment").asObjectArray(), made.strings("tier").asObjectArray());
        assertTrue(realV > 0.5, "the test's association is strong: " + realV);
        assertEquals(realV, madeV, V_TOLERANCE, "segment ~ tier");
        assertEquals(0, cramersV(made.strings("segment").asObjectArray(), made.strings("colour").asObjectArray()),
                V_TOLERANCE, "segment ~ colour stays independent");
    }

    @Test
    void aCategoryShiftingANumberGivesEachGroupItsOwnDistribution() throws Exception {
        Rng rng = new Rng(12);
        StringColumn plan = StringColumn.create("plan");
        DoubleColumn spend = DoubleColumn.create("spend");
        for (int i = 0; i < ROWS; i++) {
            boolean premium = rng.nextDouble() < 0.3;
            plan.append(premium ? "premium" : "basic");
            spend.append(Math.round(((premium ? 150 : 100) + 10 * rng.nextGaussian()) * 100) / 100.0);
        }
        Frame real = frame(Table.create("real", plan, spend), "plan");
        JsonNode spec = new Inference().infer(real);
        JsonNode col = column(spec, "spend");
        assertEquals(2, col.path("when").size(), col.toString());
        for (JsonNode w : col.path("when")) {
            boolean premium = w.path("if").asText().equals("plan == 'premium'");
            assertEquals(premium ? 150 : 100, w.path("mean").asDouble(), 1, w.toString());
            assertEquals(10, w.path("sd").asDouble(), 1, w.toString());
        }
        Frame made = RulesGeneratorTest.fit(dir, JSON.writeValueAsString(spec)).sample(ROWS, 4).collect();
        for (String group : new String[] {"basic", "premium"}) {
            assertEquals(groupMean(real, "plan", group, "spend"), groupMean(made, "plan", group, "spend"), 1.0,
                    "mean spend of " + group);
        }
    }

    @Test
    void aNumberSplitsIntoRangesWhereItShapesACategory() throws Exception {
        Rng rng = new Rng(13);
        LongColumn age = LongColumn.create("age");
        StringColumn retired = StringColumn.create("retired");
        StringColumn student = StringColumn.create("student");
        for (int i = 0; i < ROWS; i++) {
            long a = Math.max(18, Math.min(90, Math.round(45 + 15 * rng.nextGaussian())));
            age.append(a);
            // each a function of age, nearly: they relate to each other only through age
            retired.append((a >= 65) == (rng.nextDouble() < 0.95) ? "yes" : "no");
            student.append((a < 25) == (rng.nextDouble() < 0.95) ? "yes" : "no");
        }
        Frame real = Frame.of(Table.create("real", age, retired, student), Schema.of(
                ColumnSpec.of("age", ColumnKind.INTEGER), ColumnSpec.of("retired", ColumnKind.CATEGORICAL),
                ColumnSpec.of("student", ColumnKind.CATEGORICAL)));
        JsonNode spec = new Inference().infer(real);
        String ranged = null;
        for (String name : new String[] {"retired", "student"}) {
            JsonNode w = column(spec, name).path("when");
            if (w.size() > 0 && w.get(0).path("if").asText().startsWith("age < ")) {
                ranged = name;
                JsonNode last = w.get(w.size() - 1);
                assertTrue(last.path("if").asText().startsWith("age >= "), w.toString());
            }
        }
        assertTrue(ranged != null, "a category varies with ranges of age: " + spec);
        Frame made = RulesGeneratorTest.fit(dir, JSON.writeValueAsString(spec)).sample(ROWS, 5).collect();
        // each range of age keeps its share of yes (ranges at the real deciles, as the spec's conditions cut them)
        double[] deciles = deciles(real.numbers("age"));
        Object[] realRanges = bins(real.numbers("age"), deciles);
        Object[] madeRanges = bins(made.numbers("age"), deciles);
        for (int range = 0; range <= deciles.length; range++) {
            double realShare = share(realRanges, range, real.strings(ranged).asObjectArray(), "yes");
            double madeShare = share(madeRanges, range, made.strings(ranged).asObjectArray(), "yes");
            if (!Double.isNaN(realShare)) {
                assertEquals(realShare, madeShare, SHARE_TOLERANCE, ranged + " in age range " + range + ": " + spec);
            }
        }
    }

    @Test
    void rareGroupsAndRareCellsAreNotWrittenAndTheSpecIsTheSameEachTime() throws Exception {
        Rng rng = new Rng(14);
        StringColumn region = StringColumn.create("region");
        StringColumn tier = StringColumn.create("tier");
        for (int i = 0; i < ROWS; i++) {
            boolean north = i % 2 == 0;
            region.append(north ? "north" : "south");
            // vip: 3 northern rows (fewer than minCount 5) and many southern ones
            tier.append(north ? (i < 6 ? "vip" : rng.nextDouble() < 0.9 ? "basic" : "plus")
                    : rng.nextDouble() < 0.5 ? "vip" : "plus");
        }
        for (int i = 0; i < 3; i++) {   // a region fewer than minCount rows hold
            region.append("Smallville");
            tier.append("basic");
        }
        Frame real = frame(Table.create("real", region, tier), "region", "tier");
        JsonNode spec = new Inference().infer(real);
        String text = JSON.writeValueAsString(spec);
        assertFalse(text.contains("Smallville"), text);
        JsonNode col = column(spec, "tier");
        JsonNode when = col.path("when");
        assertEquals(2, when.size(), col.toString());
        for (JsonNode w : when) {
            if (w.path("if").asText().equals("region == 'north'")) {
                assertTrue(w.path("values").has("basic"), w.toString());
                assertFalse(w.path("values").has("vip"), "3 northern vips stay out: " + w);
            } else {
                assertEquals("region == 'south'", w.path("if").asText());
                assertTrue(w.path("values").path("vip").asInt() > 1000, w.toString());
            }
        }
        assertEquals(text, JSON.writeValueAsString(new Inference().infer(real)), "same data, same spec");
    }

    @Test
    void aBooleanGetsItsShareOfTruePerGroup() throws Exception {
        Rng rng = new Rng(16);
        StringColumn plan = StringColumn.create("plan");
        tech.tablesaw.api.BooleanColumn churned = tech.tablesaw.api.BooleanColumn.create("churned");
        for (int i = 0; i < ROWS; i++) {
            boolean trial = rng.nextDouble() < 0.4;
            plan.append(trial ? "trial" : "paid");
            churned.append(rng.nextDouble() < (trial ? 0.6 : 0.1));
        }
        Frame real = Frame.of(Table.create("real", plan, churned), Schema.of(
                ColumnSpec.of("plan", ColumnKind.CATEGORICAL), ColumnSpec.of("churned", ColumnKind.BOOLEAN)));
        JsonNode spec = new Inference().infer(real);
        JsonNode col = column(spec, "churned");
        assertEquals(2, col.path("when").size(), col.toString());
        Frame made = RulesGeneratorTest.fit(dir, JSON.writeValueAsString(spec)).sample(ROWS, 6).collect();
        for (String group : new String[] {"trial", "paid"}) {
            assertEquals(trueShare(real, group), trueShare(made, group), SHARE_TOLERANCE, "churn of " + group);
        }
    }

    private static double trueShare(Frame f, String group) {
        String[] plan = f.strings("plan").asObjectArray();
        tech.tablesaw.api.BooleanColumn churned = f.booleans("churned");
        int n = 0;
        int yes = 0;
        for (int i = 0; i < plan.length; i++) {
            if (plan[i].equals(group)) {
                n++;
                yes += churned.get(i) ? 1 : 0;
            }
        }
        return yes / (double) n;
    }

    @Test
    void manyIndependentColumnsOnFewRowsGetNoVariants() {
        // among 200 random columns of 50 rows some pairs look related by chance: none may become a variant
        Rng rng = new Rng(15);
        Table t = Table.create("real");
        String[] names = new String[200];
        for (int c = 0; c < names.length; c++) {
            names[c] = "c" + c;
            StringColumn col = StringColumn.create(names[c]);
            for (int r = 0; r < 50; r++) {
                col.append(new String[] {"a", "b", "c"}[rng.nextInt(3)]);
            }
            t.addColumns(col);
        }
        JsonNode spec = new Inference().infer(frame(t, names));
        for (JsonNode c : spec.path("columns")) {
            assertFalse(c.has("when"), c.toString());
        }
    }

    /**
     * On UCI Adult (../shared/datasets, absent in a fresh clone: then skipped), the drafted spec keeps adult's
     * strongest relationships: relationship ~ sex, marital-status ~ relationship, relationship ~ income.
     */
    @Test
    void onAdultTheStrongestRelationshipsAreKept() throws Exception {
        Path data = Path.of(System.getProperty("tabsynth.shared.datasets", "../../../shared/datasets"),
                "adult-train.csv");
        if (!Files.exists(data)) {
            System.out.println("DependencyTreeTest skipped: " + data + " not found (shared datasets are not in a "
                    + "fresh clone)");
            Assumptions.abort("shared dataset " + data + " is absent");
        }
        Frame real = FrameReader.read(data);
        JsonNode spec = new Inference().infer(real);
        Frame made = RulesGeneratorTest.fit(dir, JSON.writeValueAsString(spec)).sample(real.rowCount(), 42).collect();
        String[][] pairs = {{"relationship", "sex"}, {"marital-status", "relationship"}, {"relationship", "income"},
                {"workclass", "occupation"}, {"marital-status", "income"}};
        for (String[] p : pairs) {
            double realV = cramersV(real.strings(p[0]).asObjectArray(), real.strings(p[1]).asObjectArray());
            double madeV = cramersV(made.strings(p[0]).asObjectArray(), made.strings(p[1]).asObjectArray());
            assertEquals(realV, madeV, V_TOLERANCE, p[0] + " ~ " + p[1]);
        }
    }

    private static Frame frame(Table t, String... categorical) {
        ColumnSpec[] specs = new ColumnSpec[t.columnCount()];
        for (int i = 0; i < specs.length; i++) {
            String name = t.column(i).name();
            specs[i] = ColumnSpec.of(name, java.util.Arrays.asList(categorical).contains(name)
                    ? ColumnKind.CATEGORICAL : ColumnKind.CONTINUOUS);
        }
        return Frame.of(t, Schema.of(specs));
    }

    private static JsonNode column(JsonNode spec, String name) {
        for (JsonNode c : spec.path("columns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + spec);
    }

    /** The share of rows in {@code range} whose {@code values} are {@code value}; NaN for an empty range. */
    private static double share(Object[] ranges, int range, Object[] values, String value) {
        int n = 0;
        int hits = 0;
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i].equals(range)) {
                n++;
                hits += values[i].equals(value) ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : hits / (double) n;
    }

    private static double[] deciles(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        double[] edges = new double[9];
        for (int k = 1; k < 10; k++) {
            edges[k - 1] = v[k * v.length / 10];
        }
        return edges;
    }

    /** Each value as the number of edges at or below it. */
    private static Object[] bins(double[] v, double[] edges) {
        Object[] out = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            for (double e : edges) {
                below += e <= v[i] ? 1 : 0;
            }
            out[i] = below;
        }
        return out;
    }

    private static double groupMean(Frame f, String by, String group, String column) {
        String[] g = f.strings(by).asObjectArray();
        double[] v = f.numbers(column);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (g[i].equals(group)) {
                sum += v[i];
                n++;
            }
        }
        return sum / n;
    }

    /** Cramér's V (without a bias correction) of two columns of values. */
    static double cramersV(Object[] x, Object[] y) {
        Map<Object, Integer> xi = new HashMap<>();
        Map<Object, Integer> yi = new HashMap<>();
        for (int r = 0; r < x.length; r++) {
            xi.putIfAbsent(x[r], xi.size());
            yi.putIfAbsent(y[r], yi.size());
        }
        double[][] cells = new double[xi.size()][yi.size()];
        double[] px = new double[xi.size()];
        double[] py = new double[yi.size()];
        for (int r = 0; r < x.length; r++) {
            cells[xi.get(x[r])][yi.get(y[r])]++;
            px[xi.get(x[r])]++;
            py[yi.get(y[r])]++;
        }
        double chi2 = 0;
        for (int i = 0; i < px.length; i++) {
            for (int j = 0; j < py.length; j++) {
                double expected = px[i] * py[j] / x.length;
                chi2 += (cells[i][j] - expected) * (cells[i][j] - expected) / expected;
            }
        }
        int dof = Math.min(px.length, py.length) - 1;
        return dof <= 0 ? 0 : Math.sqrt(chi2 / x.length / dof);
    }
}
