package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.Frame;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fairness evaluator's side-by-side report: real data biased against group "a" (base rate 0.2 against 0.6), plain
 * synthetic data keeping that bias, remediated synthetic data with parity (0.4 in both groups).
 */
class FairnessComparisonTest {
    private static final Map<String, String> OPTIONS = Map.of("target", "y", "protected", "grp", "positive", "yes");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void reportsRealPlainAndRemediatedSideBySide() {
        Frame real = FairnessEvaluatorTest.draw(4000, 1, 0.6);
        Frame holdout = FairnessEvaluatorTest.draw(2000, 2, 0.6);
        Frame plain = FairnessEvaluatorTest.draw(4000, 3, 0.6);
        Frame remediated = FairnessComparisonTest.parity(4000, 4);
        Result r = new FairnessEvaluator().evaluate(new EvaluationInput(real, holdout, remediated,
                FairnessEvaluatorTest.SCHEMA, OPTIONS, plain));
        Map<String, Object> g = FairnessEvaluatorTest.column(r);
        assertEquals(0.2 / 0.6, (Double) g.get("realDisparateImpact"), 0.05);
        assertEquals(0.2 / 0.6, (Double) g.get("comparedDisparateImpact"), 0.06);
        assertEquals(1.0, (Double) g.get("syntheticDisparateImpact"), 0.1);
        Map<String, Object> a = map(map(g.get("groups")).get("a"));
        assertEquals(0.2, (Double) a.get("comparedBaseRate"), 0.03);
        assertEquals(0.4, (Double) a.get("syntheticBaseRate"), 0.03);
        assertEquals(0.3, (Double) a.get("comparedShare"), 0.03);

        Map<String, Object> plainModel = map(g.get("comparedTrainedModel"));
        Map<String, Object> fairModel = map(g.get("syntheticTrainedModel"));
        Map<String, Object> realModel = map(g.get("realTrainedModel"));
        // a model trained on the parity data predicts "yes" more evenly across the groups of the (biased) holdout
        assertTrue((Double) fairModel.get("demographicParityDifference")
                < (Double) plainModel.get("demographicParityDifference") - 0.05, g.toString());
        assertEquals((Double) realModel.get("demographicParityDifference"),
                (Double) plainModel.get("demographicParityDifference"), 0.08);
        for (Map<String, Object> m : java.util.List.of(plainModel, fairModel, realModel)) {
            double f1 = (Double) m.get("f1");
            assertTrue(f1 > 0.4 && f1 <= 1, m.toString());
        }
    }

    @Test
    void withoutComparedDataTheReportHasNoComparedFigures() {
        Result r = FairnessEvaluatorTest.run(FairnessEvaluatorTest.draw(4000, 3, 0.6));
        Map<String, Object> g = FairnessEvaluatorTest.column(r);
        assertFalse(g.containsKey("comparedDisparateImpact"));
        assertFalse(g.containsKey("comparedTrainedModel"));
        assertFalse(map(map(g.get("groups")).get("a")).containsKey("comparedShare"));
    }

    /** As {@link FairnessEvaluatorTest#draw}, with base rate 0.4 in both groups. */
    static Frame parity(int n, long seed) {
        io.tabsynth.spi.random.Rng rng = new io.tabsynth.spi.random.Rng(seed);
        String[] g = new String[n];
        double[] x = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = rng.nextDouble() < 0.3 ? "a" : "b";
            boolean yes = rng.nextDouble() < 0.4;
            x[i] = (yes ? 1 : 0) + 0.5 * rng.nextGaussian();
            y[i] = yes ? "yes" : "no";
        }
        return Frame.of(tech.tablesaw.api.Table.create("t").addColumns(tech.tablesaw.api.StringColumn.create("grp", g),
                tech.tablesaw.api.DoubleColumn.create("x", x), tech.tablesaw.api.StringColumn.create("y", y)),
                FairnessEvaluatorTest.SCHEMA);
    }
}
