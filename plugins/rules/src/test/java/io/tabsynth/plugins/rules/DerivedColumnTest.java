package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An equation constraint with a column alone on one side ({@code Brutto == Netto + MwSt}) is enforced by computing
 * the column: rows drawn by a generator almost never add up to the cent, so rejection alone cannot sample them.
 */
class DerivedColumnTest {
    private static final int ROWS = 3000;
    @TempDir
    Path dir;
    Engine engine;

    @BeforeEach
    void open() {
        engine = Engine.classpath(new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys"))));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Orders: a net amount, a shipping charge that does not depend on it, and their total, all to the cent. */
    private static Frame orders() {
        io.tabsynth.spi.random.Rng rng = new io.tabsynth.spi.random.Rng(33);
        tech.tablesaw.api.DoubleColumn net = tech.tablesaw.api.DoubleColumn.create("Netto");
        tech.tablesaw.api.DoubleColumn shipping = tech.tablesaw.api.DoubleColumn.create("Versand");
        tech.tablesaw.api.DoubleColumn gross = tech.tablesaw.api.DoubleColumn.create("Brutto");
        for (int i = 0; i < 1600; i++) {
            BigDecimal n = BigDecimal.valueOf(1000 + rng.nextInt(200_000), 2);
            BigDecimal v = BigDecimal.valueOf(rng.nextInt(2_000), 2);
            net.append(n.doubleValue());
            shipping.append(v.doubleValue());
            gross.append(n.add(v).doubleValue());
        }
        return Frame.of(tech.tablesaw.api.Table.create("orders", net, shipping, gross), io.tabsynth.spi.data.Schema.of(
                io.tabsynth.spi.data.ColumnSpec.of("Netto", io.tabsynth.spi.data.ColumnKind.CONTINUOUS),
                io.tabsynth.spi.data.ColumnSpec.of("Versand", io.tabsynth.spi.data.ColumnKind.CONTINUOUS),
                io.tabsynth.spi.data.ColumnSpec.of("Brutto", io.tabsynth.spi.data.ColumnKind.CONTINUOUS)));
    }

    private ConstraintFile constraints(String body) throws Exception {
        Path file = Files.createTempFile(dir, "c", ".json");
        Files.writeString(file, "{\"constraints\": [" + body + "]}");
        return engine.constraints(file);
    }

    private static BigDecimal cents(Frame f, String column, int row) {
        return new BigDecimal(Double.toString(f.doubles(column).getDouble(row)));
    }

    @Test
    void aSumIsComputedToTheCentOnEverySampledRow() throws Exception {
        ConstraintFile c = constraints("{\"type\": \"expression\", \"expr\": \"Brutto == Netto + Versand\"}");
        FittedModel m = engine.fit(orders(), "gaussian-copula", Map.of(), 1, Progress.NONE, c);
        JsonNode decided = m.info().constraints().get(0);
        assertEquals("derive", decided.path("transform").asText(), decided.toString());
        assertEquals(2, decided.path("decimals").asInt(), decided.toString());

        Frame s = engine.sampleFrame(m, ROWS, 5, new Sampling(Map.of(), null, 1));
        assertEquals(ROWS, s.rowCount(), "max tries 1: no row was rejected");
        assertEquals(java.util.List.of("Netto", "Versand", "Brutto"), s.schema().names(), "the column is back in its place");
        for (int r = 0; r < ROWS; r++) {
            BigDecimal gross = cents(s, "Brutto", r);
            assertTrue(gross.scale() <= 2, "row " + r + " written to the cent: " + gross);
            BigDecimal sum = cents(s, "Netto", r).add(cents(s, "Versand", r));
            assertEquals(0, gross.compareTo(sum.setScale(2, java.math.RoundingMode.HALF_EVEN)), "row " + r);
        }

        Path file = dir.resolve("m.model");
        engine.save(m, file);
        Frame again = engine.sampleFrame(engine.load(file), ROWS, 5, Sampling.NONE);
        assertEquals(s.table().print(ROWS), again.table().print(ROWS), "a loaded model derives the same values");
    }

    @Test
    void otherConstraintsMayNameTheComputedColumnOrTransformItsInputsInAnyOrder() throws Exception {
        String equation = "{\"type\": \"expression\", \"expr\": \"Brutto == Netto + Versand\"}";
        String onTotal = "{\"type\": \"inequality\", \"low\": \"Versand\", \"high\": \"Brutto\"}";
        String onInput = "{\"type\": \"range\", \"column\": \"Netto\", \"min\": 0, \"max\": 5000}";
        for (String body : new String[] {equation + ", " + onTotal + ", " + onInput, onTotal + ", " + equation,
                onInput + ", " + equation}) {
            ConstraintFile c = constraints(body);
            FittedModel m = engine.fit(orders(), "gaussian-copula", Map.of(), 1, Progress.NONE, c);
            Frame s = engine.sampleFrame(m, 1000, 5, Sampling.NONE);
            for (int r = 0; r < s.rowCount(); r++) {
                BigDecimal sum = cents(s, "Netto", r).add(cents(s, "Versand", r)).setScale(2, java.math.RoundingMode.HALF_EVEN);
                assertEquals(0, cents(s, "Brutto", r).compareTo(sum), body + " row " + r);
                assertTrue(s.doubles("Versand").getDouble(r) <= s.doubles("Brutto").getDouble(r), body + " row " + r);
            }
            JsonNode decided = m.info().constraints();
            for (JsonNode d : decided) {
                if (d.path("type").asText().equals("inequality")) {
                    assertEquals("none", d.path("transform").asText(), "Brutto is computed: the inequality is checked on it");
                }
            }
        }
    }

    @Test
    void withoutTheDerivationRejectionCannotSampleTheSum() throws Exception {
        ConstraintFile c = constraints("{\"type\": \"expression\", \"expr\": \"Brutto == Netto + Versand\", \"transform\": \"none\"}");
        FittedModel m = engine.fit(orders(), "gaussian-copula", Map.of(), 1, Progress.NONE, c);
        BadInputException e = assertThrows(BadInputException.class, () -> engine.sampleFrame(m, 200, 5, Sampling.NONE));
        assertTrue(e.getMessage().contains("Brutto == Netto + Versand"), e.getMessage());
    }

    @Test
    void aColumnNamedThroughTheRowOnTheRightIsDerivedToo() throws Exception {
        Frame real = orders();
        ConstraintFile c = constraints("{\"type\": \"expression\", \"expr\": \"Netto + Versand == row['Brutto']\"}");
        FittedModel m = engine.fit(real, "gaussian-copula", Map.of(), 2, Progress.NONE, c);
        assertEquals("derive", m.info().constraints().get(0).path("transform").asText());
    }

    @Test
    void whatIsNotAnEquationOfAColumnIsNotDerived() throws Exception {
        for (String expr : new String[] {"Brutto >= Netto", "Brutto == Netto + Versand && Netto > 0", "Netto + Versand == Brutto * 1"}) {
            ConstraintFile c = constraints("{\"type\": \"expression\", \"expr\": \"" + expr + "\"}");
            FittedModel m = engine.fit(orders(), "gaussian-copula", Map.of(), 1, Progress.NONE, c);
            assertFalse(m.info().constraints().get(0).path("transform").asText().equals("derive"), expr);
        }
        ConstraintFile asked = constraints("{\"type\": \"expression\", \"expr\": \"Brutto >= Netto\", \"transform\": \"derive\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> engine.fit(orders(), "gaussian-copula", Map.of(), 1, Progress.NONE, asked));
        assertTrue(e.getMessage().contains("only an equation 'column == formula' can be derived"), e.getMessage());
    }
}
