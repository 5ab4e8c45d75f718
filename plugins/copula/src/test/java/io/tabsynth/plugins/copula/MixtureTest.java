package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The default copula is a mixture of copulas, one per group of similar rows, so it keeps relationships that one
 * latent axis per column cannot: a category made of three independent traits (each trait is a category column the
 * category decides; no order of its eight labels puts all three traits' labels in contiguous runs, and one axis
 * would tie the traits to each other), and a category that decides how widely a number spreads around the same
 * mean (no order of its labels makes that monotone). A single copula ({@code clusters=1}) loses them.
 */
class MixtureTest {
    private static final int ROWS = 20_000;
    private static final GaussianCopula GENERATOR = new GaussianCopula();
    /** How often a trait follows its cell's bit; the rest are a coin toss. */
    private static final double FOLLOWS = 0.9;
    private static final String[] TRAITS = {"colour", "shape", "size"};
    private static final String[][] TRAIT_LABELS = {{"red", "blue"}, {"round", "square"}, {"small", "large"}};
    private static final String[] TIERS = {"low", "mid", "high"};
    /** Each tier's spread of the score around 0. */
    private static final double[] TIER_SPREAD = {3, 0.3, 1};
    private static Frame real;
    private static Frame mixed;
    private static Frame single;

    @BeforeAll
    static void fitBoth() {
        real = planted(ROWS, 3);
        mixed = fit(real, Map.of()).sampleFrame(ROWS, 9);
        single = fit(real, Map.of(GaussianCopula.CLUSTERS, "1")).sampleFrame(ROWS, 9);
    }

    @Test
    void keepsWhatOneAxisCannot() {
        StringBuilder report = new StringBuilder();
        double worstMixed = 1;
        double worstSingle = 1;
        for (String[] pair : List.of(new String[] {"cell", "colour"}, new String[] {"cell", "shape"},
                new String[] {"cell", "size"}, new String[] {"tier", "score"})) {
            double r = strength(real, real, pair[0], pair[1]);
            double m = strength(real, mixed, pair[0], pair[1]);
            double s = strength(real, single, pair[0], pair[1]);
            report.append(String.format(Locale.ROOT, "%s ~ %s real %.3f mixture %.3f single %.3f; ",
                    pair[0], pair[1], r, m, s));
            worstMixed = Math.min(worstMixed, m / r);
            worstSingle = Math.min(worstSingle, s / r);
        }
        System.out.println("planted relationships: " + report);
        assertTrue(worstMixed >= 0.8, "the mixture keeps 80 % of every planted relationship: " + report);
        assertTrue(worstSingle < 0.6, "one copula loses one of them (what makes this test mean something): " + report);
        // the traits are independent of each other: the mixture must not tie them through the cell
        double traits = strength(real, mixed, "colour", "shape");
        assertTrue(traits < 0.1, "independent traits stay independent: V " + traits);
    }

    @Test
    void keepsEveryShare() {
        for (String column : List.of("cell", "colour", "tier")) {
            Map<String, Double> r = shares(real, column);
            Map<String, Double> m = shares(mixed, column);
            for (String label : r.keySet()) {
                assertEquals(r.get(label), m.getOrDefault(label, 0.0), 0.015, column + " = " + label);
            }
        }
    }

    @Test
    void groupsAreInterleaved() {
        // each row picks its group: the first rows of a sample are a sample, not the first groups' rows
        Frame head = mixed.head(1000);
        Map<String, Double> r = shares(real, "cell");
        Map<String, Double> h = shares(head, "cell");
        for (String label : r.keySet()) {
            assertEquals(r.get(label), h.getOrDefault(label, 0.0), 0.05, "cell = " + label + " in the first 1,000 rows");
        }
    }

