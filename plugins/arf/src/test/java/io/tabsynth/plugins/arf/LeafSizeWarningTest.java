package io.tabsynth.plugins.arf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leaf size below the rare-value rule's k is raised to k and the user is told; leaves of fewer than 5 real rows,
 * which the user gets only by turning both down, are warned of, and the warning is kept in the fit's lineage record.
 */
class LeafSizeWarningTest {
    private static final int ROWS = 800;
    private static final String REPRODUCE = "leaves of fewer than 5 real rows reproduce real rows";

    @TempDir
    Path dir;

    @Test
    void aLeafSizeBelowMinCountIsRaisedToItAndSaidSo() {
        FittedModel m = fit(Map.of(AdversarialRandomForest.MIN_NODE_SIZE, "1"));
        String notes = String.join("\n", m.notes());
        assertTrue(notes.contains("warning: arf: minNodeSize=1 is below the rare-value rule's minCount=5, so every "
                + "leaf keeps at least 5 real rows"), notes);
        assertFalse(notes.contains(REPRODUCE), notes);
        assertTrue(m.model().describeColumns().get("(forest)").contains("leafRows=5"),
                m.model().describeColumns().get("(forest)"));
    }

    @Test
    void leavesOfFewerThanFiveRowsAreWarnedOfAndTheWarningIsInTheLineageRecord() {
        FittedModel m = fit(Map.of(AdversarialRandomForest.MIN_NODE_SIZE, "1", "minCount", "1"));
        String notes = String.join("\n", m.notes());
        assertTrue(notes.contains("warning: arf: " + REPRODUCE + ": with minNodeSize=1 and minCount=1 a leaf may "
                + "describe 1 person"), notes);
        List<SignedRecord> records = new Ledger(dir.resolve("ledger.jsonl")).records();
        SignedRecord fit = records.get(records.size() - 1);
        assertEquals("fit", fit.step().step());
        assertTrue(String.valueOf(fit.step().results().get(FittedModel.WARNINGS)).contains(REPRODUCE),
                "the fit record: " + fit.step().results());
    }

    @Test
    void theDefaultLeafSizeWarnsOfNothing() {
        FittedModel m = fit(Map.of());
        assertTrue(m.notes().stream().noneMatch(n -> n.contains("arf:")), m.notes().toString());
        assertFalse(m.fitResults().containsKey(FittedModel.WARNINGS), m.fitResults().toString());
    }

    @Test
    void theWarningsStayInTheModelFile() throws Exception {
        AdversarialRandomForest g = new AdversarialRandomForest();
        ArfModel model = (ArfModel) g.fit(KnownTables.addresses(ROWS, 4), io.tabsynth.spi.Params.resolve("arf",
                g.describe(), Map.of(AdversarialRandomForest.MIN_NODE_SIZE, "2")),
                new io.tabsynth.spi.FitContext(3, 2, Progress.NONE, null, Map.of(), 1));
        var out = new java.io.ByteArrayOutputStream();
        model.save(out);
        var loaded = g.load(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertEquals(1, model.warnings().size(), model.warnings().toString());
        assertEquals(model.warnings(), loaded.warnings());
    }

    /** Fits arf to an 800-row address table through the engine, saving the model so the fit is recorded. */
    private FittedModel fit(Map<String, String> params) {
        Frame data = KnownTables.addresses(ROWS, 4);
        try (Engine engine = Engine.open(null, false, new Lineage(new Ledger(dir.resolve("ledger.jsonl")),
                new KeyStore(dir.resolve("keys"))))) {
            engine.register(new AdversarialRandomForest(), "arf", "0");
            return engine.save(engine.fit(data, AdversarialRandomForest.ID, params, 3, Progress.NONE),
                    dir.resolve("m.model"));
        }
    }
}
