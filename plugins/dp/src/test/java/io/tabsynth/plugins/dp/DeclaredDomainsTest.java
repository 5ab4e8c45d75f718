package io.tabsynth.plugins.dp;

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
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounds and categories declared public in the metadata file: used as given, free, clipped, and recorded. */
class DeclaredDomainsTest {
    private static final int ROWS = 4000;
    private static final String METADATA = "{\"columns\": {"
            + "\"age\": {\"kind\": \"integer\", \"bounds\": [20, 70]},"
            + "\"job\": {\"kind\": \"categorical\", \"categories\": [\"nurse\", \"clerk\", \"pilot\"]}}}";

    @TempDir
    Path dir;

    private Path data() throws Exception {
        Rng rng = new Rng(3);
        StringBuilder csv = new StringBuilder("age,job\n");
        String[] jobs = {"nurse", "clerk", "baker"};
        for (int r = 0; r < ROWS; r++) {
            csv.append(rng.nextInt(90)).append(',').append(jobs[rng.nextInt(jobs.length)]).append('\n');
        }
        Path p = dir.resolve("people.csv");
        Files.writeString(p, csv);
        return p;
    }

    @Test
    void declaredDomainsAreUsedWithoutBudgetAndTheFitRecordNamesThem() throws Exception {
        Path csv = data();
        Path metadata = dir.resolve("people.json");
        Files.writeString(metadata, METADATA);
        Ledger ledger = new Ledger(dir.resolve("ledger.jsonl"));
        Frame synthetic;
        Map<String, String> columns;
        double declaredSigma2;
        double paidSigma2;
        try (Engine engine = Engine.open(null, false, new Lineage(ledger, new KeyStore(dir.resolve("keys"))))) {
            DpMarginals g = new DpMarginals();
            engine.register(g, "dp", "0");
            FittedModel m = engine.save(engine.fit(engine.read(csv, metadata), g.id(), Map.of(), 1, Progress.NONE),
                    dir.resolve("m.model"));
            columns = m.model().describeColumns();
            synthetic = m.sample(20_000, 2).collect();
            declaredSigma2 = oneWaySigma2(m.model().privacy());
            FittedModel paid = engine.fit(engine.read(csv, null), g.id(), Map.of(), 1, Progress.NONE);
            paidSigma2 = oneWaySigma2(paid.model().privacy());
        }
        assertTrue(columns.get("age").contains("between 20.0 and 70.0") && columns.get("age")
                .contains("bounds declared public"), columns.get("age"));
        assertTrue(columns.get("job").startsWith("3 categories (declared public) and a cell for the rest"),
                columns.get("job"));
        assertTrue(declaredSigma2 < paidSigma2, "the domains' share goes to the marginals: one-way sigma2 "
                + declaredSigma2 + " declared, " + paidSigma2 + " paid");
        assertEquals(20, java.util.Arrays.stream(synthetic.numbers("age")).min().orElseThrow(), "ages below 20 are clipped to the declared bound");
        assertEquals(70, java.util.Arrays.stream(synthetic.numbers("age")).max().orElseThrow(), "ages above 70 are clipped to it");
        assertFalse(synthetic.strings("job").asList().contains("baker"), "an undeclared value is never written");

        SignedRecord fit = ledger.records().stream().filter(r -> r.step().step().equals("fit")).findFirst().orElseThrow();
        Map<?, ?> privacy = (Map<?, ?>) fit.step().results().get("privacy");
        assertEquals(Map.of("age", Map.of("bounds", List.of(20.0, 70.0)),
                "job", Map.of("categories", List.of("nurse", "clerk", "pilot"))), privacy.get("declaredDomains"));
        String mechanisms = privacy.get("mechanisms").toString();
        assertFalse(mechanisms.contains("quantile") || mechanisms.contains("the categories of"), mechanisms);
        assertTrue(fit.step().inputs().stream().anyMatch(a -> a.path().endsWith("people.json")),
                "the metadata file is an input of the fit");
    }

    private static double oneWaySigma2(Map<String, Object> privacy) {
        for (Object call : (List<?>) privacy.get("mechanisms")) {
            Map<?, ?> record = (Map<?, ?>) call;
            if (record.get("touched").toString().startsWith("counts of column 'age'")) {
                return Rational.parse(record.get("sigma2").toString()).doubleValue();
            }
        }
        throw new AssertionError("no one-way marginal of age in " + privacy);
    }
}
