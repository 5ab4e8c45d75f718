package io.tabsynth.plugins.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** With a target, every column's dependence on it is measured and kept, also where a plain tree loses it. */
class TargetTest {
    private static final int ROWS = 20_000;
    private static final int FEATURES = 4;

    /**
     * y, and features that each copy y (30%) or a hidden factor shared by all features (50%), else a random value:
     * the features depend more on each other than on y, so a plain tree chains them and hangs y on one of them.
     */
    private static Frame table() {
        Rng rng = new Rng(8);
        List<StringColumn> columns = new ArrayList<>();
        columns.add(StringColumn.create("y"));
        for (int f = 0; f < FEATURES; f++) {
            columns.add(StringColumn.create("x" + f));
        }
        for (int r = 0; r < ROWS; r++) {
            int y = rng.nextInt(2);
            int hidden = rng.nextInt(2);
            columns.get(0).append("v" + y);
            for (int f = 0; f < FEATURES; f++) {
                double u = rng.nextDouble();
                columns.get(1 + f).append("v" + (u < 0.3 ? y : u < 0.8 ? hidden : rng.nextInt(2)));
            }
        }
        List<ColumnSpec> specs = columns.stream().map(c -> ColumnSpec.of(c.name(), ColumnKind.CATEGORICAL)).toList();
        return Frame.of(Table.create("t", columns.toArray(new StringColumn[0])), Schema.of(specs));
    }

    /** The share of rows where feature f equals y. */
    private static double agreement(Frame f, int feature) {
        int same = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            same += f.strings("y").get(r).equals(f.strings("x" + feature).get(r)) ? 1 : 0;
        }
        return (double) same / f.rowCount();
    }

    @Test
    void everyFeatureKeepsItsDependenceOnTheTarget() throws Exception {
        Frame data = table();
        DpMarginalsModel m = Tables.fit(data, Map.of("noise", "seeded", "epsilon", "10", "target", "y"), 3);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        m.save(saved);
        DpMarginalsModel back = DpMarginalsModel.load(new ByteArrayInputStream(saved.toByteArray()));
        Frame syn = back.sample(ROWS, 4).collect();
        DpMarginalsModel plain = Tables.fit(data, Map.of("noise", "seeded", "epsilon", "10"), 3);
        Frame plainSyn = plain.sample(ROWS, 4).collect();
        double worstPlain = 0;
        for (int f = 0; f < FEATURES; f++) {
            double real = agreement(data, f);
            assertEquals(real, agreement(syn, f), 0.02, "x" + f + " agrees with y as often as in the real data");
            worstPlain = Math.max(worstPlain, Math.abs(real - agreement(plainSyn, f)));
        }
        assertTrue(worstPlain > 0.04, "a plain tree loses some feature's dependence on y (worst error "
                + worstPlain + "), which is why the target helps");
        assertTrue(m.describeColumns().get("x1 given").endsWith("and y (tree edge and target)")
                || m.describeColumns().get("x1 given").equals("y (tree edge)"), m.describeColumns().toString());
    }

    @Test
    void aTargetThatIsNoColumnIsBadInput() {
        String message = assertThrows(BadInputException.class,
                () -> Tables.fit(table(), Map.of("target", "income"), 1)).getMessage();
        assertTrue(message.startsWith("generator 'dp-marginals' parameter 'target': no column 'income'"), message);
    }
}
