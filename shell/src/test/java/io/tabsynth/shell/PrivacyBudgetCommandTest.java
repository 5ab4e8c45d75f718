package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.io.Sha256;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpConversion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy-budget ledger (docs/privacy.md, "The budget ledger"): fits on the same data add up, fits on other data
 * do not; a tampered ledger is refused; a policy's maxEpsilon stops a fit before the data is read; a DP fit's record
 * and model keep the exact row count out; lineage show states the guarantee.
 */
class PrivacyBudgetCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 600;

    @TempDir
    Path dir;

    /** A made-up table: an age, a city and a score, {@code rows} rows from the seed. */
    private Path table(String name, long seed) throws Exception {
        Random r = new Random(seed);
        String[] cities = {"Lyon", "Oslo", "Porto", "Turin"};
        StringBuilder csv = new StringBuilder("age,city,score\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(18 + r.nextInt(60)).append(',').append(cities[r.nextInt(cities.length)]).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", r.nextGaussian() * 10 + 50)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, csv);
        return p;
    }

    private Cli fit(Path data, Path ledger, String model, Object... more) {
        List<Object> args = new java.util.ArrayList<>(List.of("fit", "--data", data, "--generator", "dp-marginals",
                "--seed", 1, "--model", dir.resolve(model), "--ledger", ledger));
        args.addAll(List.of(more));
        return Cli.run(args.toArray());
    }

    private JsonNode budget(Path data, Path ledger) throws Exception {
        Cli b = Cli.run("privacy", "budget", "--data", data, "--ledger", ledger, "--json");
        assertEquals(0, b.code(), b.err());
        return JSON.readTree(b.out());
    }

    @Test
    void twoFitsOnTheSameDataAddUpWhileAFitOnOtherDataDoesNot() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 1);
        Path other = table("other.csv", 2);
        assertEquals(0, fit(real, ledger, "a.model", "--param", "epsilon=0.5").code());
        assertEquals(0, fit(real, ledger, "b.model", "--param", "epsilon=1", "--param", "delta=1e-7").code());
        assertEquals(0, fit(other, ledger, "c.model", "--param", "epsilon=2").code());

        JsonNode onReal = budget(real, ledger);
        assertEquals(2, onReal.path("fits").size(), onReal.toPrettyString());
        Rational rho = Rational.ZERO;
        double selection = 0;
        double delta = 0;
        for (JsonNode f : onReal.path("fits")) {
            assertEquals("dp-marginals", f.path("generator").asText());
            assertEquals("differential privacy", f.path("guarantee").asText());
            assertEquals("secure", f.path("noise").asText());
            rho = rho.add(Rational.parse(f.path("rho").asText()));
            selection += f.path("selectionDelta").asDouble();
            delta += f.path("delta").asDouble();
        }
        JsonNode total = onReal.path("total");
        assertEquals(rho.toString(), total.path("rho").asText(), "the rho's add exactly");
        assertEquals(selection, total.path("selectionDelta").asDouble(), 1e-20);
        assertEquals(1.1e-6, total.path("delta").asDouble(), 1e-18, "stated at the deltas asked for, added");
        double expected = ZcdpConversion.epsilon(rho.doubleValue(), delta - selection);
        assertEquals(expected, total.path("epsilon").asDouble(), 1e-12);
        assertTrue(total.path("epsilon").asDouble() > onReal.path("fits").get(1).path("epsilonSpent").asDouble());
        assertTrue(total.path("formalGuarantee").asBoolean());
        assertTrue(onReal.path("fits").get(0).path("output").asText().endsWith("a.model"));

        JsonNode onOther = budget(other, ledger);
        assertEquals(1, onOther.path("fits").size());
        assertTrue(onOther.path("fits").get(0).path("output").asText().endsWith("c.model"));

        Cli table = Cli.run("privacy", "budget", "--data", real, "--ledger", ledger);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("a.model") && table.out().contains("b.model") && !table.out().contains("c.model"),
                table.out());
        assertTrue(table.out().contains("total of 2 differentially private fits"), table.out());
        assertTrue(table.out().contains("together: (epsilon "), table.out());
    }

    @Test
    void fitsWithoutAGuaranteeAreListedApartAndTheDataThenHasNone() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 3);
        assertEquals(0, fit(real, ledger, "dp.model", "--param", "epsilon=1").code());
        assertEquals(0, fit(real, ledger, "seeded.model", "--param", "noise=seeded").code());
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--rows", 50,
                "--out", dir.resolve("copula.csv"), "--ledger", ledger).code());

        JsonNode b = budget(real, ledger);
        assertEquals(3, b.path("fits").size(), b.toPrettyString());
        assertEquals("none: seeded noise", b.path("fits").get(1).path("guarantee").asText());
        assertEquals("none: not differentially private", b.path("fits").get(2).path("guarantee").asText());
        assertTrue(b.path("fits").get(2).path("output").asText().endsWith("copula.csv"), "synth without --model counts");
        JsonNode total = b.path("total");
        assertEquals(1, total.path("privateFits").asInt());
        assertEquals(b.path("fits").get(0).path("rho").asText(), total.path("rho").asText(), "only the secure fit adds");
        assertEquals(2, total.path("fitsWithoutGuarantee").asInt());
        assertFalse(total.path("formalGuarantee").asBoolean());
        assertTrue(total.path("statement").asText().contains("the data has no formal privacy guarantee"),
                total.path("statement").asText());
    }

    @Test
    void aTamperedLedgerLineIsRefused() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 4);
        assertEquals(0, fit(real, ledger, "a.model", "--param", "epsilon=3").code());
        assertEquals(0, fit(real, ledger, "b.model", "--param", "epsilon=3").code());
        assertEquals(2, budget(real, ledger).path("fits").size());

        // lower the first fit's recorded epsilon and rho, re-encoding its payload: the signature no longer verifies
        List<String> lines = Files.readAllLines(ledger);
        JsonNode env = JSON.readTree(lines.get(0));
        String payload = new String(Base64.getDecoder().decode(env.path("payload").asText()), StandardCharsets.UTF_8);
        String lowered = payload.replaceFirst("\"rho\":\"[0-9/]+\"", "\"rho\":\"1/1000000\"");
        assertFalse(lowered.equals(payload));
        ((com.fasterxml.jackson.databind.node.ObjectNode) env).put("payload",
                Base64.getEncoder().encodeToString(lowered.getBytes(StandardCharsets.UTF_8)));
        lines.set(0, JSON.writeValueAsString(env));
        Files.write(ledger, lines);

        Cli b = Cli.run("privacy", "budget", "--data", real, "--ledger", ledger);
        assertEquals(4, b.code(), b.out() + b.err());
        assertTrue(b.err().contains("ledger.jsonl line 1") && b.err().contains("signature does not verify"), b.err());
        assertTrue(b.err().contains("the privacy budget spent cannot be counted"), b.err());
        assertEquals("", b.out());

        // removing the line is caught too (chain and signed head)
        Files.write(ledger, lines.subList(1, lines.size()));
        assertEquals(4, Cli.run("privacy", "budget", "--data", real, "--ledger", ledger).code());
    }

    @Test
    void aMissingFileIsBadInputNamingIt() throws Exception {
        Path real = table("real.csv", 5);
        Cli b = Cli.run("privacy", "budget", "--data", dir.resolve("nope.csv"));
        assertEquals(2, b.code());
        assertTrue(b.err().contains("nope.csv"), b.err());
        b = Cli.run("privacy", "budget", "--data", real, "--ledger", dir.resolve("none.jsonl"));
        assertEquals(2, b.code());
        assertTrue(b.err().contains("none.jsonl: ledger file not found"), b.err());
    }

    @Test
    void aCopyOfTheDataInOtherBytesIsFoundByItsContentAfterParsing() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 6);
        Path crlf = dir.resolve("real_crlf.csv");
        Files.writeString(crlf, Files.readString(real).replace("\n", "\r\n"));
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"checks\": [], \"privacyBudget\": {\"maxEpsilon\": 1.3, \"delta\": 1e-6}}");

        assertEquals(0, fit(real, ledger, "a.model", "--param", "epsilon=1", "--policy", policy).code());
        long lines = Files.readAllLines(ledger).size();
        Cli copy = fit(crlf, ledger, "b.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(3, copy.code(), copy.err());
        assertTrue(copy.err().contains("refused before the generator saw the data") && copy.err().contains("a.model")
                && copy.err().contains("over the limit of 1.3"), copy.err());
        assertFalse(Files.exists(dir.resolve("b.model")));
        assertEquals(lines, Files.readAllLines(ledger).size(), "nothing recorded");
    }

    @Test
    void minCountGivenToADifferentiallyPrivateFitIsSaidToBeIgnored() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 9);
        Cli dp = fit(real, ledger, "dp.model", "--param", "epsilon=1", "--param", "minCount=3");
        assertEquals(0, dp.code(), dp.err());
        assertTrue(dp.err().contains("note: minCount is ignored by generator 'dp-marginals' with these parameters: a "
                + "differentially private generator releases only the categories its selection clears"), dp.err());
        Cli plain = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model",
                dir.resolve("c.model"), "--ledger", ledger, "--param", "minCount=3");
        assertEquals(0, plain.code(), plain.err());
        assertFalse(plain.err().contains("is ignored"), "the copula without epsilon applies it: " + plain.err());
    }

    @Test
    void aFitOverMaxEpsilonStopsBeforeReadingTheData() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 6);
        Path other = table("other.csv", 7);
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"checks\": [], \"privacyBudget\": {\"maxEpsilon\": 1.3, \"delta\": 1e-6}}");

        Cli first = fit(real, ledger, "a.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(0, first.code(), first.err());
        long lines = Files.readAllLines(ledger).size();
        Cli second = fit(real, ledger, "b.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(3, second.code(), second.err());
        assertTrue(second.err().contains("refused before reading the data"), second.err());
        assertTrue(second.err().contains("a.model") && second.err().contains("by 1 fit"), "names the fit and when: "
                + second.err());
        assertTrue(second.err().contains("this fit would add rho") && second.err().contains("over the limit of 1.3"),
                second.err());
        assertFalse(Files.exists(dir.resolve("b.model")));
        assertEquals(lines, Files.readAllLines(ledger).size(), "nothing recorded");

        // other data has its own budget
        assertEquals(0, fit(other, ledger, "c.model", "--param", "epsilon=1", "--policy", policy).code());

        // a file that cannot be parsed: exit 3, not the 2 that reading it would give; the data is never read
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "age,city\n30,Lyon\n31,Oslo,extra,fields\n\"unclosed\n");
        Cli parsed = fit(broken, ledger, "x.model", "--param", "epsilon=1");
        assertEquals(2, parsed.code(), "read, the file is bad input: " + parsed.err());
        Cli refused = fit(broken, ledger, "x.model", "--param", "epsilon=2", "--policy", policy);
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains("already spent nothing"), refused.err());

        // no formal guarantee while a limit applies: a generator that is not private, and seeded noise
        Cli copula = Cli.run("fit", "--data", other, "--generator", "gaussian-copula", "--seed", 1, "--model",
                dir.resolve("g.model"), "--ledger", ledger, "--policy", policy);
        assertEquals(3, copula.code(), copula.err());
        assertTrue(copula.err().contains("gives no formal privacy guarantee"), copula.err());
        Cli seeded = fit(table("third.csv", 8), ledger, "s.model", "--param", "noise=seeded", "--policy", policy);
        assertEquals(3, seeded.code(), seeded.err());
    }

    @Test
    void aLimitForOneDatasetLeavesOtherDataAlone() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 9);
        Path other = table("other.csv", 10);
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"privacyBudget\": [{\"maxEpsilon\": 0.5, \"data\": \"" + Sha256.file(real) + "\"}]}");
        assertEquals(3, fit(real, ledger, "a.model", "--param", "epsilon=1", "--policy", policy).code());
        assertEquals(0, fit(other, ledger, "b.model", "--param", "epsilon=1", "--policy", policy).code());

        Files.writeString(policy, "{\"privacyBudget\": {\"maxEpsilon\": \"three\"}}");
        Cli bad = fit(real, ledger, "a.model", "--policy", policy);
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("policy.json: \"privacyBudget\": \"maxEpsilon\" must be a number"), bad.err());
    }

    @Test
    void aLimitWrittenAsAFileNameHoldsForTheSameDataUnderAnotherName() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("clin.csv", 11);
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"privacyBudget\": [{\"data\": \"clin.csv\", \"maxEpsilon\": 1.5}]}");
        assertEquals(0, fit(real, ledger, "a.model", "--param", "epsilon=1", "--policy", policy).code());
        assertEquals(0, fit(real, ledger, "b.model", "--param", "epsilon=1", "--policy", policy).code());
        long lines = Files.readAllLines(ledger).size();

        // the same bytes under another name: refused before the data is parsed
        Path copy = Files.copy(real, dir.resolve("clin_copy.csv"));
        Cli renamed = fit(copy, ledger, "c.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(3, renamed.code(), renamed.err());
        assertTrue(renamed.err().contains("refused before reading the data") && renamed.err().contains(
                "for clin.csv, whose data this file holds under another name") && renamed.err().contains("by 2 fits"),
                renamed.err());
        // the same content in other bytes: refused once its content digest is known, before the generator sees it
        Path crlf = dir.resolve("clin_crlf.csv");
        Files.writeString(crlf, Files.readString(real).replace("\n", "\r\n"));
        Cli resaved = fit(crlf, ledger, "d.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(3, resaved.code(), resaved.err());
        assertTrue(resaved.err().contains("refused before the generator saw the data"), resaved.err());
        assertFalse(Files.exists(dir.resolve("c.model")) || Files.exists(dir.resolve("d.model")));
        assertEquals(lines, Files.readAllLines(ledger).size(), "nothing recorded");
        // other data is not held to the limit
        assertEquals(0, fit(table("other.csv", 12), ledger, "e.model", "--param", "epsilon=1", "--policy", policy)
                .code());

        // no fit recorded under the name yet: the named file beside the policy gives its digest
        Path fresh = dir.resolve("fresh.jsonl");
        Files.writeString(policy, "{\"privacyBudget\": [{\"data\": \"clin.csv\", \"maxEpsilon\": 0.5}]}");
        Cli first = fit(copy, fresh, "f.model", "--param", "epsilon=1", "--policy", policy);
        assertEquals(3, first.code(), first.err());
        assertTrue(first.err().contains("over the limit of 0.5"), first.err());
    }

    @Test
    void aPrivateFitKeepsTheExactRowCountOutOfItsRecordAndModel() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 11);
        Path model = dir.resolve("dp.model");
        assertEquals(0, fit(real, ledger, "dp.model", "--param", "epsilon=1").code());
        Path out = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 40, "--seed", 2, "--out", out, "--ledger", ledger)
                .code());

        String header = Files.readAllLines(model, StandardCharsets.ISO_8859_1).get(1);
        JsonNode h = JSON.readTree(header);
        assertTrue(h.path("rows").isMissingNode(), "the model header has no exact row count: " + header);
        JsonNode fitRecord = statement(Files.readAllLines(ledger).get(0));
        assertEquals("fit", fitRecord.path("predicate").path("step").asText(), fitRecord.toPrettyString());
        assertTrue(fitRecord.path("predicate").path("results").path("rows").isMissingNode());
        for (JsonNode in : fitRecord.path("predicate").path("inputs")) {
            assertTrue(in.path("annotations").path("rows").isMissingNode(), in.toString());
        }
        assertFalse(fitRecord.toString().contains("\"rows\":" + ROWS), fitRecord.toString());
        JsonNode privacy = fitRecord.path("predicate").path("results").path("privacy");
        for (JsonNode call : privacy.path("mechanisms")) {
            assertFalse(call.path("touched").asText().contains(Integer.toString(ROWS)), call.toString());
        }

        Cli v = Cli.run("lineage", "verify", out);
        assertEquals(0, v.code(), v.err());
        Cli show = Cli.run("lineage", "show", out);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("privacy: (ε = 1, δ = 1e-06)-differential privacy for each row"), show.out());
        assertTrue(show.out().contains("secure random source"), show.out());
        assertFalse(show.out().contains(ROWS + " rows") || show.out().contains("600 rows"), show.out());

        // a model that is not private says so
        Path copula = dir.resolve("copula.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--rows", 30,
                "--out", copula, "--ledger", ledger).code());
        Cli plain = Cli.run("lineage", "show", copula);
        assertTrue(plain.out().contains("privacy: no formal privacy guarantee: gaussian-copula is not differentially "
                + "private"), plain.out());
        assertTrue(plain.out().contains("600 rows"), "a fit that is not private still records its rows: " + plain.out());

        // seeded noise
        Path seeded = dir.resolve("seeded.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "dp-marginals", "--param", "noise=seeded",
                "--seed", 1, "--rows", 30, "--out", seeded, "--ledger", ledger).code());
        Cli s = Cli.run("lineage", "show", seeded);
        assertTrue(s.out().contains("no formal privacy guarantee") && s.out().contains("noise was seeded"), s.out());
    }

    /** The in-toto statement of a ledger line. */
    private static JsonNode statement(String line) throws Exception {
        JsonNode env = JSON.readTree(line);
        return JSON.readTree(Base64.getDecoder().decode(env.path("payload").asText()));
    }
}
