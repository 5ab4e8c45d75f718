package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Relationship retention sees a shuffled file and a lost high-cardinality pair; SDMetrics' score stays as it was. */
class RelationshipsTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("y", ColumnKind.CONTINUOUS),
            ColumnSpec.of("g", ColumnKind.CATEGORICAL), ColumnSpec.of("origin", ColumnKind.CATEGORICAL),
            ColumnSpec.of("dest", ColumnKind.CATEGORICAL));
    static final int AIRPORTS = 200;

    /**
     * x, y correlated 0.8; g = "hi" when x &gt; 0; 200 airports of origin, each flying to one of three destinations
     * (or to any airport, when {@code anyDestination}).
     */
    static Frame flights(int n, long seed, boolean anyDestination) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        String[] g = new String[n];
        String[] origin = new String[n];
        String[] dest = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            y[i] = 0.8 * x[i] + 0.6 * rng.nextGaussian();
            g[i] = x[i] > 0 ? "hi" : "lo";
            int o = rng.nextInt(AIRPORTS);
            origin[i] = "A" + o;
            dest[i] = "A" + (anyDestination ? rng.nextInt(AIRPORTS) : (o + 1 + rng.nextInt(3)) % AIRPORTS);
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", x), DoubleColumn.create("y", y),
                StringColumn.create("g", g), StringColumn.create("origin", origin), StringColumn.create("dest", dest)), SCHEMA);
    }

    /** Each column permuted on its own: every marginal kept, every relationship gone. */
    static Frame shuffled(Frame f, long seed) {
        Rng rng = new Rng(seed);
        Table t = Table.create("t");
        for (ColumnSpec c : f.schema().columns()) {
            int[] order = rng.permutation(f.rowCount());
            t.addColumns(f.table().column(c.name()).subset(order).setName(c.name()));
        }
        return Frame.of(t, f.schema());
    }

    static Result evaluate(Frame real, Frame syn) {
        return new FidelityEvaluator().evaluate(new EvaluationInput(real, null, syn, real.schema(), Map.of()));
    }

    static double relationships(Result r) {
        return (Double) ((Map<?, ?>) r.details().get("relationships")).get("score");
    }

    static List<String> red(Result r) {
        return level(r, "red");
    }

    @SuppressWarnings("unchecked")
    static List<String> level(Result r, String level) {
        return ((List<Map<String, Object>>) r.details().get("findings")).stream().filter(f -> f.get("level").equals(level))
                .map(f -> (String) f.get("metric")).toList();
    }

    @Test
    void aCopyKeepsEveryRelationshipAShuffledFileNoneAFreshDrawMost() {
        Frame real = flights(6000, 1, false);
        Result copy = evaluate(real, real);
        Result shuffled = evaluate(real, shuffled(real, 2));
        Result fresh = evaluate(real, flights(6000, 3, false));
        assertEquals(1.0, relationships(copy), 1e-12);
        assertTrue(relationships(shuffled) <= 0.5, "shuffled: " + relationships(shuffled));
        assertTrue(red(shuffled).contains("fidelity.relationships.score"), red(shuffled).toString());
        assertTrue(relationships(fresh) >= 0.85, "fresh: " + relationships(fresh));
        assertEquals(List.of(), red(fresh));
        assertEquals(1.0, copy.score(), 1e-12, "score stays SDMetrics'");
        assertEquals(5 * 4 / 2, ((Map<?, ?>) shuffled.details().get("relationships")).get("pairs"));
        assertTrue(message(shuffled, "fidelity.relationships.score").contains("(weakest: "), "the lost pairs are named");
        assertFalse(message(copy, "fidelity.relationships.score").contains("weakest"),
                "a copy loses nothing, so no weakest pair is named (it read '(weakest: )')");
    }

    @SuppressWarnings("unchecked")
    private static String message(Result r, String metric) {
        return ((List<Map<String, Object>>) r.details().get("findings")).stream().filter(f -> f.get("metric").equals(metric))
                .map(f -> (String) f.get("message")).findFirst().orElseThrow();
    }

    @Test
    void aLostHighCardinalityPairIsSeenAndNamed() {
        Frame real = flights(6000, 1, false);
        Result lost = evaluate(real, flights(6000, 3, true));
        Map<?, ?> rel = (Map<?, ?>) lost.details().get("relationships");
        assertEquals("origin ~ dest", ((List<?>) rel.get("mostWeakened")).get(0), rel.get("mostWeakened").toString());
        Map<?, ?> pair = ((List<?>) rel.get("pairDetails")).stream().map(p -> (Map<?, ?>) p)
                .filter(p -> p.get("column1").equals("origin") && p.get("column2").equals("dest")).findFirst().orElseThrow();
        assertTrue((Double) pair.get("realStrength") > 0.5, "three destinations of 200: " + pair);
        assertTrue((Double) pair.get("retention") < 0.5, "any destination keeps little: " + pair);
        double kept = relationships(evaluate(real, flights(6000, 3, false)));
        assertTrue(relationships(lost) < kept - 0.2, relationships(lost) + " vs " + kept);
    }

    @Test
    void fewerThanAThirdOfPairsScoredIsAWarning() {
        // five independent columns: no pair reaches SDMetrics' thresholds
        Rng rng = new Rng(4);
        Table t = Table.create("t");
        Schema schema = Schema.of(ColumnSpec.of("a", ColumnKind.CONTINUOUS), ColumnSpec.of("b", ColumnKind.CONTINUOUS),
                ColumnSpec.of("c", ColumnKind.CATEGORICAL));
        double[] a = new double[2000];
        double[] b = new double[2000];
        String[] c = new String[2000];
        for (int i = 0; i < 2000; i++) {
            a[i] = rng.nextGaussian();
            b[i] = rng.nextGaussian();
            c[i] = "c" + rng.nextInt(4);
        }
        t.addColumns(DoubleColumn.create("a", a), DoubleColumn.create("b", b), StringColumn.create("c", c));
        Frame f = Frame.of(t, schema);
        Result r = evaluate(f, f);
        assertEquals(0, r.details().get("pairsScored"));
        assertEquals(3, r.details().get("pairsTotal"));
        assertEquals(List.of("fidelity.pairsScoredShare"), level(r, "warning"), "a copy is not red, but the score says little");
        assertEquals(List.of(), red(r));
        @SuppressWarnings("unchecked")
        Map<String, Object> warning = ((List<Map<String, Object>>) r.details().get("findings")).get(0);
        assertEquals("fidelity.pairsScoredShare = 0, warned at < 0.3333: 0 of 3 column pairs reach SDMetrics' relationship "
                + "threshold, so score says little about relationships: see fidelity.relationships", warning.get("message"));
        Result flights = evaluate(flights(3000, 1, false), flights(3000, 1, false));
        assertEquals(List.of(), level(flights, "warning"), "x~y, x~g, y~g, origin~dest: 4 of 10 pairs are scored");
    }

    @Test
    void cramersVOfKnownTables() {
        assertEquals(1.0, Relationships.cramersV(new int[] {0, 1, 2, 0, 1, 2}, new int[] {2, 0, 1, 2, 0, 1}, 3, 3), 1e-12,
                "a perfect association stays 1 after the correction");
        assertEquals(0.0, Relationships.cramersV(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}, 2, 2), 1e-12);
        assertEquals(0.0, Relationships.cramersV(new int[] {0, 0, 0}, new int[] {0, 1, 2}, 1, 3), 1e-12, "one row: none");
        // 2x2 table [[30, 10], [10, 30]]: phi² = 0.25, corrected 0.25 - 1/79 over 2 - 1/79 - 1
        int[] x = new int[80];
        int[] y = new int[80];
        for (int i = 0; i < 80; i++) {
            x[i] = i < 40 ? 0 : 1;
            y[i] = i < 30 || i >= 50 ? x[i] : 1 - x[i];
        }
        assertEquals(Math.sqrt((0.25 - 1 / 79.0) / (1 - 1 / 79.0)), Relationships.cramersV(x, y, 2, 2), 1e-12);
    }

    @Test
    void decilesOfTheRealColumnBinBothSides() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        double[] edges = Relationships.deciles(v);
        assertEquals(9, edges.length);
        assertEquals(9.9, edges[0], 1e-9);
        assertArrayEquals(new int[] {0, 1, 9, 10}, Relationships.bin(new double[] {-5, 10, 1000, Double.NaN}, edges));
        assertArrayEquals(new double[] {0}, Relationships.deciles(new double[] {0, 0, 0, 0}), "a constant has one edge");
    }
}
