package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** certify binds dataset, parameters, report and history in a signed certificate, with a data card and Croissant. */
class CertifyCommandTest {
    @TempDir
    Path dir;

    /** Demo customers written as real.csv (recorded as an export). */
    private Path real(int rows) {
        Path real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(rows, 4), real);
        }
        return real;
    }

    /** A copula sample of the real data, with its lineage; {@code more} are further synth options. */
    private Path synth(Path real, String name, int rows, int seed, Object... more) {
        Path syn = dir.resolve(name);
        Object[] args = {"synth", "--data", real, "--generator", "gaussian-copula", "--rows", rows, "--seed", seed, "--out", syn};
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        assertEquals(0, Cli.run(all).code());
        return syn;
    }

    @Test
    void certifyingDataWhosePolicyFailedSaysSoOnTheConsole() throws Exception {
        Path real = real(400);
        Path syn = synth(real, "syn.csv", 300, 9);
        Path report = dir.resolve("report.json");
        Path strict = Files.writeString(dir.resolve("strict.json"), "{\"checks\": [\"fidelity.score >= 0.999\"]}");
        assertEquals(3, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity",
                "--policy", strict, "--report", report).code());
        Cli r = Cli.run("certify", syn, "--report", report, "--out", dir.resolve("cert.json"), "--card", dir.resolve("card.md"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("failed its policy gates (fidelity.score >= 0.999); the certificate and the data card "
                + "say so"), r.err());
        assertTrue(Files.readString(dir.resolve("card.md")).contains("FAILED"), "the card says so too");
    }

    @Test
    void certificateCardAndCroissant() throws Exception {
        Path real = real(600);
        Path syn = synth(real, "syn.csv", 400, 9, "--model", dir.resolve("m.model"));
        Path report = dir.resolve("report.json");
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"checks\": [\"fidelity.score >= 0.5\"]}");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity,privacy",
                "--policy", policy, "--report", report).code());
        JsonNode results = new ObjectMapper().readTree(Files.readAllBytes(report));
        Path info = Files.writeString(dir.resolve("info.json"), "{\"purpose\":\"dashboard testing\",\"origin\":\"CRM export 2024\"}");
        Path cert = dir.resolve("cert.json");
        Path card = dir.resolve("card.md");
        Path html = dir.resolve("card.html");
        Path croissant = dir.resolve("croissant.json");
        Cli r = Cli.run("certify", syn, "--report", report, "--out", cert, "--card-info", info, "--card", card,
                "--html", html, "--croissant", croissant);
        assertEquals(0, r.code(), r.err());

        JsonNode env = new ObjectMapper().readTree(Files.readAllBytes(cert));
        JsonNode st = new ObjectMapper().readTree(Dsse.payload(env));
        assertEquals("https://tabsynth.io/certificate/v1", st.path("predicateType").asText());
        JsonNode p = st.path("predicate");
        assertEquals(Sha256.file(syn), p.path("dataset").path("sha256").asText());
        assertEquals(400, p.path("dataset").path("rows").asInt());
        assertEquals(results, p.path("validation").path("results"));
        assertEquals(Sha256.file(report), p.path("validation").path("sha256").asText());
        assertEquals(3, p.path("history").size(), "export of the real file, fit, sample");
        assertEquals("fit", p.path("generation").path(1).path("step").asText());
        assertEquals("1000", p.path("generation").path(1).path("parameters").path("knots").asText());
        assertEquals(9, p.path("generation").path(2).path("seed").asInt());
        assertEquals(0, Cli.run("lineage", "verify", cert).code(), "the certificate has verifiable lineage itself");

        String md = Files.readString(card);
        for (String section : new String[] {"(a) Design choices", "(b) Data origin and collection",
                "(c) Data preparation operations", "(d) Assumptions", "(e) Availability, quantity and suitability",
                "(f) Examination of possible biases", "(g) Measures to detect, prevent and mitigate biases",
                "(h) Data gaps and shortcomings", "dashboard testing", "CRM export 2024", "passed",
                String.format(java.util.Locale.ROOT, "%.4f", results.path("fidelity").path("score").asDouble()),
                "| exact copies of real rows (over the scored columns) | " + results.path("privacy").path("exactMatches").asInt() + " |",
                "| rows replaying a value only one real row has | "
                        + results.path("privacy").path("uniqueValueReplay").path("rows").asInt() + " |"}) {
            assertTrue(md.contains(section), section);
        }
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>") && Files.readString(html).contains("Design choices"));
        JsonNode c = new ObjectMapper().readTree(Files.readAllBytes(croissant));
        assertEquals("http://mlcommons.org/croissant/1.1", c.path("conformsTo").asText());
        assertEquals(Sha256.file(syn), c.path("distribution").path(0).path("sha256").asText());
        assertEquals(9, c.path("recordSet").path(0).path("field").size());
        assertTrue(c.has("rai:dataCollection") && c.has("rai:dataBiases") && c.has("rai:dataLimitations"));
    }

    @Test
    void aDatasetFromAModelOfUnknownOriginIsCertifiedOnlyWhenAllowedAndThenSaysSo() throws Exception {
        Path real = real(300);
        Path model = dir.resolve("m.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model).code());
        Files.delete(Path.of(model + ".lineage.json")); // a model from elsewhere: no recorded fit
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 100, "--seed", 2, "--out", syn).code());
        Cli v = Cli.run("lineage", "verify", syn);
        assertEquals(4, v.code(), v.out());
        assertTrue(v.err().startsWith("NOT VERIFIED: " + syn + ": 1 record, signatures and digests intact, but the chain "
                + "does not reach real data: syn.csv.lineage.json record 1 (sample) used the model " + model + " (sha256 "
                + Sha256.file(model) + "), which no earlier record made"), v.err());

        Path report = dir.resolve("report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity",
                "--report", report).code());
        Path cert = dir.resolve("cert.json");
        Path card = dir.resolve("card.md");
        Cli refused = Cli.run("certify", syn, "--report", report, "--out", cert, "--card", card);
        assertEquals(4, refused.code(), refused.err());
        assertTrue(refused.err().contains(syn + ": the chain does not reach real data: ")
                && refused.err().contains("--allow-unverified-model certifies it anyway"), refused.err());
        assertFalse(Files.exists(cert) || Files.exists(card));

        Cli allowed = Cli.run("certify", syn, "--report", report, "--out", cert, "--card", card, "--allow-unverified-model");
        assertEquals(0, allowed.code(), allowed.err());
        JsonNode origin = new ObjectMapper().readTree(Dsse.payload(new ObjectMapper().readTree(Files.readAllBytes(cert))))
                .path("predicate").path("origin");
        assertFalse(origin.path("reachesRealData").asBoolean(true), origin.toString());
        assertTrue(origin.path("allowedUnverifiedModel").asBoolean(), origin.toString());
        assertTrue(origin.path("unreached").path(0).asText().contains("used the model " + model), origin.toString());
        String md = Files.readString(card);
        assertTrue(md.contains("UNVERIFIED MODEL: certified with --allow-unverified-model; the lineage does not show which "
                + "real data the model was learned from: syn.csv.lineage.json record 1 (sample) used the model "), md);
    }

    @Test
    void aCertificateOfRealDataSaysItsChainReachesIt() throws Exception {
        Path real = real(300);
        Path syn = synth(real, "syn.csv", 100, 9);
        Path report = dir.resolve("report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity",
                "--report", report).code());
        Path cert = dir.resolve("cert.json");
        Path card = dir.resolve("card.md");
        assertEquals(0, Cli.run("certify", syn, "--report", report, "--out", cert, "--card", card).code());
        JsonNode origin = new ObjectMapper().readTree(Dsse.payload(new ObjectMapper().readTree(Files.readAllBytes(cert))))
                .path("predicate").path("origin");
        assertEquals("{\"reachesRealData\":true}", origin.toString());
        assertFalse(Files.readString(card).contains("UNVERIFIED"));
    }

    @Test
    void aChangedDatasetIsNotCertified() throws Exception {
        Path syn = synth(real(300), "syn.csv", 100, 9);
        Files.writeString(syn, Files.readString(syn).replaceFirst("\n", "\n "));
        Path report = Files.writeString(dir.resolve("report.json"), "{}");
        Path cert = dir.resolve("cert.json");
        Cli r = Cli.run("certify", syn, "--report", report, "--out", cert);
        assertEquals(4, r.code());
        assertTrue(r.err().contains("lineage does not verify"), r.err());
        assertFalse(Files.exists(cert));
    }

    @Test
    void aReportOfOtherDataOrWithoutLineageIsNotCertified() throws Exception {
        Path real = real(300);
        Path syn = synth(real, "syn.csv", 100, 9);
        Path other = synth(real, "other.csv", 100, 10);
        Path report = dir.resolve("other-report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", other, "--evaluators", "fidelity",
                "--report", report).code());
        Path cert = dir.resolve("cert.json");
        Cli r = Cli.run("certify", syn, "--report", report, "--out", cert);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("other-report.json: evaluates " + other + " (sha256 " + Sha256.file(other) + "), not " + syn), r.err());
        assertFalse(Files.exists(cert));

        // the same data in another format is the same dataset: its report certifies the Parquet copy
        Path parquet = dir.resolve("other.parquet");
        try (Engine e = Engine.classpath()) {
            e.write(e.read(other, null), parquet);
        }
        r = Cli.run("certify", parquet, "--report", report, "--out", cert);
        assertEquals(0, r.code(), r.err());

        Path handMade = Files.writeString(dir.resolve("hand.json"), "{\"fidelity\": {\"score\": 0.99}}");
        r = Cli.run("certify", syn, "--report", handMade, "--out", dir.resolve("cert2.json"));
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("hand.json: the report's lineage does not verify"), r.err());
        assertFalse(Files.exists(dir.resolve("cert2.json")));
    }
}
