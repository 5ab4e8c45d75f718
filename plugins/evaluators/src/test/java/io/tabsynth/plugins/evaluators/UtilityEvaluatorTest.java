package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Utility on data where the target is predictable from the features. */
class UtilityEvaluatorTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("g", ColumnKind.CATEGORICAL),
            ColumnSpec.of("y", ColumnKind.CATEGORICAL), ColumnSpec.of("v", ColumnKind.CONTINUOUS));

    /** y = "yes" when x + (g == "b") &gt; 1 (about 30 % yes), v = 3x + noise; {@code scramble} breaks y's link. */
    static Frame draw(int n, long seed, boolean scramble) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        String[] g = new String[n];
        String[] y = new String[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            g[i] = rng.nextDouble() < 0.5 ? "a" : "b";
            boolean yes = x[i] + (g[i].equals("b") ? 1 : 0) + 0.3 * rng.nextGaussian() > 1;
            if (scramble) {
                yes = rng.nextDouble() < 0.3;
            }
            y[i] = yes ? "yes" : "no";
            v[i] = 3 * x[i] + 0.5 * rng.nextGaussian();
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", x), StringColumn.create("g", g),
                StringColumn.create("y", y), DoubleColumn.create("v", v)), SCHEMA);
    }

    static Result run(Frame syn, String target) {
        return new UtilityEvaluator().evaluate(new EvaluationInput(draw(1200, 1, false), draw(600, 2, false), syn, SCHEMA,
                Map.of("target", target)));
    }

    @Test
    void faithfulSyntheticDataIsAsUsefulAsReal() {
        Result r = run(draw(1200, 3, false), "y");
        assertEquals("classification", r.details().get("task"));
        assertEquals("yes", r.details().get("positiveClass"), "the rarer class is positive");
        assertTrue((Double) r.details().get("realF1") > 0.8, "the signal is learnable: " + r.details().get("realF1"));
        assertTrue(r.score() > 0.9, "score " + r.score());
    }

    @Test
    void aLargerSyntheticSetTrainsOnAsManyRowsAsTheRealOne() {
        // 12,000 synthetic rows, the first 1,200 of which carry no signal: trained on all of them or on the first
        // 1,200 the result would differ from training on a random 1,200, which is what both sides get
        Frame big = Frame.concat(SCHEMA, java.util.List.of(draw(1200, 4, true), draw(10_800, 5, false)));
        Result r = run(big, "y");
        assertEquals(1200, r.details().get("syntheticRows"));
        Result same = run(big.sample(1200, Models.SEED), "y");
        assertEquals(same.details(), r.details(), "the models learn from a fixed random sample of the real size");
        assertTrue(r.score() > 0.85, "score " + r.score());
        assertEquals(700, run(draw(700, 3, false), "y").details().get("syntheticRows"), "a smaller set is used whole");
    }

    @Test
    void syntheticDataWithoutTheSignalIsUseless() {
        Result r = run(draw(1200, 3, true), "y");
        assertTrue(r.score() < 0.6, "score " + r.score());
    }

    @Test
    void numericTargetsAreRegression() {
        Result r = run(draw(1200, 3, false), "v");
        assertEquals("regression", r.details().get("task"));
        assertTrue((Double) r.details().get("realR2") > 0.85, "R² " + r.details().get("realR2"));
        assertTrue(r.score() > 0.9, "score " + r.score());
    }

    /** Rows whose y is "yes" for 2 % of rows at random: nothing to learn. */
    static Frame noise(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        String[] g = new String[n];
        String[] y = new String[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            g[i] = rng.nextDouble() < 0.5 ? "a" : "b";
            y[i] = rng.nextDouble() < 0.02 ? "yes" : "no";
            v[i] = rng.nextGaussian();
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", x), StringColumn.create("g", g),
                StringColumn.create("y", y), DoubleColumn.create("v", v)), SCHEMA);
    }

    @Test
    void anUnlearnableTargetGetsNoScore() {
        Result r = new UtilityEvaluator().evaluate(new EvaluationInput(noise(1200, 1), noise(600, 2), noise(1200, 3),
                SCHEMA, Map.of("target", "y")));
        assertTrue((Double) r.details().get("realF1") < UtilityEvaluator.MIN_REAL, "realF1 " + r.details().get("realF1"));
        assertNull(r.score(), "no ratio against a real score of about zero");
        assertTrue(r.details().get("note").toString().contains("cannot predict 'y'"));
    }

    @Test
    void withoutTargetOrHoldoutThereIsNoScore() {
        Result none = new UtilityEvaluator().evaluate(new EvaluationInput(draw(100, 1, false), draw(50, 2, false),
                draw(100, 3, false), SCHEMA, Map.of()));
        assertNull(none.score());
        assertTrue(none.details().get("note").toString().contains("--target"));
        Result noHoldout = new UtilityEvaluator().evaluate(new EvaluationInput(draw(100, 1, false), null,
                draw(100, 3, false), SCHEMA, Map.of("target", "y")));
        assertNull(noHoldout.score());
    }
}
