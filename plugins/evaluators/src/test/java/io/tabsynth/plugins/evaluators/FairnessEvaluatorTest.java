package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Fairness on groups with known shares and base rates. */
class FairnessEvaluatorTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("grp", ColumnKind.CATEGORICAL), ColumnSpec.of("x", ColumnKind.CONTINUOUS),
            ColumnSpec.of("y", ColumnKind.CATEGORICAL));

    /** 30 % group "a" with base rate 0.2, 70 % group "b" with base rate {@code rateB}; y depends on x. */
    static Frame draw(int n, long seed, double rateB) {
        Rng rng = new Rng(seed);
        String[] g = new String[n];
        double[] x = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = rng.nextDouble() < 0.3 ? "a" : "b";
            boolean yes = rng.nextDouble() < (g[i].equals("a") ? 0.2 : rateB);
            x[i] = (yes ? 1 : 0) + 0.5 * rng.nextGaussian();
            y[i] = yes ? "yes" : "no";
        }
        return Frame.of(Table.create("t").addColumns(StringColumn.create("grp", g), DoubleColumn.create("x", x),
                StringColumn.create("y", y)), SCHEMA);
    }

    static Result run(Frame syn) {
        return new FairnessEvaluator().evaluate(new EvaluationInput(draw(4000, 1, 0.6), draw(1000, 2, 0.6), syn, SCHEMA,
                Map.of("target", "y", "protected", "grp", "positive", "yes")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> column(Result r) {
        return (Map<String, Object>) ((Map<String, Object>) r.details().get("protected")).get("grp");
    }

    @Test
    void keepsGroupStructureAndMeasuresDisparateImpact() {
        Result r = run(draw(4000, 3, 0.6));
        Map<String, Object> g = column(r);
        assertEquals(0.2 / 0.6, (Double) g.get("realDisparateImpact"), 0.05);
        assertEquals((Double) g.get("realDisparateImpact"), (Double) g.get("syntheticDisparateImpact"), 0.06);
        assertTrue((Double) g.get("groupShareDifference") < 0.03);
        assertTrue(r.score() > 0.93, "score " + r.score());
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) g.get("realTrainedModel");
        assertTrue((Double) model.get("demographicParityDifference") > 0.2, "the groups' base rates differ, so predictions do");
    }

    @Test
    void aSyntheticSetThatErasesTheGapIsFlagged() {
        Result r = run(draw(4000, 3, 0.2));
        Map<String, Object> g = column(r);
        assertEquals(1.0, (Double) g.get("syntheticDisparateImpact"), 0.15);
        assertTrue(r.score() < 0.75, "score " + r.score());
    }

    @Test
    void needsTargetAndProtectedColumns() {
        Result r = new FairnessEvaluator().evaluate(new EvaluationInput(draw(100, 1, 0.6), null, draw(100, 2, 0.6), SCHEMA, Map.of()));
        assertNull(r.score());
    }
    /** A many-class target: code "c0" on most rows, "c1" and "c2" on fewer, and "only-one" on a single row. */
    static Frame manyClasses() {
        int n = 300;
        String[] g = new String[n];
        double[] x = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = i % 2 == 0 ? "a" : "b";
            x[i] = i;
            y[i] = i == 0 ? "only-one" : i % 5 == 0 ? "c2" : i % 3 == 0 ? "c1" : "c0";
        }
        return Frame.of(Table.create("t").addColumns(StringColumn.create("grp", g), DoubleColumn.create("x", x),
                StringColumn.create("y", y)), SCHEMA);
    }

    @Test
    void aManyClassTargetDefaultsToItsMostFrequentClassNeverARareOne() {
        Result r = new FairnessEvaluator().evaluate(new EvaluationInput(manyClasses(), null, manyClasses(), SCHEMA,
                Map.of("target", "y", "protected", "grp")));
        assertEquals("c0", r.details().get("positiveClass"));
    }

    @Test
    void aPositiveClassTheRealDataLacksIsBadInputNamingTheOptionAndFrequentClasses() {
        BadInputException e = assertThrows(BadInputException.class, () -> new FairnessEvaluator().evaluate(
                new EvaluationInput(manyClasses(), null, manyClasses(), SCHEMA,
                        Map.of("target", "y", "protected", "grp", "positive", "c9"))));
        assertTrue(e.getMessage().contains("positive=c9"), e.getMessage());
        assertTrue(e.getMessage().contains("c0, c1, c2"), e.getMessage());
        assertTrue(!e.getMessage().contains("only-one"), "the message names no class one real row holds: " + e.getMessage());
    }
}
