package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copula fit with {@code epsilon} goes through the engine as a differentially private fit: its signed lineage
 * record states what it spent, and no rare-value rule ran outside the budget; without {@code epsilon} the rule runs.
 */
class PrivateLineageTest {
    @TempDir
    Path dir;

    private SignedRecord lastFit(Map<String, String> params) {
        Ledger ledger = new Ledger(dir.resolve("ledger.jsonl"));
        Lineage lineage = new Lineage(ledger, new KeyStore(dir.resolve("keys")));
        try (Engine engine = Engine.open(null, false, lineage)) {
            GaussianCopula g = new GaussianCopula();
            engine.register(g, "copula", "0");
            FittedModel m = engine.fit(KnownCopula.draw(2_000, 1), g.id(), params, 8, Progress.NONE);
            engine.save(m, dir.resolve("m.model"));
        }
        List<SignedRecord> records = ledger.records();
        SignedRecord fit = records.get(records.size() - 1);
        assertEquals("fit", fit.step().step());
        return fit;
    }

    @Test
    void aFitWithEpsilonRecordsItsPrivacyAndRunsNoRareValueRule() {
        SignedRecord fit = lastFit(Map.of("epsilon", "2"));
        Map<?, ?> privacy = (Map<?, ?>) fit.step().results().get("privacy");
        assertTrue(privacy != null, "the fit record has a privacy entry: " + fit.step().results());
        assertEquals(2.0, ((Number) privacy.get("epsilon")).doubleValue());
        assertEquals("secure", privacy.get("noise"));
        assertTrue(privacy.get("mechanisms").toString().contains("the sums of products"), privacy.toString());
        assertTrue(!fit.step().parameters().containsKey("minCount"),
                "no rare-value rule outside the budget: " + fit.step().parameters());
    }

    @Test
    void aFitWithoutEpsilonHasTheRareValueRuleAndNoPrivacyRecord() {
        SignedRecord fit = lastFit(Map.of("clusters", "1"));
        assertTrue(!fit.step().results().containsKey("privacy"), fit.step().results().toString());
        assertTrue(fit.step().parameters().containsKey("minCount"), fit.step().parameters().toString());
    }
}
