package io.tabsynth.spi.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class QualityTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("x", ColumnKind.CONTINUOUS),
            ColumnSpec.of("y", ColumnKind.CONTINUOUS), ColumnSpec.of("group", ColumnKind.CATEGORICAL));

    /** y follows x (ρ ≈ 0.9) and the group is the sign of x, unless {@code independent}. */
    static Frame data(int n, long seed, boolean independent) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            y[i] = independent ? rng.nextGaussian() : 0.9 * x[i] + Math.sqrt(1 - 0.81) * rng.nextGaussian();
            double signOf = independent ? rng.nextGaussian() : x[i];
            g[i] = signOf > 0 ? "up" : "down";
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("x", x), DoubleColumn.create("y", y),
                StringColumn.create("group", g)), SCHEMA);
    }

    @Test
    void identicalDataScoresOneAndLostRelationshipsScoreLower() {
        Frame real = data(20_000, 5, false);
        Quality same = Quality.of(real, real);
        assertEquals(1.0, same.score(), 1e-12);
        assertEquals(3, same.pairsWithRelationship(), "x~y correlate, the group depends on x and on y");

        Quality fresh = Quality.of(real, data(20_000, 6, false));
        Quality broken = Quality.of(real, data(20_000, 7, true));
        assertTrue(fresh.columnShapes() > 0.98 && fresh.pairTrends() > 0.85, "a second draw from the same distribution: " + fresh);
        assertEquals(fresh.columnShapes(), broken.columnShapes(), 0.03, "the marginals are the same");
        assertTrue(broken.pairTrends() < fresh.pairTrends() - 0.2, "independent columns lose the trends: " + broken);
        PairTrend xy = PairTrend.of(real, data(20_000, 7, true), SCHEMA.column("x"), SCHEMA.column("y"));
        assertEquals("CorrelationSimilarity", xy.metric());
        assertEquals(1 - Math.abs(xy.real() - xy.synthetic()) / 2, xy.score(), 1e-12);
        assertEquals(0.55, xy.score(), 0.02, "ρ 0.9 against 0 gives 1 − 0.9 / 2");
    }

    @Test
    void cramersVOfAPerfectAssociationIsOneAndOfIndependenceZero() {
        assertEquals(1.0, PairTrend.cramersV(new double[] {0.5, 0, 0, 0.5}, 2, 2), 1e-12);
        assertEquals(0.0, PairTrend.cramersV(new double[] {0.25, 0.25, 0.25, 0.25}, 2, 2), 1e-12);
    }
}
