package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, "personal data copied": a made-up table of people fitted with every first-party generator gives
 * back no text value that fewer than minCount real rows hold and no real key, keeps the frequent categories'
 * shares, records minCount, and says on standard error which columns it changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataTest {
    private static final int ROWS = 2000;
    private static final int K = 5;
    private static final List<String> TEXT = List.of("last_name", "address", "car_model", "segment");
    private static final String[] SUFFIXES = {"St", "Avenue", "Road", "Lane"};

    private Path dir;
    private Path real;
    private Path ledger;
    private final Map<String, Map<String, Integer>> realCounts = new HashMap<>();

    private static String name(Random r) {
        String c = "bdfgklmnprstvz";
        String v = "aeiou";
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 2 + r.nextInt(3); i < n; i++) {
            b.append(c.charAt(r.nextInt(c.length()))).append(v.charAt(r.nextInt(v.length())));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /**
     * customer_id CUST-000001..; last names 91 % distinct (six common ones); street addresses 92 % distinct; car
     * models 76 % distinct (ten common ones); a segment with three rare values; age and income.
     */
    @BeforeAll
    void writePeople(@TempDir Path folder) throws IOException {
        dir = folder;
        Random r = new Random(21);
        String[] common = {"Smith", "Garcia", "Okafor", "Rossi", "Kim", "Silva"};
        String[] models = {"Corolla", "Golf", "Civic", "Focus", "Clio", "Polo", "Astra", "Octavia", "Yaris", "Fiesta"};
        String[] streets = new String[300];
        for (int i = 0; i < streets.length; i++) {
            streets[i] = name(r);
        }
        StringBuilder csv = new StringBuilder("customer_id,last_name,address,car_model,segment,age,income\n");
        for (int i = 0; i < ROWS; i++) {
            String segment = i < 1000 ? "retail" : i < 1600 ? "business" : i < 1994 ? "enterprise"
                    : i < 1995 ? "Olsen family office" : i < 1997 ? "pilot 42" : "legacy";
            int age = 18 + r.nextInt(60);
            csv.append(String.format("CUST-%06d", i + 1)).append(',')
                    .append(i < 180 ? common[i % common.length] : name(r) + name(r).toLowerCase()).append(',')
                    .append(i % 10 < 8 ? (1 + r.nextInt(999)) + " " + streets[r.nextInt(streets.length)] + " "
                            + SUFFIXES[r.nextInt(SUFFIXES.length)] : (10 + i % 8) + " Harbour " + SUFFIXES[i % 2]).append(',')
                    .append(i % 4 == 0 ? models[i % models.length] : name(r) + " " + (char) ('A' + r.nextInt(26))
                            + (1 + r.nextInt(9))).append(',')
                    .append(segment).append(',').append(age).append(',')
                    .append(Math.round(20_000 + 900 * age + r.nextGaussian() * 5000)).append('\n');
        }
        real = dir.resolve("people.csv");
        ledger = dir.resolve("ledger.jsonl");
        Files.writeString(real, csv);
        Frame f = FrameReader.read(real);
        for (String c : TEXT) {
            assertEquals(ColumnKind.CATEGORICAL, f.schema().column(c).kind(), c + " is read as categories");
            Map<String, Integer> counts = new HashMap<>();
            f.strings(c).forEach(v -> counts.merge(v, 1, Integer::sum));
            realCounts.put(c, counts);
        }
        assertEquals(ColumnKind.IDENTIFIER, f.schema().column("customer_id").kind());
        assertTrue(realCounts.get("last_name").size() > 0.9 * ROWS && realCounts.get("car_model").size() < 0.8 * ROWS);
    }

    /** Checks the synthetic file and returns the share of its rows per segment. */
    private Map<String, Double> check(String generator, Path out) {
        Frame syn = FrameReader.read(out);
        for (String c : TEXT) {
            for (String v : syn.strings(c)) {
                int n = realCounts.get(c).getOrDefault(v, 0);
                assertTrue(n == 0 || n >= K, generator + ", " + c + ": '" + v + "' is held by " + n + " real rows");
                assertFalse(v.startsWith("(new value)"), generator + " let the stand-in out");
            }
        }
        for (String key : syn.strings("customer_id")) {
            assertTrue(key.matches("CUST-\\d{6}") && Integer.parseInt(key.substring(5)) > ROWS,
                    generator + " gave the real key " + key);
        }
        Map<String, Double> shares = new HashMap<>();
        syn.strings("segment").forEach(s -> shares.merge(s, 1.0 / syn.rowCount(), Double::sum));
        return shares;
    }

    private static void saysWhichColumns(String generator, String err) {
        assertTrue(err.contains("column 'last_name': 91 % of rows hold a value fewer than 5 rows hold"), generator + err);
        assertTrue(err.contains("column 'address': "), generator + err);
        assertTrue(err.contains("column 'car_model': 7"), generator + err);
        assertTrue(err.contains("column 'segment': 3 values that fewer than 5 rows hold (0.3 % of rows) replaced by new "
                + "values"), generator + err);
    }

    private static JsonNode header(Path model) throws IOException {
        return new ObjectMapper().readTree(Files.readAllLines(model).get(1));
    }

    @Test
    void theCopulaAndCtganEmitNoRareRealValueAndNoRealKey() throws IOException {
        for (String generator : List.of("gaussian-copula", "ctgan")) {
            Path out = dir.resolve(generator + ".csv");
            Path model = dir.resolve(generator + ".model");
            Cli r = Cli.run("synth", "--data", real, "--generator", generator, "--param",
                    generator.equals("ctgan") ? "epochs=1" : "marginals=auto", "--rows", 4000, "--seed", 4, "--out",
                    out, "--model", model, "--ledger", ledger);
            assertEquals(0, r.code(), r.err());
            saysWhichColumns(generator, r.err());
            Map<String, Double> shares = check(generator, out);
            if (generator.equals("gaussian-copula")) {
                assertEquals(0.5, shares.get("retail"), 0.03, "frequent categories keep their shares: " + shares);
                assertEquals(0.3, shares.get("business"), 0.03, shares.toString());
            }
            JsonNode h = header(model);
            assertEquals("5", h.path("params").path("minCount").asText(), generator);
            assertEquals(5, h.path("rareValues").path("minCount").asInt(), generator);
            Cli show = Cli.run("lineage", "show", out);
            assertTrue(show.out().contains("minCount=5"), show.out());
            assertFalse(show.out().contains("rareValues="), "a list of notes is no one-line result: " + show.out());
        }
    }

    @Test
    void withTheRuleTurnedOffTheCheckCatchesTheCopiedValues() {
        // what issue 21 found, and what the checks above would catch: real last names and rare segments copied
        Path out = dir.resolve("off.csv");
        Cli r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--param", "minCount=1", "--rows",
                4000, "--seed", 4, "--out", out, "--ledger", ledger);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("column '"), r.err());
        AssertionError copied = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> check("gaussian-copula", out));
        assertTrue(copied.getMessage().contains("is held by 1 real rows"), copied.getMessage());
    }

    @Test
    void aConditionOnAValueNoRowCanHaveIsRefusedAndMinCountIsAParameter() throws IOException {
        Path model = dir.resolve("k50.model");
        Cli fit = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--param", "minCount=50", "--seed", 1,
                "--model", model, "--ledger", ledger);
        assertEquals(0, fit.code(), fit.err());
        assertEquals("50", header(model).path("params").path("minCount").asText());
        Path out = dir.resolve("k50.csv");
        Cli sample = Cli.run("sample", "--model", model, "--rows", 2000, "--seed", 2, "--out", out, "--ledger", ledger);
        assertEquals(0, sample.code(), sample.err());
        for (String v : FrameReader.read(out).strings("car_model")) {
            int n = realCounts.get("car_model").getOrDefault(v, 0);
            assertTrue(n == 0 || n >= 50, v + " is held by " + n + " real rows");
        }
        // 'Corolla' is held by 50 rows, the rare segment 'legacy' by 3
        Cli kept = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", dir.resolve("c.csv"),
                "--condition", "car_model=Corolla", "--ledger", ledger);
        assertEquals(0, kept.code(), kept.err());
        Path refusedOut = dir.resolve("legacy.csv");
        Cli refused = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 2, "--out", refusedOut,
                "--condition", "segment=legacy", "--ledger", ledger);
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("condition segment=legacy: no row can have this value: column 'segment' keeps "
                + "only the 3 values at least 50 real rows hold"), refused.err());
        assertFalse(Files.exists(refusedOut));
        Cli bad = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--param", "minCount=0", "--seed", 1,
                "--model", dir.resolve("bad.model"), "--ledger", ledger);
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("parameter 'minCount': '0' is not a whole number of rows of at least 1"), bad.err());
    }

    @Test
    void rulesInferWritesNoRareValueAndItsSpecMakesNoneNorAnyRealKey() throws IOException {
        Path spec = dir.resolve("spec.json");
        Cli infer = Cli.run("rules", "infer", "--data", real, "--out", spec, "--ledger", ledger);
        assertEquals(0, infer.code(), infer.err());
        saysWhichColumns("rules infer", infer.err());
        String text = Files.readString(spec);
        realCounts.forEach((column, counts) -> counts.forEach((v, n) -> {
            if (n < K) {
                assertFalse(text.contains("\"" + v + "\""), "the spec names the rare value " + v);
            }
        }));
        assertFalse(text.contains("CUST-000001"), "the spec starts keys at a real one");
        Path out = dir.resolve("rules.csv");
        Cli synth = Cli.run("synth", "--generator", "rules", "--param", "spec=" + spec, "--rows", 4000, "--seed", 4,
                "--out", out, "--ledger", ledger);
        assertEquals(0, synth.code(), synth.err());
        Map<String, Double> shares = check("rules", out);
        assertEquals(0.5, shares.get("retail"), 0.03, "frequent categories keep their shares: " + shares);
        assertEquals(0.3, shares.get("business"), 0.03, shares.toString());
    }
}