    @Test
    void conditionsHoldOnEveryRow() {
        // the engine keeps the rows that meet --condition; the mixture's rows follow the conditional shares
        try (io.tabsynth.engine.run.Engine engine = io.tabsynth.engine.run.Engine.classpath()) {
            io.tabsynth.engine.run.FittedModel model = engine.fit(real, GENERATOR.id(), Map.of(), 1,
                    io.tabsynth.spi.Progress.NONE);
            Frame s = engine.sampleFrame(model, 2000, 5,
                    io.tabsynth.engine.run.Sampling.conditions(Map.of("cell", "k7", "tier", "mid")));
            assertEquals(2000, s.rowCount());
            assertTrue(s.strings("cell").asList().stream().allMatch("k7"::equals), "every row has cell k7");
            assertTrue(s.strings("tier").asList().stream().allMatch("mid"::equals), "every row has tier mid");
            // cell k7 is bits 1, 1, 1: its traits are the second labels nine times in ten (0.9 + 0.05)
            double blue = s.strings("colour").asList().stream().filter("blue"::equals).count() / 2000.0;
            assertEquals(0.95, blue, 0.03, "colour given cell k7");
            // mid's scores spread 0.3 around 0, the column's 1.8; one copula cannot narrow them (tier ~ score is lost)
            double spread = rms(s.numbers("score"));
            double overall = rms(real.numbers("score"));
            assertTrue(spread < 0.5 * overall, "the score's spread given tier mid, " + spread + ", narrower than " + overall);
        }
    }

