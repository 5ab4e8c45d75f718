package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Fidelity on data with known answers. */
class FidelityEvaluatorTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("y", ColumnKind.CONTINUOUS),
            ColumnSpec.of("g", ColumnKind.CATEGORICAL), ColumnSpec.of("id", ColumnKind.IDENTIFIER));

    /** x, y correlated 0.8; g = "hi" when x &gt; 0 (strong association); id unique. */
    static Frame data(int n, long seed, boolean shuffleY) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        String[] g = new String[n];
        String[] id = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            y[i] = 0.8 * x[i] + 0.6 * rng.nextGaussian();
            g[i] = x[i] > 0 ? "hi" : "lo";
            id[i] = "k" + i;
        }
        if (shuffleY) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = y[i];
                y[i] = y[j];
                y[j] = t;
            }
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", x), DoubleColumn.create("y", y),
                StringColumn.create("g", g), StringColumn.create("id", id)), SCHEMA);
    }

    static Result evaluate(Frame real, Frame syn) {
        return new FidelityEvaluator().evaluate(new EvaluationInput(real, null, syn, real.schema(), Map.of()));
    }

    @Test
    void identicalDataScoresOne() {
        Frame real = data(2000, 1, false);
        Result r = evaluate(real, real);
        assertEquals(1.0, r.score(), 1e-12);
        assertEquals(3, r.details().get("pairsScored"), "identifiers are not scored");
        assertEquals(3, r.details().get("pairsWithRelationship"), "x~y (0.8), x~g and y~g associations are real");
    }

    @Test
    void brokenDependenceLowersPairTrendsNotShapes() {
        Frame real = data(5000, 1, false);
        Result good = evaluate(real, data(5000, 2, false));
        Result broken = evaluate(real, data(5000, 2, true));
        assertTrue((Double) good.details().get("columnShapes") > 0.95);
        assertEquals((Double) good.details().get("columnShapes"), (Double) broken.details().get("columnShapes"), 1e-12,
                "shuffling y keeps every marginal");
        double goodPairs = (Double) good.details().get("columnPairTrends");
        double brokenPairs = (Double) broken.details().get("columnPairTrends");
        // Per-side binning (as SDMetrics does) costs independent samples a little: good is ~0.90, broken ~0.73.
        assertTrue(goodPairs > 0.87 && brokenPairs < 0.8 && goodPairs - brokenPairs > 0.12, goodPairs + " vs " + brokenPairs);
        // Correlation similarity: 1 - |0.8 - ~0| / 2 = ~0.6 for x~y.
        Object xy = ((java.util.List<?>) broken.details().get("pairs")).get(0);
        assertEquals(0.6, (Double) ((Map<?, ?>) xy).get("score"), 0.03);
    }

    @Test
    void detectionTellsBrokenDependenceFromIndependentDraws() {
        Frame real = data(3000, 1, false);
        Map<?, ?> same = (Map<?, ?>) evaluate(real, data(3000, 2, false)).details().get("detection");
        Map<?, ?> broken = (Map<?, ?>) evaluate(real, data(3000, 2, true)).details().get("detection");
        assertEquals(0.5, (Double) same.get("auc"), 0.07, "draws from one distribution cannot be told apart");
        assertTrue((Double) broken.get("auc") > 0.65, "a lost correlation is detectable: " + broken.get("auc"));
    }

    @Test
    void mismatchedColumnsAreBadInput() {
        Frame real = data(100, 1, false);
        Frame other = Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", new double[100])),
                Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS)));
        assertThrows(BadInputException.class, () -> evaluate(real, other));
    }
}
