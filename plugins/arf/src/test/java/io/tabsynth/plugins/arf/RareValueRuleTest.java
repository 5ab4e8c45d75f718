package io.tabsynth.plugins.arf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
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

/** No leaf describes fewer real rows than the rare-value rule's k, and no one person's number comes out. */
class RareValueRuleTest {
    @Test
    void everyLeafCoversAtLeastMinNodeSizeRealRows() {
        for (int k : new int[] {5, 12}) {
            ArfModel model = (ArfModel) KnownTables.fit(KnownTables.addresses(3000, 4),
                    Map.of(AdversarialRandomForest.MIN_NODE_SIZE, Integer.toString(k)), 7);
            int smallest = model.leaves().leaves().stream().mapToInt(Leaf::coverage).min().orElseThrow();
            assertTrue(smallest >= k, "a leaf covers " + smallest + " real rows, fewer than " + k);
        }
    }

    @Test
    void theRareValueRulesKRaisesTheLeafSize() {
        Frame data = KnownTables.addresses(3000, 4);
        int k = AdversarialRandomForest.DEFAULT_MIN_NODE_SIZE + 7;
        assertTrue(smallestLeaf(KnownTables.fit(data, Map.of(), 7)) < k,
                "a fit with the defaults has leaves smaller than " + k + ", so the test can tell");
        AdversarialRandomForest g = new AdversarialRandomForest();
        Model model = g.fit(data, Params.resolve("generator 'arf'", g.describe(), Map.of()),
                new FitContext(7, 2, Progress.NONE, null, Map.of(), k));
        int smallest = smallestLeaf(model);
        assertTrue(smallest >= k, "with minCount " + k + " a leaf covers " + smallest + " real rows");
        String forest = model.describeColumns().get("(forest)");
        assertTrue(forest.contains("leafRows=" + k), forest);
    }

    private static int smallestLeaf(Model model) {
        return ((ArfModel) model).leaves().leaves().stream().mapToInt(Leaf::coverage).min().orElseThrow();
    }

    @Test
    void aTableOfKeysAndTextAloneGetsNewKeys() {
        String[] ids = new String[50];
        String[] notes = new String[50];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = "C-" + (1000 + i);
            notes[i] = "note number " + (i % 7);
        }
        Frame real = Frame.of(Table.create("t", StringColumn.create("id", ids), StringColumn.create("note", notes)),
                Schema.of(ColumnSpec.of("id", ColumnKind.IDENTIFIER), ColumnSpec.of("note", ColumnKind.FREE_TEXT)));
        Frame drawn = KnownTables.fit(real, Map.of(), 3).sampleFrame(100, 9);
        java.util.Set<String> realIds = java.util.Set.of(ids);
        assertTrue(drawn.rowCount() == 100 && drawn.strings("id").asList().stream().noneMatch(realIds::contains),
                "100 rows of new keys");
    }

    @Test
    void aNumberOnlyOneRowHoldsIsNeverDrawn() {
        int rows = 2000;
        Rng rng = new Rng(5);
        double[] x = new double[rows];
        String[] group = new String[rows];
        for (int i = 0; i < rows; i++) {
            group[i] = "g" + rng.nextInt(4);
            x[i] = Math.round(rng.nextGaussian() * 100) / 100.0;
        }
        double outlier = 987.654;
        x[17] = outlier;
        Frame real = Frame.of(Table.create("t", StringColumn.create("group", group), DoubleColumn.create("x", x)),
                Schema.of(ColumnSpec.of("group", ColumnKind.CATEGORICAL), ColumnSpec.of("x", ColumnKind.CONTINUOUS)));
        double[] drawn = KnownTables.fit(real, Map.of(), 3).sampleFrame(20_000, 9).numbers("x");
        for (double v : drawn) {
            assertFalse(v == outlier, "the one row's value was drawn");
        }
    }
}
