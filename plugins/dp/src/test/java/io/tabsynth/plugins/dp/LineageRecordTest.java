package io.tabsynth.plugins.dp;

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

/** A dp-marginals fit's signed lineage record states what it spent, mechanism by mechanism. */
class LineageRecordTest {
    @TempDir
    Path dir;

    @Test
    void theFitRecordListsEpsilonRhoAndEveryMechanism() {
        Ledger ledger = new Ledger(dir.resolve("ledger.jsonl"));
        Lineage lineage = new Lineage(ledger, new KeyStore(dir.resolve("keys")));
        try (Engine engine = Engine.open(null, false, lineage)) {
            DpMarginals g = new DpMarginals();
            engine.register(g, "dp", "0");
            FittedModel m = engine.fit(Tables.cities(2000, 1, 4), g.id(), Map.of("epsilon", "2"), 8, Progress.NONE);
            engine.save(m, dir.resolve("m.model"));
        }
        List<SignedRecord> records = ledger.records();
        SignedRecord fit = records.get(records.size() - 1);
        assertEquals("fit", fit.step().step());
        Map<?, ?> privacy = (Map<?, ?>) fit.step().results().get("privacy");
        assertTrue(privacy != null, "the fit record has a privacy entry: " + fit.step().results());
        assertEquals(2.0, ((Number) privacy.get("epsilon")).doubleValue());
        List<?> mechanisms = (List<?>) privacy.get("mechanisms");
        // 3 selections, 3 one-way marginals, 2 tree edges and their 2 two-way marginals
        assertEquals(10, mechanisms.size(), mechanisms.toString());
        assertTrue(mechanisms.toString().contains("the categories of column 'city'"), mechanisms.toString());
        assertTrue(!fit.step().parameters().containsKey("minCount"),
                "no rare-value rule outside the budget (it counts across rows): " + fit.step().parameters());
    }
}
