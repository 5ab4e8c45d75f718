package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tabsynth command: the happy path, determinism, and exit code 2 with a named place for bad input. */
class CommandLineTest {
    @TempDir
    static Path shared;

    static Path real;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeData() {
        real = shared.resolve("customers.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(2000, 3), real);
        }
    }

    @Test
    void pluginsListsEveryExtensionWithPluginAndVersion() {
        Cli r = Cli.run("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*generator\\s+gaussian-copula\\s+copula\\s+0\\.1\\.0.*"), r.out());
        for (String exporter : new String[] {"csv", "jsonl", "arrow", "parquet"}) {
            assertTrue(r.out().matches("(?s).*exporter\\s+" + exporter + "\\s+exporters\\s+0\\.1\\.0.*"), r.out());
        }
        assertTrue(r.out().contains("--param marginals:auto|empirical|parametric=auto"), r.out());
    }

    @Test
    void rowCountsMayBeWrittenWithSeparatorsExponentsOrSuffixes() throws IOException {
        Path out = dir.resolve("n.csv");
        for (String rows : new String[] {"1500", "1_500", "1,500", "1.5e3", "1.5k"}) {
            Cli r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", rows, "--seed", 1, "--out", out);
            assertEquals(0, r.code(), rows + ": " + r.err());
            assertEquals(1501, Files.readAllLines(out).size(), rows);
        }
        for (String rows : new String[] {"-5", "1.5", "2m", "lots"}) {
            Cli r = Cli.run("sample", "--model", "m.model", "--rows", rows, "--seed", 1, "--out", out);
            assertEquals(2, r.code(), rows);
            assertTrue(r.err().contains("'" + rows + "' is not a number of rows"), r.err());
        }
    }

    @Test
    void everyCommandHasHelpThatExitsZeroWhateverItRequires() {
        // fit --help said "Missing required options" and exited 2 before the help options were inherited
        for (String[] command : new String[][] {{"fit"}, {"sample"}, {"synth"}, {"evaluate"}, {"certify"},
                {"rules", "infer"}, {"lineage", "verify"}, {"keys"}, {"bench"}, {"notebook", "run"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Cli r = Cli.run((Object[]) args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: tabsynth " + String.join(" ", command)), r.out());
        }
    }

    @Test
    void fitAndSampleAreDeterministicByteForByte() throws IOException {
        Path m1 = dir.resolve("one.model");
        Path m2 = dir.resolve("two.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", m1).code());
        Cli fit2 = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", m2);
        assertEquals(0, fit2.code(), fit2.err());
        assertTrue(fit2.out().contains("savings") && fit2.out().contains("empirical"), fit2.out());
        assertArrayEquals(Files.readAllBytes(m1), Files.readAllBytes(m2), "same data, params and seed: same model bytes");

        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        assertEquals(0, Cli.run("sample", "--model", m1, "--rows", 20_000, "--seed", 2, "--out", a).code());
        assertEquals(0, Cli.run("sample", "--model", m2, "--rows", 20_000, "--seed", 2, "--out", b).code());
        assertEquals(0, Cli.run("sample", "--model", m1, "--rows", 20_000, "--seed", 3, "--out", c).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same model and seed: same bytes");
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "another seed: other rows");
        Frame back = FrameReader.read(a);
        assertEquals(20_000, back.rowCount());
        assertEquals(FrameReader.read(real).schema(), back.schema(), "synthetic data reads back with the real schema");
    }

    @Test
    void noGeneratorCopiesRealKeysOrAddressesWhenAFewOfThemRepeat() throws IOException {
        // customer numbers and e-mail addresses with a handful of repeats, as real extracts have
        StringBuilder csv = new StringBuilder("customer,email,age,city\n");
        java.util.Set<String> realKeys = new java.util.HashSet<>();
        java.util.Set<String> realEmails = new java.util.HashSet<>();
        String[] first = {"anna", "bob", "carla", "dmitri", "eve", "farid"};
        for (int i = 0; i < 400; i++) {
            int person = i % 393;
            String key = "C-" + (10_000 + person * 211 % 89_989);
            String email = first[person % first.length] + ".smith" + person + "@mail.com";
            realKeys.add(key);
            realEmails.add(email);
            csv.append(key).append(',').append(email).append(',').append(18 + person % 60).append(',')
                    .append(person % 3 == 0 ? "Leeds" : "York").append('\n');
        }
        Path people = dir.resolve("people.csv");
        Files.writeString(people, csv);
        for (String generator : new String[] {"gaussian-copula", "ctgan"}) {
            Path out = dir.resolve(generator + ".csv");
            Cli r = Cli.run("synth", "--data", people, "--generator", generator, "--param",
                    generator.equals("ctgan") ? "epochs=1" : "marginals=auto", "--rows", 500, "--seed", 4, "--out", out);
            assertEquals(0, r.code(), r.err());
            Frame syn = FrameReader.read(out);
            for (int row = 0; row < syn.rowCount(); row++) {
                String key = syn.strings("customer").get(row);
                String email = syn.strings("email").get(row);
                assertFalse(realKeys.contains(key), generator + " copied the real key " + key);
                assertFalse(realEmails.contains(email), generator + " copied the real address " + email);
                // five digits from 10000 up: numbered below every real key (C-00001, ...), in the keys' width
                assertTrue(key.matches("C-0\\d{4}") && email.matches("user\\d{6}@example\\.com"), key + " " + email);
            }
            assertEquals(500, new java.util.HashSet<>(syn.strings("customer").asList()).size(), generator);
        }
    }

    @Test
    void pricesPercentagesAndNumbersWithPlaceholdersComeOutAsNumbersInTheirOwnFormat() throws IOException {
        // a spreadsheet export: prices with $ and thousands separators, a discount in %, incomes with "n/a" and
        // "-" now and then; all three were text before (prices an identifier: "price-000001")
        StringBuilder csv = new StringBuilder("price,discount,income\n");
        for (int i = 0; i < 300; i++) {
            double price = 900 + 37.25 * i;
            csv.append(String.format(java.util.Locale.ROOT, "\"$%,.2f\",%d%%,%s%n", price, 5 + i % 20,
                    i % 30 == 7 ? "n/a" : i % 30 == 19 ? "-" : Integer.toString(30_000 + 113 * i)));
        }
        Path shop = dir.resolve("shop.csv");
        Files.writeString(shop, csv);
        Path out = dir.resolve("shop-synthetic.csv");
        Cli r = Cli.run("synth", "--data", shop, "--generator", "gaussian-copula", "--rows", 400, "--seed", 2, "--out", out);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("column 'income' reads '-', 'n/a' as missing"), r.out());
        Frame syn = FrameReader.read(out);
        assertEquals("'$'#,##0.00", syn.schema().column("price").format());
        assertEquals(ColumnKind.INTEGER, syn.schema().column("discount").kind());
        assertEquals(ColumnKind.INTEGER, syn.schema().column("income").kind());
        double low = Double.MAX_VALUE;
        double high = 0;
        for (int row = 0; row < 400; row++) {
            low = Math.min(low, syn.doubles("price").getDouble(row));
            high = Math.max(high, syn.doubles("price").getDouble(row));
        }
        assertTrue(low >= 899 && high <= 12_040 && high - low > 5_000, low + " to " + high);
        double missing = syn.missingRate("income");
        assertTrue(missing > 0.02 && missing < 0.13, "income missing " + missing + " (real: 0.067)");
        String text = Files.readString(out);
        assertTrue(text.matches("(?s)price,discount,income\n\"\\$\\d{1,2},\\d{3}\\.\\d{2}\",\\d+%,.*"), text.substring(0, 80));
    }

    @Test
    void synthWritesEveryFormatWithTheSameRows() {
        Path parquet = dir.resolve("s.parquet");
        Path csv = dir.resolve("s.csv");
        Path jsonl = dir.resolve("s.jsonl");
        Path model = dir.resolve("s.model");
        Cli r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--param", "marginals=empirical",
                "--rows", 3000, "--seed", 5, "--out", parquet, "--model", model);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(model));
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--param",
                "marginals=empirical", "--rows", 3000, "--seed", 5, "--out", csv).code());
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 3000, "--seed", 5, "--out", jsonl).code());
        Frame p = FrameReader.read(parquet);
        Frame c = FrameReader.read(csv);
        assertEquals(3000, p.rowCount());
        assertEquals(c.strings("city").asList(), p.strings("city").asList());
        assertArrayEquals(c.doubles("income").asDoubleArray(), p.doubles("income").asDoubleArray());
    }

    @Test
    void badInputExitsTwoNamingTheProblemAndWritesNothing() throws IOException {
        Path out = dir.resolve("out.csv");
        Path missing = dir.resolve("missing.csv");
        Cli r = Cli.run("synth", "--data", missing, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out", out);
        assertEquals(2, r.code());
        assertEquals("error: " + missing + ": file not found", r.err().trim());
        Cli verify = Cli.run("lineage", "verify", missing);
        assertEquals(2, verify.code(), "a file that is not there is bad input, not a failed verification: " + verify.err());
        assertEquals("error: " + missing + ": file not found", verify.err().trim());

        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        r = Cli.run("synth", "--data", ragged, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(ragged + ", row 2 (line 3): has 1 fields, the header has 2"), r.err());

        r = Cli.run("synth", "--data", real, "--generator", "nope", "--rows", 10, "--seed", 1, "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no generator 'nope' (installed: arf, ctgan, dp-marginals, gaussian-copula, rules)"), r.err());
        r = Cli.run("synth", "--data", real, "--generator", "gausian-copula", "--param", "knot=20", "--rows", 10,
                "--seed", 1, "--out", out);
        assertTrue(r.err().contains("no generator 'gausian-copula' (did you mean 'gaussian-copula'?)"), r.err());
        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--param", "knot=20", "--rows", 10,
                "--seed", 1, "--out", out);
        assertTrue(r.err().contains("has no parameter 'knot' (did you mean 'knots'?)"), r.err());

        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--param", "knots=3", "--rows", 10,
                "--seed", 1, "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("parameter 'knots': 3 is outside [16, 1000000]"), r.err());

        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out", real);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is also an input"), r.err());

        r = Cli.run("sample", "--rows", 10, "--seed", 1, "--out", out);
        assertEquals(2, r.code(), "missing --model is a usage error");

        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1,
                "--out", dir.resolve("out.xlsx"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no exporter writes '.xlsx' files"), r.err());
        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1,
                "--out", dir.resolve("out.cvs"));
        assertTrue(r.err().contains("no exporter writes '.cvs' files (did you mean 'csv'?)"), r.err());
        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1,
                "--out", dir.resolve("out"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("out: has no extension to tell the format, e.g. " + dir.resolve("out.csv")), r.err());
        r = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 10, "--seed", 1, "--out", dir);
        assertEquals(2, r.code());
        assertTrue(r.err().contains(": is a directory; name the file to write, e.g. " + dir.resolve("synthetic.csv")), r.err());

        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model).code());
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 2] ^= 0x20;
        Files.write(model, bytes);
        r = Cli.run("sample", "--model", model, "--rows", 10, "--seed", 1, "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model file is damaged"), r.err());

        assertFalse(Files.exists(out), "no output was written by any failed command");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary files left");
        }
    }

    @Test
    void demoRunsTheWholePath() {
        Cli r = Cli.run("demo", "--out", dir, "--rows", 1500, "--samples", 2000);
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"customers.csv", "customers.model", "synthetic.csv", "synthetic.parquet"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertTrue(r.out().contains("rank correlations"), r.out());
        assertEquals(2000, FrameReader.read(dir.resolve("synthetic.parquet")).rowCount());
    }

    @Test
    void benchPrintsTimingsAndHeap() {
        Cli r = Cli.run("bench", "--data", real, "--rows", 20_000, "--repeat", 1);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rows/s") && r.out().contains("peak heap") && r.out().contains("cold"), r.out());
    }

    @Test
    void benchTimesAWholeEvaluateInAFreshJvm() {
        Path syn = dir.resolve("bench-synthetic.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 2000, "--seed", 5,
                "--out", syn).code());
        Cli r = Cli.run("bench", "--data", real, "--rows", 2000, "--repeat", 0, "--synthetic", syn, "--evaluate-runs", 1);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*evaluate +fresh JVM running every evaluator and writing the report \\(median of 1\\): "
                + "[0-9.]+ s wall \\(fastest [0-9.]+ s\\), [0-9.]+ s CPU; [0-9]+ cores, load average.*"), r.out());
    }
}
