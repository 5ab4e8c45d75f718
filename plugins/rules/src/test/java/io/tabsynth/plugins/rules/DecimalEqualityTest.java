package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** {@code ==} in a constraint expression compares money columns as written decimals, not as binary fractions. */
class DecimalEqualityTest {
    private static final int ROWS = 1600;
    private static final BigDecimal VAT = new BigDecimal("0.19");

    @TempDir
    Path dir;

    /** Invoices whose gross is exactly net + VAT in decimals; {@code wrongRow} (if any) has a cent too much. */
    private static Frame invoices(int wrongRow) {
        Rng rng = new Rng(21);
        DoubleColumn net = DoubleColumn.create("Netto");
        DoubleColumn vat = DoubleColumn.create("MwSt");
        DoubleColumn gross = DoubleColumn.create("Brutto");
        for (int i = 0; i < ROWS; i++) {
            BigDecimal n = BigDecimal.valueOf(1000 + rng.nextInt(200_000), 2);
            BigDecimal v = n.multiply(VAT).setScale(2, RoundingMode.HALF_UP);
            BigDecimal g = n.add(v).add(i == wrongRow ? new BigDecimal("0.01") : BigDecimal.ZERO);
            net.append(n.doubleValue());
            vat.append(v.doubleValue());
            gross.append(g.doubleValue());
        }
        return Frame.of(Table.create("invoices", net, vat, gross), Schema.of(ColumnSpec.of("Netto", ColumnKind.CONTINUOUS),
                ColumnSpec.of("MwSt", ColumnKind.CONTINUOUS), ColumnSpec.of("Brutto", ColumnKind.CONTINUOUS)));
    }

    @Test
    void aDecimalSumEqualsItsWrittenTotalAndARealMismatchIsCaught() throws Exception {
        Frame real = invoices(-1);
        int binaryMismatches = 0;
        for (int r = 0; r < ROWS; r++) {
            binaryMismatches += real.doubles("Brutto").getDouble(r)
                    != real.doubles("Netto").getDouble(r) + real.doubles("MwSt").getDouble(r) ? 1 : 0;
        }
        assertTrue(binaryMismatches > 100, "binary floating point breaks the sum on many rows: " + binaryMismatches);

        Path file = dir.resolve("money.json");
        Files.writeString(file, "{\"constraints\": [{\"type\": \"expression\", \"expr\": \"Brutto == Netto + MwSt\"},"
                + " {\"type\": \"expression\", \"expr\": \"!(Brutto != Netto + MwSt)\"}]}");
        try (Engine engine = Engine.classpath(new Lineage(new Ledger(dir.resolve("ledger.jsonl")),
                new KeyStore(dir.resolve("keys"))))) {
            ConstraintFile c = engine.constraints(file);
            FittedModel m = engine.fit(real, "gaussian-copula", Map.of(), 1, Progress.NONE, c);
            assertEquals(2, m.info().constraints().size(), "the real rows satisfy both: the fit takes them");

            BadInputException e = assertThrows(BadInputException.class,
                    () -> engine.fit(invoices(7), "gaussian-copula", Map.of(), 1, Progress.NONE, c));
            assertTrue(e.getMessage().contains("Brutto == Netto + MwSt") && e.getMessage().contains("1 of 1,600") && e.getMessage().contains("data row 8"),
                    e.getMessage());
        }
    }
}
