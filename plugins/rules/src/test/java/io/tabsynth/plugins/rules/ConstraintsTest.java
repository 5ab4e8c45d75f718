package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.engine.run.Sampling;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.io.Sha256;
import io.tabsynth.spi.random.Rng;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Constraints around the Gaussian copula: every sampled row satisfies them, fitted or only sampled with. */
class ConstraintsTest {
    @TempDir
    Path dir;
    Engine engine;

    static final String CONSTRAINTS = """
            {"constraints": [
              {"type": "inequality", "low": "start", "high": "end", "strict": true},
              {"type": "range", "column": "age", "min": 18, "max": 90},
              {"type": "fixedCombinations", "columns": ["city", "country"]},
              {"type": "regex", "column": "city", "pattern": "[A-Z][a-z]+"},
              {"type": "expression", "expr": "total == price * qty"},
              {"type": "unique", "columns": ["order"]}
            ]}
            """;

    @BeforeEach
    void open() {
        engine = Engine.classpath(new Lineage(new Ledger(dir.resolve("ledger.jsonl")), new KeyStore(dir.resolve("keys"))));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Real data that satisfies the constraints, with enough noise that an unconstrained copula breaks them. */
    static Frame real(int n) {
        Rng rng = new Rng(11);
        String[][] places = {{"Paris", "FR"}, {"Lyon", "FR"}, {"Berlin", "DE"}, {"Munich", "DE"}, {"Rome", "IT"}};
        double[] start = new double[n];
        double[] end = new double[n];
        LongColumn age = LongColumn.create("age");
        StringColumn city = StringColumn.create("city");
        StringColumn country = StringColumn.create("country");
        DoubleColumn price = DoubleColumn.create("price");
        LongColumn qty = LongColumn.create("qty");
        DoubleColumn total = DoubleColumn.create("total");
        StringColumn order = StringColumn.create("order");
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextGaussian() * 10;
            end[i] = start[i] + Math.exp(rng.nextGaussian() * 0.3);
            age.append(18 + (long) Math.min(72, Math.abs(rng.nextGaussian() * 30)));
            String[] p = places[rng.nextInt(places.length)];
            city.append(p[0]);
            country.append(p[1]);
            price.append(1 + rng.nextInt(20));
            qty.append(1 + rng.nextInt(5));
            total.append(price.getDouble(i) * qty.getLong(i));
            order.append("O" + i);
        }
        Table t = Table.create("real", DoubleColumn.create("start", start), DoubleColumn.create("end", end), age, city,
                country, price, qty, total, order);
        return Frame.of(t, Schema.of(ColumnSpec.of("start", ColumnKind.CONTINUOUS),
                ColumnSpec.of("end", ColumnKind.CONTINUOUS), ColumnSpec.of("age", ColumnKind.INTEGER),
                ColumnSpec.of("city", ColumnKind.CATEGORICAL), ColumnSpec.of("country", ColumnKind.CATEGORICAL),
                ColumnSpec.of("price", ColumnKind.CONTINUOUS), ColumnSpec.of("qty", ColumnKind.INTEGER),
                ColumnSpec.of("total", ColumnKind.CONTINUOUS), ColumnSpec.of("order", ColumnKind.IDENTIFIER)));
    }

    static void assertSatisfied(Frame f) {
        Set<String> pairs = Set.of("Paris/FR", "Lyon/FR", "Berlin/DE", "Munich/DE", "Rome/IT");
        Set<String> orders = new HashSet<>();
        for (int r = 0; r < f.rowCount(); r++) {
            assertTrue(f.doubles("start").getDouble(r) < f.doubles("end").getDouble(r), "row " + r + " start < end");
            long age = f.longs("age").getLong(r);
            assertTrue(age >= 18 && age <= 90, "row " + r + " age " + age);
            assertTrue(pairs.contains(f.strings("city").get(r) + "/" + f.strings("country").get(r)), "row " + r);
            assertEquals(f.doubles("price").getDouble(r) * f.longs("qty").getLong(r), f.doubles("total").getDouble(r),
                    1e-9, "row " + r);
            assertTrue(orders.add(f.strings("order").get(r)), "row " + r + " order unique");
        }
    }

