package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25, opt-outs: an opted-out key never reaches a model, and the fit's record names the list, never its keys. */
class OptOutTest {
    private static final String OPTED_OUT = "CUST-OPTED-OUT-77";
    private static final String THEIR_CITY = "Zanzibar";
    private static final int THEIR_ROWS = 12;

    @TempDir
    Path dir;

    /**
     * Transactions of 20 customers, 12 rows each; the opted-out customer alone lives in a city of their own, often
     * enough (12 rows) that the rare-value rule keeps it, so only the opt-out keeps it out of the model.
     */
    private Path transactions() throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,city,amount\n");
        String[] cities = {"Lyon", "Porto", "Gent", "Turku"};
        for (int c = 0; c < 20; c++) {
            for (int r = 0; r < THEIR_ROWS; r++) {
                boolean out = c == 7;
                csv.append(out ? OPTED_OUT : "CUST-" + c).append(',').append(out ? THEIR_CITY : cities[(c + r) % 4])
                        .append(',').append(10 + c * 3 + r).append('\n');
            }
        }
        Path data = dir.resolve("tx.csv");
        Files.writeString(data, csv);
        Path metadata = dir.resolve("tx.meta.json");
        Files.writeString(metadata, "{\"columns\": {\"customer_id\": {\"kind\": \"categorical\"}}}");
        return data;
    }

    private Path optOuts(String... keys) throws Exception {
        Path list = dir.resolve("optouts.csv");
        Files.writeString(list, "customer_id,withdrawn_on\n" + String.join("", java.util.Arrays.stream(keys)
                .map(k -> k + ",2026-11-30\n").toList()));
        return list;
    }

    @Test
    void anOptedOutKeyNeverReachesTheModelAndTheRecordSaysWhichListItHonoured() throws Exception {
        Path data = transactions();
        Path meta = dir.resolve("tx.meta.json");
        Path ledger = dir.resolve("ledger.jsonl");
        Path list = optOuts(OPTED_OUT, "CUST-NOT-IN-THE-DATA");

        Path plain = dir.resolve("plain.model");
        Cli without = Cli.run("fit", "--data", data, "--metadata", meta, "--generator", "gaussian-copula", "--seed", 3,
                "--model", plain, "--ledger", ledger);
        assertEquals(0, without.code(), without.err());
        String plainBytes = new String(Files.readAllBytes(plain), StandardCharsets.ISO_8859_1);
        assertTrue(plainBytes.contains(OPTED_OUT) && plainBytes.contains(THEIR_CITY),
                "without the list the model learns the customer and their city, so the check below can fail");

        Path model = dir.resolve("m.model");
        Cli fit = Cli.run("fit", "--data", data, "--metadata", meta, "--generator", "gaussian-copula", "--seed", 3,
                "--model", model, "--ledger", ledger, "--exclude", list, "--key", "customer_id");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("honoured the opt-out list optouts.csv (key customer_id): 12 rows removed"), fit.out());
        String bytes = new String(Files.readAllBytes(model), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(OPTED_OUT), "the opted-out key is in the model file");
        assertFalse(bytes.contains(THEIR_CITY), "the opted-out customer's city is in the model file");

        SignedRecord record = new Ledger(ledger).records().get(1);
        Artifact honoured = record.step().inputs().stream().filter(a -> a.role().equals("opt-outs")).findFirst().orElseThrow();
        assertEquals(Sha256.file(list), honoured.sha256());
        Map<?, ?> optOut = (Map<?, ?>) record.step().results().get("optOut");
        assertEquals(12, ((Number) optOut.get("rowsRemoved")).intValue());
        assertEquals("customer_id", optOut.get("key"));
        assertEquals(Sha256.file(list), optOut.get("sha256"));
        assertEquals(228L, ((Number) record.step().results().get("rows")).longValue(), "rows learnt from");
        List<SignedRecord> records = new java.util.ArrayList<>(new Ledger(ledger).records());
        records.addAll(Sidecar.records(model));
        for (SignedRecord r : records) {
            String statement = new String(r.envelope().payload(), StandardCharsets.UTF_8);
            assertFalse(statement.contains("CUST-NOT-IN-THE-DATA") || statement.contains(OPTED_OUT),
                    "the record carries the list's digest, never its content");
        }

        Cli show = Cli.run("lineage", "show", model);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("honours the opt-out list optouts.csv (sha256 " + Sha256.file(list).substring(0, 16))
                && show.out().contains("12 rows removed by customer_id"), show.out());
    }

    @Test
    void synthHonoursTheListToo() throws Exception {
        Path data = transactions();
        Path out = dir.resolve("syn.csv");
        Cli synth = Cli.run("synth", "--data", data, "--metadata", dir.resolve("tx.meta.json"), "--generator",
                "gaussian-copula", "--rows", 400, "--seed", 5, "--out", out, "--ledger", dir.resolve("l.jsonl"),
                "--exclude", optOuts(OPTED_OUT), "--key", "customer_id");
        assertEquals(0, synth.code(), synth.err());
        String rows = Files.readString(out);
        assertFalse(rows.contains(OPTED_OUT) || rows.contains(THEIR_CITY), "synthetic rows hold the opted-out customer");
        Cli show = Cli.run("lineage", "show", out);
        assertTrue(show.out().contains("honours the opt-out list optouts.csv") && show.out().contains("12 rows removed"),
                show.out());
    }

    @Test
    void theWorkbenchFitHonoursTheListToo() throws Exception {
        transactions();
        optOuts(OPTED_OUT);
        Path script = dir.resolve("fit.jsh");
        Files.writeString(script, """
                var real = read("tx.csv", "tx.meta.json");
                var m = fit(real, "gaussian-copula", seed(3), exclude("optouts.csv", "customer_id"));
                m.save("wb.model");
                """);
        Path ledger = dir.resolve("wb.jsonl");
        Cli run = Cli.run("run", script, "--dir", dir, "--ledger", ledger);
        assertEquals(0, run.code(), run.err() + run.out());
        String bytes = new String(Files.readAllBytes(dir.resolve("wb.model")), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(OPTED_OUT) || bytes.contains(THEIR_CITY), "the workbench model holds the opted-out rows");
        SignedRecord fit = new Ledger(ledger).records().stream().filter(r -> r.step().step().equals("fit")).findFirst()
                .orElseThrow();
        assertEquals(12, ((Number) ((Map<?, ?>) fit.step().results().get("optOut")).get("rowsRemoved")).intValue());
    }

    @Test
    void aDifferentiallyPrivateFitRecordsThatTheListRemovedRowsNotHowMany() throws Exception {
        Path data = transactions();
        Path model = dir.resolve("dp.model");
        Path ledger = dir.resolve("l.jsonl");
        Cli fit = Cli.run("fit", "--data", data, "--metadata", dir.resolve("tx.meta.json"), "--generator",
                "dp-marginals", "--param", "epsilon=1", "--seed", 1, "--model", model, "--ledger", ledger,
                "--exclude", optOuts(OPTED_OUT), "--key", "customer_id");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("honoured the opt-out list optouts.csv (key customer_id): the rows it lists "
                + "removed (how many is not recorded: differentially private)"), fit.out());
        assertFalse(fit.out().contains("12 rows"), fit.out());
        Map<?, ?> optOut = (Map<?, ?>) new Ledger(ledger).records().get(0).step().results().get("optOut");
        assertFalse(optOut.containsKey("rowsRemoved"), "no mechanism paid for the count: " + optOut);
        assertEquals("customer_id", optOut.get("key"));
        Cli show = Cli.run("lineage", "show", model);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("the rows it lists removed (how many is not recorded") && !show.out().contains(
                "12 rows removed"), show.out());
    }

    @Test
    void anEmptyListRemovesNothingAndIsStillRecorded() throws Exception {
        Path data = transactions();
        Path model = dir.resolve("m.model");
        Path ledger = dir.resolve("l.jsonl");
        Cli fit = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger, "--exclude", optOuts(), "--key", "customer_id");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("0 rows removed"), fit.out());
        Map<?, ?> optOut = (Map<?, ?>) new Ledger(ledger).records().get(0).step().results().get("optOut");
        assertEquals(0, ((Number) optOut.get("rowsRemoved")).intValue());
    }

    @Test
    void aKeyColumnMissingFromTheListOrTheDataIsBadInput() throws Exception {
        Path data = transactions();
        Path list = optOuts(OPTED_OUT);
        Path model = dir.resolve("m.model");
        Cli noneInList = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--exclude", list, "--key", "customer_ID_");
        assertEquals(2, noneInList.code());
        assertTrue(noneInList.err().contains("optouts.csv: the opt-out list has no column 'customer_ID_' (did you mean "
                + "'customer_id'?)"), noneInList.err());

        Files.writeString(list, "customerid,withdrawn_on\n" + OPTED_OUT + ",2026-11-30\n");
        Cli noneInData = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--exclude", list, "--key", "customerid");
        assertEquals(2, noneInData.code());
        assertTrue(noneInData.err().contains("tx.csv: has no column 'customerid' to match the opt-out list")
                && noneInData.err().contains("did you mean 'customer_id'?"), noneInData.err());
        assertFalse(noneInData.err().contains("Exception"), noneInData.err());

        Cli keyAlone = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--key", "customer_id");
        assertEquals(2, keyAlone.code());
        assertTrue(keyAlone.err().contains("give the list with --exclude"), keyAlone.err());
        assertFalse(Files.exists(model), "nothing half-written");
    }

    /**
     * A charter naming {@code list} (by file name, beside it, and digest) with the local key as its one approver, signed
     * by it; a plan for this fit of tx.csv under it, which that signature approves.
     */
    private Path charterNaming(Path list) throws Exception {
        String me = io.tabsynth.engine.lineage.KeyStore.standard().signingKey().keyId();
        Path draft = Files.writeString(dir.resolve("charter-draft.json"), "{\"name\": \"tx\", \"version\": 1, "
                + "\"purpose\": \"tests\", \"approvedUses\": [\"testing\"], \"audiences\": [\"analysts\"], "
                + "\"checks\": [\"fidelity.score >= 0.1\"], \"approvers\": [{\"name\": \"Me\", \"keyid\": \"" + me + "\"}], "
                + "\"quorum\": {\"plan\": 1, \"release\": 1}, \"reviewInterval\": \"P1Y\", \"issued\": \"2026-12-01\", "
                + "\"optOuts\": {\"file\": \"" + list.getFileName() + "\", \"sha256\": \"" + Sha256.file(list)
                + "\", \"key\": \"customer_id\"}}");
        Path charter = dir.resolve("charter.json");
        Cli signed = Cli.run("charter", "sign", draft, "--out", charter);
        assertEquals(0, signed.code(), signed.err());
        return charter;
    }

    private Cli fitUnder(Path charter, Path model, Object... more) {
        Object[] args = {"fit", "--data", dir.resolve("tx.csv"), "--metadata", dir.resolve("tx.meta.json"), "--generator",
                "gaussian-copula", "--seed", 3, "--charter", charter};
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length + 4);
        System.arraycopy(more, 0, all, args.length, more.length);
        Path plan = dir.resolve("plan.json");
        Object[] planArgs = java.util.Arrays.copyOf(args, args.length + 2);
        planArgs[args.length] = "--plan-out";
        planArgs[args.length + 1] = plan;
        if (!Files.exists(plan)) {
            Cli written = Cli.run(planArgs);
            assertEquals(0, written.code(), written.err());
        }
        all[all.length - 4] = "--plan";
        all[all.length - 3] = plan;
        all[all.length - 2] = "--model";
        all[all.length - 1] = model;
        return Cli.run(all);
    }

    @Test
    void aCharterThatNamesTheListRefusesAFitOnDataThatStillHoldsAnOptedOutKey() throws Exception {
        transactions();
        Path list = optOuts(OPTED_OUT, "CUST-NOT-IN-THE-DATA");
        Path charter = charterNaming(list);
        Path refusedModel = dir.resolve("refused.model");
        Cli refused = fitUnder(charter, refusedModel);
        assertEquals(3, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("still holds 12 rows whose customer_id is on the charter's opt-out list optouts.csv")
                && refused.err().contains("--exclude optouts.csv --key customer_id"), refused.err());
        assertFalse(refused.err().contains(OPTED_OUT) || refused.out().contains(OPTED_OUT), "never the key itself");
        assertFalse(Files.exists(refusedModel), "nothing is fitted");

        Path older = Files.writeString(dir.resolve("older.csv"), "customer_id\nCUST-NOT-IN-THE-DATA\n");
        Cli otherList = fitUnder(charter, refusedModel, "--exclude", older, "--key", "customer_id");
        assertEquals(3, otherList.code(), "a list that is not the charter's, nor a newer version of it: " + otherList.err());
        assertTrue(otherList.err().contains("is not that list or a newer version"), otherList.err());

        Path model = dir.resolve("m.model");
        Cli honoured = fitUnder(charter, model, "--exclude", list, "--key", "customer_id");
        assertEquals(0, honoured.code(), honoured.err());
        String bytes = new String(Files.readAllBytes(model), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(OPTED_OUT), "the opted-out key is in the model file");
        assertFalse(bytes.contains(THEIR_CITY), "the opted-out customer's own city is in the model file");

        Path newer = Files.writeString(dir.resolve("optouts-december.csv"), "customer_id\n" + OPTED_OUT
                + "\nCUST-NOT-IN-THE-DATA\nCUST-3\n");
        Path newerModel = dir.resolve("newer.model");
        Cli newerList = fitUnder(charter, newerModel, "--exclude", newer, "--key", "customer_id");
        assertEquals(0, newerList.code(), "a newer version holds every key of the charter's: " + newerList.err());
        assertTrue(newerList.out().contains("24 rows removed"), newerList.out());
        Cli show = Cli.run("lineage", "show", newerModel);
        assertTrue(show.out().contains("honours the opt-out list optouts-december.csv (sha256 "
                + Sha256.file(newer).substring(0, 16)), show.out());

        Files.writeString(list, "customer_id\n" + OPTED_OUT + "\nCUST-5\n"); // changed in place after the charter was signed
        Cli changed = fitUnder(charter, dir.resolve("changed.model"));
        assertEquals(2, changed.code(), changed.err());
        assertTrue(changed.err().contains("names the opt-out list optouts.csv with sha256 ")
                && changed.err().contains("keep the version the charter names"), changed.err());
    }
}
