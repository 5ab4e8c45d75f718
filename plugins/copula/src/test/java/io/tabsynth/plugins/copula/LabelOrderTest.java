package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.fidelity.PairTrend;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Category labels laid on the latent axis so that their relationships survive: a category that determines a
 * number, and two associated categories whose association does not follow their labels' frequencies.
 */
class LabelOrderTest {
    private static final int ROWS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grades most frequent first, and the school years each stands for: not in the same order. */
    private static final String[] GRADES = {"P", "Q", "R", "S", "T"};
    private static final double[] GRADE_SHARES = {0.30, 0.25, 0.20, 0.15, 0.10};
    private static final long[] YEARS = {12, 16, 9, 14, 10};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final double[] REGION_SHARES = {0.4, 0.3, 0.2, 0.1};
    /** Each region's usual language: west speaks north's, so no order by frequency makes the pair monotone. */
    private static final String[] LANGUAGE_OF_REGION = {"a", "c", "b", "a"};
    private static final String[] LANGUAGES = {"a", "b", "c"};
    private static final double USUAL = 0.8;
    private static Frame real;
    private static CopulaModel model;
    private static Frame synthetic;

    @BeforeAll
    static void fitOnce() {
        real = table(ROWS, 5);
        model = fit(real);
        synthetic = model.sampleFrame(ROWS, 9);
    }

    @Test
    void aCategoryThatDeterminesANumberKeepsDeterminingIt() {
        double v = cramersV(synthetic, "grade", "years");
        assertEquals(1.0, cramersV(real, "grade", "years"), 1e-9, "the data's own: each grade has one number");
        // counted most frequent first, the grades lay on the axis in another order than their years: V was 0.10
        assertTrue(v >= 0.97, "grade ~ years Cramér's V kept (real 1.0): " + v);
    }

    @Test
    void twoAssociatedCategoriesKeepTheirAssociation() {
        double r = cramersV(real, "region", "language");
        double s = cramersV(synthetic, "region", "language");
        assertTrue(r > 0.5, "the data's own association: " + r);
        // one latent axis per column carries a monotone association only: of this one (0.79) it keeps 0.64;
        // with the labels counted most frequent first (west and north apart) it kept 0.31
        assertTrue(s >= 0.75 * r && s <= r + 0.05, "region ~ language Cramér's V at least 75 % of the real " + r + ": " + s);
    }

    @Test
    void sharesAreExactlyTheRealOnes() {
        for (String column : List.of("grade", "region", "language")) {
            Map<String, Double> realShares = shares(real, column);
            JsonNode saved = columnJson(model, column);
            assertEquals(realShares.size(), saved.get("labels").size(), column + ": every label kept");
            for (int k = 0; k < saved.get("labels").size(); k++) {
                String label = saved.get("labels").get(k).asText();
                assertEquals(realShares.get(label), saved.get("probabilities").get(k).asDouble(), 1e-15,
                        column + " '" + label + "': the model's share is the real one");
            }
            Map<String, Double> sampled = shares(synthetic, column);
            realShares.forEach((label, share) -> assertEquals(share, sampled.get(label), 0.012,
                    column + " '" + label + "': the sample's share"));
        }
    }

    @Test
    void labelsFollowTheNumberTheyDetermine() {
        JsonNode labels = columnJson(model, "grade").get("labels");
        List<Long> years = new ArrayList<>();
        for (JsonNode label : labels) {
            years.add(YEARS[List.of(GRADES).indexOf(label.asText())]);
        }
        // the axis points so that the most frequent grade (P, 12 years) comes before the least frequent (T, 10)
        assertEquals(List.of(16L, 14L, 12L, 10L, 9L), years, "the grades in the order of their years: " + labels);
    }

    @Test
    void sameDataSameModelAndRows() throws IOException {
        CopulaModel again = fit(table(ROWS, 5));
        assertEquals(save(model), save(again), "same data, same model bytes");
        assertEquals(GaussianCopulaTest.text(model.sampleFrame(500, 3)), GaussianCopulaTest.text(again.sampleFrame(500, 3)));
    }

    @Test
    void aModelSavedWithAnotherOrderKeepsIt() throws IOException {
        // a model made before labels were rearranged holds them most frequent first: it must load and sample as it was
        Frame data = table(2_000, 6);
        List<ColumnModel> columns = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (ColumnSpec spec : data.schema().columns()) {
            ColumnModels.Fitted f = ColumnModels.fit(data, spec, new ColumnModels.Settings("auto", 1000, 256, true));
            columns.add(f.model());
            scores.add(f.scores());
        }
        CopulaModel old = new CopulaModel(data.schema(), columns,
                CorrelatedNormals.fit(scores.toArray(new double[0][]), Progress.NONE, 1));
        assertEquals("P", columnJson(old, "grade").get("labels").get(0).asText(), "most frequent first");
        CopulaModel loaded = CopulaModel.load(new ByteArrayInputStream(save(old).getBytes(StandardCharsets.UTF_8)));
        assertEquals(save(old), save(loaded), "loaded as saved");
        assertEquals(GaussianCopulaTest.text(old.sampleFrame(300, 4)), GaussianCopulaTest.text(loaded.sampleFrame(300, 4)),
                "the same rows as before saving");
    }

