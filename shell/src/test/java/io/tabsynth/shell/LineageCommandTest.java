package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every CLI step leaves signed records; lineage verify, show and log read them; a changed byte exits 4. */
class LineageCommandTest {
    @TempDir
    Path dir;

    @Test
    void fitAndSampleLeaveAVerifiableHistory() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(800, 2), real);
        }
        Path model = dir.resolve("m.model");
        Path out = dir.resolve("syn.parquet");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger).code());
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 500, "--seed", 2, "--out", out, "--ledger", ledger).code());
        assertTrue(Files.exists(Path.of(out + ".lineage.json")) && Files.exists(Path.of(model + ".lineage.json")));

        Cli v = Cli.run("lineage", "verify", out);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("verified") && v.out().contains("3 records"), v.out());

        Cli show = Cli.run("lineage", "show", out);
        assertEquals(0, show.code(), show.err());
        for (String part : new String[] {"sample by gaussian-copula", "fit by gaussian-copula", "export by csv",
                "real data", "seed 2", "seed 1", "500 rows"}) {
            assertTrue(show.out().contains(part), part + " in\n" + show.out());
        }

        Cli log = Cli.run("lineage", "log", "--ledger", ledger);
        assertEquals(0, log.code(), log.err());
        assertTrue(log.out().contains("fit") && log.out().contains("sample") && log.out().contains("m.model"), log.out());
        java.util.List<String> lines = log.out().lines().toList();
        int by = lines.get(0).indexOf(" BY ") + 1;
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.charAt(by - 1) == ' ' && line.charAt(by) != ' ', "columns in line:\n" + log.out());
        }
        assertEquals(0, Cli.run("lineage", "verify", ledger).code());

        byte[] bytes = Files.readAllBytes(out);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(out, bytes);
        Cli bad = Cli.run("lineage", "verify", out);
        assertEquals(4, bad.code());
        assertTrue(bad.err().contains("FAILED: " + out) && bad.err().contains("the file has changed"), bad.err());
        Cli badLedger = Cli.run("lineage", "verify", ledger);
        assertEquals(4, badLedger.code());
        assertTrue(badLedger.err().contains("line 2 (sample)") && badLedger.err().contains("syn.parquet"), badLedger.err());
    }

    @Test
    void logAndShowNameTheRecordThatCannotBeRead() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        Lineage lineage = new Lineage(new Ledger(ledger), new KeyStore(dir.resolve("keys")));
        Path out = Files.writeString(dir.resolve("out.csv"), "a\n1\n");
        lineage.record(Step.builder("export").by("csv", "exporters", "0.1.0").parameter("format", "csv")
                .output(Artifact.file("output", out)).build());
        Cli log = Cli.run("lineage", "log", "--ledger", ledger);
        assertEquals(0, log.code(), log.err());
        assertTrue(log.out().contains("export   csv") && log.out().contains(out.toString()), log.out());

        Files.writeString(ledger, Files.readString(ledger).replaceFirst("\"payload\":\"", "\"payload\":\"%"));
        Cli badLog = Cli.run("lineage", "log", "--ledger", ledger);
        assertEquals(2, badLog.code(), badLog.err());
        assertTrue(badLog.err().contains("ledger.jsonl line 1: payload is not base64"), badLog.err());

        Path side = Path.of(out + ".lineage.json");
        Files.writeString(side, Files.readString(side).replaceFirst("\"payload\":\"", "\"payload\":\"%"));
        Cli badShow = Cli.run("lineage", "show", out);
        assertEquals(2, badShow.code(), badShow.err());
        assertTrue(badShow.err().contains("out.csv.lineage.json record 1: payload is not base64"), badShow.err());
    }

    @Test
    void aFileRenamedWithItsSidecarVerifiesAndSaysItsRecordedName() throws Exception {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 2), real);
        }
        Path out = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 100, "--seed", 3,
                "--out", out).code());
        Path renamed = Files.move(out, dir.resolve("customers-2026.csv"));
        Files.move(Path.of(out + ".lineage.json"), Path.of(renamed + ".lineage.json"));
        Cli v = Cli.run("lineage", "verify", renamed);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("note: customers-2026.csv was named syn.csv when its lineage was written; it was "
                + "renamed together with its sidecar, and its content is the one the records signed"), v.out());
        assertTrue(v.out().contains("verified " + renamed + ": 2 records"), v.out());
        assertFalse(v.err().contains("FAILED"), v.err());
        Cli show = Cli.run("lineage", "show", renamed);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().startsWith("customers-2026.csv  sha256 " + Sha256.file(renamed).substring(0, 16)), show.out());
    }

    @Test
    void verifiersTrustOnlyTheKeysTheyAreGiven() throws Exception {
        Path real = dir.resolve("real.csv");
        Path out = dir.resolve("syn.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 2), real);
        }
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 100, "--seed", 3,
                "--out", out).code());
        Cli keys = Cli.run("keys", "show");
        assertEquals(0, keys.code(), keys.err());
        assertTrue(keys.out().contains("key id") && keys.out().contains("BEGIN PUBLIC KEY"), keys.out());

        Path pem = dir.resolve("ours.pem");
        assertEquals(0, Cli.run("keys", "export", "--out", pem).code());
        Path trust = dir.resolve("trust.json");
        Cli added = Cli.run("keys", "trust", pem, "--name", "data team", "--trust-file", trust);
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().startsWith("trusting key "), added.out());
        assertEquals(0, Cli.run("lineage", "verify", out, "--trust", trust).code());
        byte[] before = Files.readAllBytes(trust);
        Cli again = Cli.run("keys", "trust", pem, "--name", "data team", "--trust-file", trust);
        assertTrue(again.out().contains("is already trusted in " + trust + " as data team; nothing changed"), again.out());
        assertArrayEquals(before, Files.readAllBytes(trust), "trusting a key twice leaves the file as it is");
        Cli renamed = Cli.run("keys", "trust", pem, "--name", "synthetic data team", "--trust-file", trust);
        assertTrue(renamed.out().contains("as data team, is now named synthetic data team"), renamed.out());
        assertEquals(1, TrustStore.read(trust).size(), "renamed, not added twice");
        assertEquals(0, Cli.run("lineage", "verify", out, "--trust", trust).code());

        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"keys\": []}");
        Cli refused = Cli.run("lineage", "verify", out, "--trust", other);
        assertEquals(4, refused.code());
        assertTrue(refused.err().contains("which is not trusted"), refused.err());
        assertEquals(2, Cli.run("keys", "create").code(), "an existing key is kept");
    }

    @Test
    void aReportWithAHoldoutWrittenFromMemoryVerifies() throws Exception {
        Path real = dir.resolve("real.csv");
        Path holdout = dir.resolve("holdout.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 2), real);
            e.write(DemoData.customers(100, 3), holdout);
        }
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 200, "--seed", 3,
                "--out", syn).code());
        Path report = dir.resolve("report.json");
        Cli evaluate = Cli.run("evaluate", "--real", real, "--holdout", holdout, "--synthetic", syn, "--evaluators",
                "fidelity", "--report", report);
        assertEquals(0, evaluate.code(), evaluate.err());
        // the real data's export, synth, the holdout's export, evaluate: the holdout's export begins a second chain
        Cli v = Cli.run("lineage", "verify", report);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("4 records"), v.out());

    }

    @Test
    void aFileReplacedOutsideTabsynthDoesNotLendItsOldHistory() throws Exception {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 2), real);
        }
        Path kept = dir.resolve("kept.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 100, "--seed", 3,
                "--out", kept).code());
        assertTrue(Cli.run("lineage", "verify", kept).out().contains("2 records"), "the export of real.csv, then synth");

        // the user replaces real.csv with other rows by another program; its sidecar is left behind
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 9), dir.resolve("other.csv"));
        }
        Files.copy(dir.resolve("other.csv"), real, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 100, "--seed", 3,
                "--out", syn).code());
        Cli v = Cli.run("lineage", "verify", syn);
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("1 record, signatures"), "the old export of real.csv made other bytes: " + v.out());
        assertFalse(Cli.run("lineage", "show", syn).out().contains("export by csv"), "no borrowed history");
    }
}
