package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tabsynth registry} end to end: sync indexes what fit, sample and revoke recorded; list by real data finds its
 * datasets with their statuses; status states the budget {@code privacy budget} states; a row changed by SQL is exit 4
 * until a rebuild; a broken ledger is exit 4.
 */
class RegistryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path table(String name, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("age,city,score\n");
        String[] cities = {"Lyon", "Oslo", "Porto"};
        for (int i = 0; i < 300; i++) {
            csv.append(18 + r.nextInt(60)).append(',').append(cities[r.nextInt(cities.length)]).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.nextGaussian() * 10 + 50)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, csv);
        return p;
    }

    private Cli ok(Object... args) {
        Cli c = Cli.run(args);
        assertEquals(0, c.code(), String.join(" ", List.of(args).stream().map(String::valueOf).toList()) + ": " + c.err());
        return c;
    }

    private Object[] registry(Path ledger, String... args) {
        List<Object> all = new ArrayList<>(List.of("registry"));
        all.addAll(List.of(args));
        all.addAll(List.of("--ledger", ledger, "--db", dir.resolve("registry.db")));
        return all.toArray();
    }

    @Test
    void syncListShowStatusAndVerifyAnswerFromTheLedgers() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = table("real.csv", 1);
        Path other = table("other.csv", 2);
        ok("fit", "--data", real, "--generator", "dp-marginals", "--param", "epsilon=0.5", "--seed", 1,
                "--model", dir.resolve("a.model"), "--ledger", ledger);
        ok("sample", "--model", dir.resolve("a.model"), "--rows", 50, "--seed", 2, "--out", dir.resolve("keep.csv"), "--ledger", ledger);
        ok("sample", "--model", dir.resolve("a.model"), "--rows", 50, "--seed", 3, "--out", dir.resolve("bad.csv"), "--ledger", ledger);
        ok("fit", "--data", other, "--generator", "dp-marginals", "--param", "epsilon=1", "--seed", 1,
                "--model", dir.resolve("b.model"), "--ledger", ledger);
        ok("sample", "--model", dir.resolve("b.model"), "--rows", 50, "--seed", 2, "--out", dir.resolve("other-syn.csv"), "--ledger", ledger);
        assertTrue(ok(registry(ledger, "sync")).out().contains("indexed 5 new entries of "));

        ok("revoke", dir.resolve("bad.csv"), "--reason", "leaks a record", "--ledger", ledger);
        Cli again = ok(registry(ledger, "sync"));
        assertTrue(again.out().contains("indexed 1 new entry of "), again.out());

        JsonNode fromReal = JSON.readTree(ok(registry(ledger, "list", "--real", real.toString(), "--json")).out());
        List<String> seen = new ArrayList<>();
        fromReal.forEach(n -> seen.add(Path.of(n.path("name").asText()).getFileName() + " " + n.path("status").asText()));
        assertEquals(List.of("a.model active", "keep.csv active", "bad.csv revoked"), seen, fromReal.toPrettyString());
        JsonNode revoked = JSON.readTree(ok(registry(ledger, "list", "--status", "revoked", "--json")).out());
        assertEquals(1, revoked.size());

        String shown = ok(registry(ledger, "show", dir.resolve("bad.csv").toString())).out();
        assertTrue(shown.contains(": revoked"), shown);
        assertTrue(shown.contains("made from: model "), shown);
        assertTrue(shown.contains("revoked: ") && shown.contains("leaks a record"), shown);

        JsonNode status = JSON.readTree(ok(registry(ledger, "status", "--json")).out());
        JsonNode budget = JSON.readTree(ok("privacy", "budget", "--data", real, "--ledger", ledger, "--json").out());
        JsonNode realRow = null;
        for (JsonNode r : status.path("realData")) {
            if (r.path("name").asText().endsWith("real.csv")) {
                realRow = r;
            }
        }
        assertEquals(budget.path("total").path("epsilon").asDouble(), realRow.path("epsilon").asDouble(), 0.0,
                "registry status states the budget privacy budget states");
        assertEquals(1, status.path("counts").path("dataset").path("revoked").asInt());
        assertEquals(2, status.path("counts").path("dataset").path("active").asInt());

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE registry_items SET status = 'active' WHERE status = 'revoked'");
        }
        Cli tampered = Cli.run(registry(ledger, "status"));
        assertEquals(4, tampered.code(), tampered.err());
        assertTrue(tampered.err().contains("status is 'active', not 'revoked'"), tampered.err());
        Cli verify = Cli.run(registry(ledger, "verify"));
        assertEquals(4, verify.code());
        assertTrue(verify.err().contains("the row was changed outside tabsynth"), verify.err());
        ok(registry(ledger, "sync", "--rebuild"));
        assertTrue(ok(registry(ledger, "verify")).out().startsWith("OK: "));
    }

    @Test
    void aBrokenLedgerAndBadOptionsAreRefused() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        ok("fit", "--data", table("real.csv", 1), "--generator", "gaussian-copula", "--seed", 1,
                "--model", dir.resolve("a.model"), "--ledger", ledger);
        Cli both = Cli.run("registry", "sync", "--ledger", ledger, "--db", dir.resolve("r.db"), "--url", "jdbc:h2:mem:x");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--db and --url"), both.err());
        Cli bogus = Cli.run(registry(ledger, "list", "--status", "gone"));
        assertEquals(2, bogus.code());
        assertTrue(bogus.err().contains("is not one of active, revoked, expired, awaiting-approval, retired"), bogus.err());
        List<String> lines = Files.readAllLines(ledger);
        lines.set(0, lines.get(0).replace("\"sig\":\"", "\"sig\":\"AAAA"));
        Files.write(ledger, lines);
        Cli broken = Cli.run(registry(ledger, "sync"));
        assertEquals(4, broken.code(), broken.err());
        assertTrue(broken.err().contains("does not verify, so nothing is indexed from it"), broken.err());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
             Statement st = db.createStatement();
             var entries = st.executeQuery("SELECT COUNT(*) FROM registry_entries")) {
            entries.next();
            assertEquals(0, entries.getInt(1), "nothing indexed");
        }
    }
}