    @Test
    void savesAndLoadsTheSameRows() throws IOException {
        Model model = fit(real, Map.of());
        MixtureModel mixture = assertInstanceOf(MixtureModel.class, model);
        assertTrue(mixture.components().size() >= 2, "groups: " + mixture.components().size());
        assertTrue(model.describeColumns().get("score").contains("largest of " + mixture.components().size() + " groups"),
                model.describeColumns().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(MixtureModel.VERSION, root.path("version").asInt());
        assertEquals(mixture.components().size(), root.path(MixtureModel.KEY).size());
        Model loaded = GENERATOR.load(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(model.sampleFrame(3000, 4).table().toString(), loaded.sampleFrame(3000, 4).table().toString());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        fit(real, Map.of()).save(again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "same data, parameters and seed: same model bytes");
    }

    @Test
    void keysRunOnAcrossGroups() {
        // identifiers are drawn once per batch for every group together: unique over batches and groups
        Frame data = planted(ROWS, 5);
        String[] ids = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = "C-" + (1000 + i);
        }
        Table t = data.table().copy().addColumns(StringColumn.create("id", ids));
        List<ColumnSpec> specs = new java.util.ArrayList<>(data.schema().columns());
        specs.add(ColumnSpec.of("id", ColumnKind.IDENTIFIER));
        Model model = fit(Frame.of(t, Schema.of(specs)), Map.of());
        assertInstanceOf(MixtureModel.class, model);
        List<String> keys = model.sampleFrame(ROWS, 2).strings("id").asList();
        assertEquals(ROWS, new java.util.HashSet<>(keys).size(), "every key unique");
        assertTrue(keys.stream().allMatch(k -> k.matches("C-\\d+") && Integer.parseInt(k.substring(2)) >= 1000 + ROWS),
                "new keys above every real one: " + keys.subList(0, 3));
    }

    @Test
    void oneClusterIsTheSingleCopula() {
        Model model = fit(real, Map.of(GaussianCopula.CLUSTERS, "1"));
        assertInstanceOf(CopulaModel.class, model);
    }

    @Test
    void fewRowsMakeOneCopula() {
        // 300 rows cannot make two groups of the minimum size: the model is the single copula
        assertInstanceOf(CopulaModel.class, fit(planted(300, 1), Map.of()));
    }

    /** Cells of three bits, each bit shown (mostly) by a trait; tiers that set the score's spread, not its mean. */
    static Frame planted(int rows, long seed) {
        Rng rng = new Rng(seed);
        String[] cell = new String[rows];
        String[][] traits = new String[TRAITS.length][rows];
        String[] tier = new String[rows];
        double[] score = new double[rows];
        for (int i = 0; i < rows; i++) {
            // unequal cell shares: cell k is drawn with weight k + 1
            int k = (int) Math.floor(Math.sqrt(rng.nextDouble() * 64));
            cell[i] = "k" + k;
            for (int t = 0; t < TRAITS.length; t++) {
                int bit = rng.nextDouble() < FOLLOWS ? (k >> t) & 1 : rng.nextInt(2);
                traits[t][i] = TRAIT_LABELS[t][bit];
            }
            int level = rng.nextInt(TIERS.length);
            tier[i] = TIERS[level];
            score[i] = TIER_SPREAD[level] * rng.nextGaussian();
        }
        Table t = Table.create("planted");
        t.addColumns(StringColumn.create("cell", cell));
        for (int c = 0; c < TRAITS.length; c++) {
            t.addColumns(StringColumn.create(TRAITS[c], traits[c]));
        }
        t.addColumns(StringColumn.create("tier", tier), DoubleColumn.create("score", score));
        Schema schema = Schema.of(ColumnSpec.of("cell", ColumnKind.CATEGORICAL),
                ColumnSpec.of("colour", ColumnKind.CATEGORICAL), ColumnSpec.of("shape", ColumnKind.CATEGORICAL),
                ColumnSpec.of("size", ColumnKind.CATEGORICAL), ColumnSpec.of("tier", ColumnKind.CATEGORICAL),
                ColumnSpec.of("score", ColumnKind.CONTINUOUS));
        return Frame.of(t, schema);
    }

    private static Model fit(Frame data, Map<String, String> params) {
        return GENERATOR.fit(data, Params.resolve("test", GENERATOR.describe(), params), FitContext.of(1));
    }

    /** Cramér's V of two columns of {@code f}, numbers cut at the real data's deciles. */
    static double strength(Frame real, Frame f, String a, String b) {
        return io.tabsynth.spi.fidelity.PairTrend.cramersV(joint(codes(real, f, a), codes(real, f, b)),
                levels(real, f, a), levels(real, f, b));
    }

    private static double[] joint(int[] x, int[] y) {
        int ly = Arrays.stream(y).max().orElse(0) + 1;
        int lx = Arrays.stream(x).max().orElse(0) + 1;
        double[] joint = new double[lx * ly];
        for (int i = 0; i < x.length; i++) {
            joint[x[i] * ly + y[i]] += 1.0 / x.length;
        }
        return joint;
    }

    private static int levels(Frame real, Frame f, String column) {
        return Arrays.stream(codes(real, f, column)).max().orElse(0) + 1;
    }

    private static int[] codes(Frame real, Frame f, String column) {
        int n = f.rowCount();
        int[] out = new int[n];
        if (f.schema().column(f.schema().indexOf(column)).kind().isNumeric()) {
            double[] sorted = real.numbers(column).clone();
            Arrays.sort(sorted);
            double[] edges = new double[9];
            for (int e = 0; e < edges.length; e++) {
                edges[e] = sorted[(e + 1) * sorted.length / 10];
            }
            double[] v = f.numbers(column);
            for (int i = 0; i < n; i++) {
                int pos = Arrays.binarySearch(edges, v[i]);
                out[i] = pos >= 0 ? pos + 1 : -pos - 1;
            }
            return out;
        }
        Map<String, Integer> index = new HashMap<>();
        for (String s : real.strings(column).asList()) {
            index.putIfAbsent(s, index.size());
        }
        List<String> cells = f.strings(column).asList();
        for (int i = 0; i < n; i++) {
            out[i] = index.computeIfAbsent(cells.get(i), s -> index.size());
        }
        return out;
    }

    private static double rms(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(x -> x * x).average().orElse(0));
    }

    private static Map<String, Double> shares(Frame f, String column) {
        Map<String, Double> out = new HashMap<>();
        for (String s : f.strings(column).asList()) {
            out.merge(s, 1.0 / f.rowCount(), Double::sum);
        }
        return out;
    }
}
