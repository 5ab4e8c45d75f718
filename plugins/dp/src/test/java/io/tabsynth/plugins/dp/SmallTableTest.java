package io.tabsynth.plugins.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** On a table of 800 made-up clinic visits at ε = 1 the paid domains come out useless, and the fit says so. */
class SmallTableTest {
    private static final int ROWS = 800;
    private static final String[] DIAGNOSES = {"flu", "asthma", "sprain", "migraine", "diabetes", "eczema", "otitis",
            "gastritis", "angina", "bronchitis", "gout", "anaemia", "sinusitis", "cystitis", "tendinitis", "acne"};

    @TempDir
    Path dir;

    private static Frame visits(long seed) {
        Rng rng = new Rng(seed);
        long[] age = new long[ROWS];
        double[] systolic = new double[ROWS];
        String[] diagnosis = new String[ROWS];
        for (int r = 0; r < ROWS; r++) {
            age[r] = 18 + rng.nextInt(73);
            systolic[r] = Math.round(120 + 15 * rng.nextGaussian());
            diagnosis[r] = DIAGNOSES[rng.nextInt(DIAGNOSES.length)];
        }
        Table t = Table.create("visits", LongColumn.create("age", age), DoubleColumn.create("systolic", systolic),
                StringColumn.create("diagnosis", diagnosis));
        return Frame.of(t, Schema.of(ColumnSpec.of("age", ColumnKind.INTEGER),
                ColumnSpec.of("systolic", ColumnKind.CONTINUOUS), ColumnSpec.of("diagnosis", ColumnKind.CATEGORICAL)));
    }

    @Test
    void theFitWarnsOfUselessBoundsAndCategoriesNamingTheColumnAndTheRemedy() {
        for (long seed = 1; seed <= 3; seed++) {
            try (Engine engine = Engine.open(null, false, new Lineage(new Ledger(dir.resolve("l" + seed + ".jsonl")),
                    new KeyStore(dir.resolve("keys"))))) {
                DpMarginals g = new DpMarginals();
                engine.register(g, "dp", "0");
                FittedModel m = engine.fit(visits(seed), g.id(), Map.of("noise", "seeded"), seed, Progress.NONE);
                String notes = String.join("\n", m.notes());
                for (String column : List.of("age", "systolic")) {
                    assertTrue(notes.contains("warning: column '" + column + "': the bounds paid from the budget"),
                            "seed " + seed + ": " + notes);
                }
                assertTrue(notes.contains("warning: column 'diagnosis': category selection released no category"),
                        "seed " + seed + ": " + notes);
                assertTrue(notes.contains("declare its \"bounds\" in the metadata file or raise epsilon"), notes);
            }
        }
    }

    /**
     * 800 rows: "common" on 560 of them, the other 240 spread over 24 categories of 10 rows, each far below the
     * selection's threshold at ε = 1; a second column holds "yes" on every row, nothing dropped.
     */
    private static Frame diagnoses() {
        String[] diagnosis = new String[ROWS];
        String[] flag = new String[ROWS];
        int rare = 24;
        int perRare = 10;
        for (int r = 0; r < ROWS; r++) {
            diagnosis[r] = r < rare * perRare ? "rare" + (r / perRare) : "common";
            flag[r] = "yes";
        }
        Table t = Table.create("diagnoses", StringColumn.create("diagnosis", diagnosis), StringColumn.create("flag", flag));
        return Frame.of(t, Schema.of(ColumnSpec.of("diagnosis", ColumnKind.CATEGORICAL),
                ColumnSpec.of("flag", ColumnKind.CATEGORICAL)));
    }

    @Test
    void theFitWarnsWhenDroppedCategoriesHoldALargeShareOfTheRows() {
        for (long seed = 1; seed <= 3; seed++) {
            DpMarginalsModel m = Tables.fit(diagnoses(), Map.of("noise", "seeded", "epsilon", "1"), seed);
            String warnings = String.valueOf(m.privacy().get(DpMarginals.WARNINGS));
            assertTrue(warnings.contains("column 'diagnosis': category selection kept 1 category and dropped the rest"),
                    "seed " + seed + ": " + warnings);
            assertTrue(warnings.contains("of its values are in dropped categories"), warnings);
            assertFalse(warnings.contains("column 'flag'"), "seed " + seed + ": " + warnings);
        }
    }

    @Test
    void declaredDomainsLeaveNothingToWarnAbout() {
        DpMarginals g = new DpMarginals();
        Map<String, DeclaredDomain> declared = Map.of("age", DeclaredDomain.bounds(0, 110),
                "systolic", DeclaredDomain.bounds(60, 220), "diagnosis", DeclaredDomain.categories(List.of(DIAGNOSES)));
        DpMarginalsModel m = (DpMarginalsModel) g.fit(visits(4), Params.resolve(g.id(), g.describe(),
                Map.of("noise", "seeded")), new FitContext(4, 1, Progress.NONE, null, declared));
        assertEquals(null, m.privacy().get(DpMarginals.WARNINGS), m.privacy().toString());
    }
}