    @Test
    void everyRowOfAConstrainedCopulaSatisfiesEveryConstraint() throws Exception {
        Path file = dir.resolve("constraints.json");
        Files.writeString(file, CONSTRAINTS);
        ConstraintFile c = engine.constraints(file);
        Frame real = real(3000);
        // without constraints the copula breaks the inequality and the expression on some rows
        FittedModel plain = engine.fit(real, "gaussian-copula", Map.of(), 1, Progress.NONE);
        assertThrows(AssertionError.class, () -> assertSatisfied(plain.sampleFrame(5000, 2)));

        FittedModel m = engine.fit(real, "gaussian-copula", Map.of(), 1, Progress.NONE, c);
        Frame syn = m.sampleFrame(5000, 2);
        assertEquals(5000, syn.rowCount());
        assertEquals(real.schema(), syn.schema());
        assertSatisfied(syn);

        // the transforms chosen at fit are recorded, and survive saving and loading
        JsonNode spec = m.info().constraints();
        assertEquals("log-difference", spec.get(0).get("transform").asText());
        assertEquals("logit", spec.get(1).get("transform").asText());
        assertEquals("merge", spec.get(2).get("transform").asText());
        FittedModel saved = engine.save(m, dir.resolve("m.model"));
        FittedModel loaded = engine.load(saved.file().path());
        Frame again = loaded.sampleFrame(5000, 2);
        assertEquals(syn.table().print(5000), again.table().print(5000));

        // the lineage of a sample says how many rows were drawn and which constraint rejected them
        Path out = dir.resolve("syn.csv");
        engine.sample(loaded, 2000, 9, out, Progress.NONE);
        List<JsonNode> chain = Sidecar.read(out);
        JsonNode results = Dsse.JSON.readTree(Dsse.payload(chain.get(chain.size() - 1))).path("predicate").path("results");
        assertTrue(results.path("constraints").path("rowsDrawn").asLong() >= 2000, results.toString());
        assertTrue(results.path("constraints").has("rejectedBy"), results.toString());
    }

