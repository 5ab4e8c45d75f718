package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A drafted lookup treats a missing key as a value of its own and maps no key the real data lacks. */
class LookupMissingTest {
    private static final int ROWS = 2000;
    private static final double UNPAID = 0.19;

    @TempDir
    Path dir;

    /** Invoices: bezahlt is 'nein' exactly where Tage_Verzug (days late) is empty. */
    private static Frame invoices() {
        Rng rng = new Rng(11);
        LongColumn days = LongColumn.create("Tage_Verzug");
        StringColumn paid = StringColumn.create("bezahlt");
        for (int i = 0; i < ROWS; i++) {
            if (rng.nextDouble() < UNPAID) {
                days.appendMissing();
                paid.append("nein");
            } else {
                days.append(rng.nextInt(31));
                paid.append("ja");
            }
        }
        return Frame.of(Table.create("invoices", days, paid), Schema.of(
                ColumnSpec.of("Tage_Verzug", ColumnKind.INTEGER), ColumnSpec.of("bezahlt", ColumnKind.CATEGORICAL)));
    }

    @Test
    void aMissingKeyKeepsItsOwnMappedValueInTheGeneratedData() throws Exception {
        Frame real = invoices();
        JsonNode spec = new Inference().infer(real);
        String json = new ObjectMapper().writeValueAsString(spec);
        assertEquals(json, new ObjectMapper().writeValueAsString(new Inference().infer(invoices())),
                "the same table drafts the same spec bytes");
        assertFalse(json.contains("??"), "no fallback maps keys the real data lacks: " + json);
        Frame made = RulesGeneratorTest.fit(dir, json).sample(10_000, 1).collect();
        String[] paid = made.strings("bezahlt").asObjectArray();
        int no = 0;
        int empty = 0;
        for (String p : paid) {
            no += p.equals("nein") ? 1 : 0;
            empty += p.isEmpty() ? 1 : 0;
        }
        assertEquals(0, empty, "no empty bezahlt: " + json);
        assertEquals(UNPAID, no / (double) paid.length, 0.02, "share of nein: " + json);
        int ix = made.schema().indexOf("Tage_Verzug");
        for (int r = 0; r < paid.length; r++) {
            assertEquals(made.isMissing(ix, r), paid[r].equals("nein"), "row " + r + " keeps the dependency");
        }
    }
}