    @Test
    void tiesGoByLabelAndAColumnWithoutPartnersKeepsItsOrder() {
        List<String> cells = List.of("b", "a", "c", "b", "a", "c");
        CategoryCounts counts = CategoryCounts.of(cells);
        // a partner on which a and b have the same mean and c a higher one
        double[] partner = {-1, -1, 2, -1, -1, 2};
        int[] order = LabelOrder.order(counts, List.of(partner));
        String[] labels = new String[order.length];
        for (int j = 0; j < order.length; j++) {
            labels[j] = counts.label(order[j]);
        }
        assertArrayEquals(new String[] {"a", "b", "c"}, labels, "a and b tie: by label, then c");
        assertEquals(null, LabelOrder.order(counts, List.of()), "nothing to order by");
        assertEquals(null, LabelOrder.order(counts, List.of(new double[] {0, 0, 0, 0, 0, 0})), "no association");
    }

    @Test
    void aTableWithAsManyDimensionsAsRowsKeepsItsOrder() {
        // five dimensions over four rows: the factor model's case, where label means would be noise
        Frame few = table(4, 8);
        ColumnModels.Fitted[] fitted = new ColumnModels.Fitted[few.columnCount()];
        for (int c = 0; c < fitted.length; c++) {
            fitted[c] = ColumnModels.fit(few, few.schema().column(c), new ColumnModels.Settings("auto", 1000, 256, true));
        }
        assertArrayEquals(fitted, LabelOrder.arrange(fitted), "the same fitted columns, labels most frequent first");
        ColumnModels.Fitted[] more = new ColumnModels.Fitted[fitted.length];
        Frame enough = table(40, 8);
        for (int c = 0; c < more.length; c++) {
            more[c] = ColumnModels.fit(enough, enough.schema().column(c), new ColumnModels.Settings("auto", 1000, 256, true));
        }
        assertTrue(LabelOrder.arrange(more)[0] != more[0], "with more rows than dimensions the grades are rearranged");
    }

    /** grade and years from one latent score, income from it too; region and language associated. */
    static Frame table(int n, long seed) {
        Rng rng = new Rng(seed);
        String[] grade = new String[n];
        long[] years = new long[n];
        double[] income = new double[n];
        String[] region = new String[n];
        String[] language = new String[n];
        // on the latent axis the grades lie in the order of their years: R, T, P, S, Q
        int[] byYears = {2, 4, 0, 3, 1};
        for (int i = 0; i < n; i++) {
            double u = rng.nextGaussian();
            double p = io.tabsynth.spi.stats.Normal.cdf(u);
            int g = byYears[byYears.length - 1];
            double cum = 0;
            for (int k : byYears) {
                cum += GRADE_SHARES[k];
                if (p < cum) {
                    g = k;
                    break;
                }
            }
            grade[i] = GRADES[g];
            years[i] = YEARS[g];
            income[i] = Math.exp(0.5 * u + 0.5 * rng.nextGaussian());
            int r = pick(rng.nextDouble(), REGION_SHARES);
            region[i] = REGIONS[r];
            language[i] = rng.nextDouble() < USUAL ? LANGUAGE_OF_REGION[r] : LANGUAGES[rng.nextInt(LANGUAGES.length)];
        }
        Table t = Table.create("t", StringColumn.create("grade", grade), LongColumn.create("years", years),
                DoubleColumn.create("income", income), StringColumn.create("region", region),
                StringColumn.create("language", language));
        return Frame.of(t, Schema.of(ColumnSpec.of("grade", ColumnKind.CATEGORICAL),
                ColumnSpec.of("years", ColumnKind.INTEGER), ColumnSpec.of("income", ColumnKind.CONTINUOUS),
                ColumnSpec.of("region", ColumnKind.CATEGORICAL), ColumnSpec.of("language", ColumnKind.CATEGORICAL)));
    }

    private static int pick(double p, double[] shares) {
        double cum = 0;
        for (int k = 0; k < shares.length; k++) {
            cum += shares[k];
            if (p < cum) {
                return k;
            }
        }
        return shares.length - 1;
    }

    private static CopulaModel fit(Frame data) {
        return (CopulaModel) new GaussianCopula().fit(data, GaussianCopulaTest.single(), FitContext.of(1));
    }

    /** Cramér's V of two columns, each value its own level. */
    static double cramersV(Frame f, String a, String b) {
        List<String> x = cells(f, a);
        List<String> y = cells(f, b);
        Map<String, Integer> xs = new HashMap<>();
        Map<String, Integer> ys = new HashMap<>();
        x.forEach(v -> xs.putIfAbsent(v, xs.size()));
        y.forEach(v -> ys.putIfAbsent(v, ys.size()));
        double[] joint = new double[xs.size() * ys.size()];
        for (int i = 0; i < x.size(); i++) {
            joint[xs.get(x.get(i)) * ys.size() + ys.get(y.get(i))] += 1.0 / x.size();
        }
        return PairTrend.cramersV(joint, xs.size(), ys.size());
    }

    private static List<String> cells(Frame f, String column) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.rowCount(); i++) {
            out.add(f.table().column(column).getString(i));
        }
        return out;
    }

    private static Map<String, Double> shares(Frame f, String column) {
        Map<String, Integer> counts = new HashMap<>();
        cells(f, column).forEach(v -> counts.merge(v, 1, Integer::sum));
        Map<String, Double> out = new HashMap<>();
        counts.forEach((v, count) -> out.put(v, count / (double) f.rowCount()));
        return out;
    }

    private static JsonNode columnJson(CopulaModel m, String column) {
        for (ColumnModel c : m.columns()) {
            if (c.spec().name().equals(column)) {
                try {
                    return JSON.readTree(JSON.writeValueAsString(c.toJson()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no column " + column);
    }

    private static String save(CopulaModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.save(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
