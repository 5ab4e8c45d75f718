package io.tabsynth.plugins.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Missing values: none written into a column that has none, and a column's real missing share kept unbiased. */
class MissingCellTest {
    private static final int ROWS = 5000;
    private static final int FITS = 12;
    private static final double MISSING_SHARE = 0.08;

    /** "full" has no missing value; "gappy" misses in 8% of rows; both depend on each other. */
    private static Frame table() {
        Rng rng = new Rng(21);
        String[] full = new String[ROWS];
        String[] gappy = new String[ROWS];
        for (int r = 0; r < ROWS; r++) {
            int v = rng.nextInt(4);
            full[r] = "f" + v;
            gappy[r] = r < MISSING_SHARE * ROWS ? null : "g" + (rng.nextDouble() < 0.8 ? v : rng.nextInt(4));
        }
        return Frame.of(Table.create("t", StringColumn.create("full", full), StringColumn.create("gappy", gappy)),
                Schema.of(ColumnSpec.of("full", ColumnKind.CATEGORICAL), ColumnSpec.of("gappy", ColumnKind.CATEGORICAL)));
    }

    @Test
    void aColumnWithoutMissingValuesGetsNoneAndTheOtherKeepsItsShare() {
        Frame data = table();
        double missingShareSum = 0;
        for (int fit = 0; fit < FITS; fit++) {
            DpMarginalsModel m = Tables.fit(data, Map.of("noise", "seeded", "epsilon", "1"), 100 + fit);
            double[] full = m.oneWay("full");
            assertEquals(0, full[full.length - 1], "fit " + fit + ": the missing cell of 'full' is empty");
            Frame syn = m.sample(20_000, fit).collect();
            assertEquals(0, syn.missingRate("full"), "fit " + fit + ": no missing value written into 'full'");
            double[] gappy = m.oneWay("gappy");
            missingShareSum += gappy[gappy.length - 1];
            assertTrue(syn.missingRate("gappy") > 0.05, "fit " + fit + ": 'gappy' keeps its missing values");
        }
        // The noise on the missing cell's count is about 12 rows (sigma), 0.0024 of 5000: the mean of 12 fits
        // lies within 0.003 of the truth unless the estimate is biased.
        assertEquals(MISSING_SHARE, missingShareSum / FITS, 0.003);
    }
}