    @Test
    void aConstrainedModelNamesItsConstraintLanguageAndNeedsItToLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("constraints.json"), CONSTRAINTS);
        FittedModel m = engine.fit(real(500), "gaussian-copula", Map.of(), 1, Progress.NONE, engine.constraints(file));
        Path model = dir.resolve("m.model");
        engine.save(m, model);
        String text = Files.readString(model, StandardCharsets.ISO_8859_1);
        String named = "\"constraintLanguage\":{\"id\":\"rules\",\"plugin\":{\"id\":\"rules\",\"version\":\""
                + m.info().constraintLanguage().pluginVersion() + "\"}}";
        assertTrue(text.contains(named), "the header names the language and its plugin: " + text.lines().skip(1).findFirst());
        JsonNode fit = Dsse.JSON.readTree(Dsse.payload(Sidecar.read(model).get(0))).path("predicate");
        assertEquals("rules", fit.path("results").path("constraintLanguage").path("id").asText(), fit.toString());
        assertEquals("rules", fit.path("results").path("constraintLanguage").path("plugin").asText(), fit.toString());

        Path other = dir.resolve("other.model");
        Files.write(other, resealed(text.replace(named, named.replace("\"id\":\"rules\",\"plugin", "\"id\":\"sql-checks\",\"plugin")
                .replace("\"plugin\":{\"id\":\"rules\"", "\"plugin\":{\"id\":\"sql-plugin\""))));
        BadInputException e = assertThrows(BadInputException.class, () -> engine.load(other));
        assertTrue(e.getMessage().startsWith(other + ": the model was fitted with constraints in the constraint language "
                + "'sql-checks' (plugin sql-plugin ") && e.getMessage().contains("which is not installed (installed: rules)"),
                e.getMessage());

        Path old = dir.resolve("old.model");
        String without = text.replace(named + ",", "");
        assertTrue(without.length() < text.length(), "the field was there to remove");
        Files.write(old, resealed(without));
        FittedModel loaded = engine.load(old);
        assertNull(loaded.info().constraintLanguage(), "a model written before the field names no language");
        assertEquals(engine.load(model).sampleFrame(300, 4).table().print(300), loaded.sampleFrame(300, 4).table().print(300));
    }

    /** A model file's text with its first line's digest computed again over the rest, as an editor could. */
    private static byte[] resealed(String text) {
        byte[] body = text.substring(text.indexOf('\n') + 1).getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ("TABSYNTH-MODEL 2 " + Sha256.hex(body) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    @Test
    void anInequalityWhoseHighColumnSpreadsLittleKeepsItsRange() throws Exception {
        // birth years over fifty years, sign-ups within one: low + a sampled difference put 65 % of the sign-ups
        // outside their year (a new user's customers table); rejection alone keeps them in it
        Rng rng = new Rng(4);
        int n = 2000;
        double[] birth = new double[n];
        double[] signup = new double[n];
        for (int i = 0; i < n; i++) {
            birth[i] = 1950 + 50 * rng.nextDouble();
            signup[i] = 2021 + rng.nextDouble();
        }
        Frame real = Frame.of(tech.tablesaw.api.Table.create("people", tech.tablesaw.api.DoubleColumn.create("birth", birth),
                tech.tablesaw.api.DoubleColumn.create("signup", signup)),
                Schema.of(ColumnSpec.of("birth", ColumnKind.CONTINUOUS), ColumnSpec.of("signup", ColumnKind.CONTINUOUS)));
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"constraints\": [{\"type\": \"inequality\", \"low\": \"birth\", \"high\": \"signup\"}]}");
        FittedModel m = engine.fit(real, "gaussian-copula", Map.of(), 1, Progress.NONE, engine.constraints(file));
        assertEquals("none", m.info().constraints().get(0).path("transform").asText("none"), m.info().constraints().toString());
        Frame syn = m.sampleFrame(3000, 2);
        for (int r = 0; r < syn.rowCount(); r++) {
            double s = syn.doubles("signup").getDouble(r);
            assertTrue(s >= 2021 && s <= 2022, "row " + r + ": sign-up " + s + " outside the real year");
            assertTrue(syn.doubles("birth").getDouble(r) <= s, "row " + r);
        }
    }

    @Test
    void constraintsGivenOnlyAtSampleTimeAndConditionsWorkTogether() throws Exception {
        Path file = dir.resolve("late.json");
        Files.writeString(file, """
                {"constraints": [
                  {"type": "inequality", "low": "start", "high": "end"},
                  {"type": "range", "column": "age", "min": 30}
                ]}""");
        FittedModel m = engine.fit(real(3000), "gaussian-copula", Map.of(), 1, Progress.NONE);
        Sampling s = new Sampling(Map.of("country", "DE"), engine.constraints(file), 100);
        Frame f = engine.sampleFrame(m, 2000, 4, s);
        assertEquals(2000, f.rowCount());
        for (int r = 0; r < f.rowCount(); r++) {
            assertEquals("DE", f.strings("country").get(r));
            assertTrue(f.longs("age").getLong(r) >= 30);
            assertTrue(f.doubles("start").getDouble(r) <= f.doubles("end").getDouble(r));
        }
    }

    @Test
    void anUnsatisfiableConstraintFailsNamingIt() throws Exception {
        Path file = dir.resolve("impossible.json");
        Files.writeString(file, "{\"constraints\": [{\"type\": \"range\", \"column\": \"age\", \"min\": 500}]}");
        FittedModel m = engine.fit(real(500), "gaussian-copula", Map.of(), 1, Progress.NONE);
        BadInputException e = assertThrows(BadInputException.class,
                () -> engine.sampleFrame(m, 100, 1, new Sampling(Map.of(), engine.constraints(file), 20)));
        assertTrue(e.getMessage().contains("500 <= age") && e.getMessage().contains("20 tries per row"), e.getMessage());
        // at fit time the real data must satisfy the constraint
        BadInputException fit = assertThrows(BadInputException.class,
                () -> engine.fit(real(500), "gaussian-copula", Map.of(), 1, Progress.NONE, engine.constraints(file)));
        assertTrue(fit.getMessage().contains("impossible.json line 1") && fit.getMessage().contains("500 of 500"),
                fit.getMessage());
    }

    @Test
    void aConstraintNamingAColumnTheDataLacksSuggestsTheNearestName() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.json"), """
                {"constraints": [
                  {"type": "range", "column": "agee", "min": 18}
                ]}""");
        BadInputException e = assertThrows(BadInputException.class,
                () -> engine.fit(real(300), "gaussian-copula", Map.of(), 1, Progress.NONE, engine.constraints(file)));
        assertTrue(e.getMessage().contains("line 2, constraints[0].column: no column 'agee' (did you mean 'age'?) (columns: "
                + "start, end, age,"), e.getMessage());
        Path expression = Files.writeString(dir.resolve("expr.json"),
                "{\"constraints\": [{\"type\": \"expression\", \"expr\": \"totl == price * qty\"}]}");
        e = assertThrows(BadInputException.class,
                () -> engine.fit(real(300), "gaussian-copula", Map.of(), 1, Progress.NONE, engine.constraints(expression)));
        assertTrue(e.getMessage().contains("'totl'") && e.getMessage().contains("(did you mean 'total'?)"), e.getMessage());
    }

    @Test
    void aSampleWithConstraintsGivenOnlyAtSampleTimeRecordsTheirLanguageAsTheFitDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("late.json"),
                "{\"constraints\": [{\"type\": \"range\", \"column\": \"age\", \"min\": 30}]}");
        FittedModel m = engine.save(engine.fit(real(500), "gaussian-copula", Map.of(), 1, Progress.NONE),
                dir.resolve("plain.model"));
        Path out = dir.resolve("late.csv");
        engine.sample(m, 200, 3, out, Progress.NONE, new Sampling(Map.of(), engine.constraints(file), 100));
        List<JsonNode> records = Sidecar.read(out);
        JsonNode sample = Dsse.JSON.readTree(Dsse.payload(records.get(records.size() - 1))).path("predicate");
        assertEquals("sample", sample.path("step").asText(), sample.toString());
        JsonNode language = sample.path("results").path("constraintLanguage");
        assertEquals("rules", language.path("id").asText(), sample.toString());
        assertEquals("rules", language.path("plugin").asText(), sample.toString());
        assertFalse(language.path("version").asText().isEmpty(), sample.toString());
        Path plain = dir.resolve("plain.csv");
        engine.sample(m, 50, 3, plain, Progress.NONE);
        List<JsonNode> plainRecords = Sidecar.read(plain);
        assertTrue(Dsse.JSON.readTree(Dsse.payload(plainRecords.get(plainRecords.size() - 1))).path("predicate")
                .path("results").path("constraintLanguage").isMissingNode(), "no constraints, no language");
    }
}
