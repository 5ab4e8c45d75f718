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

    /** Trial item 8: dp-marginals' new keys in two identifier columns read back with the content it recorded. */
    @Test
    void aDpMarginalsSampleWithTwoIdentifierColumnsIsCertified() throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,email,age,city\n");
        java.util.Random r = new java.util.Random(8);
        String[] cities = {"Lyon", "Oslo", "Porto"};
        for (int i = 0; i < 600; i++) {
            csv.append("CUST-").append(10_000 + i).append(",user").append(i).append("@example.org,")
                    .append(20 + r.nextInt(50)).append(',').append(cities[r.nextInt(3)]).append('\n');
        }
        Path real = Files.writeString(dir.resolve("cust.csv"), csv);
        Path syn = dir.resolve("dp.csv");
        Cli synth = Cli.run("synth", "--data", real, "--generator", "dp-marginals", "--param", "epsilon=5", "--rows",
                200, "--seed", 7, "--out", syn);
        assertEquals(0, synth.code(), synth.err());
        Path report = dir.resolve("report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity",
                "--report", report).code());
        Cli certify = Cli.run("certify", syn, "--report", report, "--out", dir.resolve("cert.json"));
        assertEquals(0, certify.code(), certify.err());
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

    /** The certificate statement inside a signed certificate file. */
    private static JsonNode statement(Path cert) throws Exception {
        return new ObjectMapper().readTree(Dsse.payload(new ObjectMapper().readTree(Files.readAllBytes(cert))));
    }

    /** Evaluates {@code syn} against {@code real} with the given evaluators and certifies it with a card. */
    private Cli certify(Path real, Path syn, String evaluators, Object... more) {
        Path report = dir.resolve(syn.getFileName() + ".report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", evaluators,
                "--report", report).code());
        Object[] args = {"certify", syn, "--report", report, "--out", dir.resolve("cert.json"), "--card",
            dir.resolve("card.md"), "--html", dir.resolve("card.html"), "--croissant", dir.resolve("croissant.json")};
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void dataSampledFromADpModelIsCertifiedWithItsEpsilonAndFactor() throws Exception {
        Path real = real(600);
        Path model = dir.resolve("dp.model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "dp-marginals", "--param", "epsilon=1",
                "--param", "delta=1e-7", "--seed", 1, "--model", model).code());
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 200, "--seed", 4, "--out", syn).code());
        Cli r = certify(real, syn, "fidelity");
        assertEquals(0, r.code(), r.err());

        JsonNode g = statement(dir.resolve("cert.json")).path("predicate").path("privacyGuarantee");
        assertEquals("differential-privacy", g.path("kind").asText(), g.toString());
        assertEquals(1.0, g.path("epsilon").asDouble());
        assertEquals(1e-7, g.path("delta").asDouble());
        assertEquals(Math.E, g.path("factor").asDouble(), 1e-12);
        assertEquals("secure", g.path("noise").asText());
        assertEquals("one row added or removed", g.path("neighbouring").asText());
        assertTrue(g.path("rhoExact").asText().matches("\\d+/\\d+"), g.toString());
        assertTrue(g.path("rho").asDouble() > 0 && g.path("rho").asDouble() < 1, g.toString());
        assertEquals("sampling 200 rows (seed 4)", g.path("postProcessing").path(1).asText());
        String sentence = "any one person's presence in the real data changes the probability of any output by at "
                + "most a factor e^ε = 2.72 (ε = 1), except with probability δ = 0.0000001 (one in 10,000,000)";
        String md = Files.readString(dir.resolve("card.md"));
        assertTrue(md.contains("## Privacy guarantee\n\nDifferential privacy: " + sentence), md);
        assertTrue(md.contains("| e^ε | 2.72 |") && md.contains("| neighbouring relation | one row added or removed |"), md);
        assertTrue(Files.readString(dir.resolve("card.html")).contains(sentence));
        JsonNode c = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("croissant.json")));
        assertEquals(g, c.path("tabsynth:privacyGuarantee"));
        assertTrue(c.path("rai:personalSensitiveInformation").asText().contains(sentence));
    }

    @Test
    void synthWithADpGeneratorRecordsTheGuaranteeWithoutAModelFile() throws Exception {
        Path real = real(600);
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "dp-marginals", "--param", "epsilon=3",
                "--rows", 150, "--seed", 2, "--out", syn).code());
        assertEquals(0, certify(real, syn, "fidelity").code());
        JsonNode g = statement(dir.resolve("cert.json")).path("predicate").path("privacyGuarantee");
        assertEquals("differential-privacy", g.path("kind").asText(), g.toString());
        assertEquals(3.0, g.path("epsilon").asDouble());
        assertEquals(Math.exp(3), g.path("factor").asDouble(), 1e-9);
    }

    @Test
    void seededNoiseIsCertifiedAsNoClaim() throws Exception {
        Path real = real(600);
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "dp-marginals", "--param", "noise=seeded",
                "--rows", 150, "--seed", 2, "--out", syn).code());
        assertEquals(0, certify(real, syn, "fidelity").code());
        JsonNode g = statement(dir.resolve("cert.json")).path("predicate").path("privacyGuarantee");
        assertEquals("none", g.path("kind").asText(), g.toString());
        assertEquals("seeded", g.path("noise").asText());
        assertFalse(g.has("epsilon"), g.toString());
        String md = Files.readString(dir.resolve("card.md"));
        assertTrue(md.contains("No formal privacy guarantee: the dp-marginals model was fitted with seeded noise "
                + "(noise=seeded), which anyone with the seed can recompute and subtract, so it makes no privacy claim"), md);
        assertFalse(md.contains("e^ε"), md);
    }

    @Test
    void aCopulaSampleHasNoFormalGuaranteeAndSaysSo() throws Exception {
        Path real = real(400);
        Path syn = synth(real, "syn.csv", 200, 9);
        assertEquals(0, certify(real, syn, "fidelity,privacy").code());
        JsonNode g = statement(dir.resolve("cert.json")).path("predicate").path("privacyGuarantee");
        assertEquals("none", g.path("kind").asText());
        assertTrue(g.path("reason").asText().contains("made by gaussian-copula, which is not differentially private"), g.toString());
        String md = Files.readString(dir.resolve("card.md"));
        assertTrue(md.contains("## Privacy guarantee\n\nNo formal privacy guarantee: it was made by gaussian-copula, which "
                + "is not differentially private (it adds no privacy noise). The attack results in the evaluation report "
                + "show what the attacks that were tried could not do; they are not a guarantee about what any attacker "
                + "could do."), md);
        JsonNode c = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("croissant.json")));
        assertEquals("none", c.path("tabsynth:privacyGuarantee").path("kind").asText());
    }

    @Test
    void thePlainLanguagePageAnswersEachQuestionAndSaysWhatIsMissing() throws Exception {
        Path real = real(600);
        Path syn = synth(real, "syn.csv", 300, 9);
        Path report = dir.resolve("report.json");
        assertEquals(0, Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators",
                "fidelity,utility,privacy,fairness", "--target", "churned", "--protected", "segment", "--report", report)
                .code());
        JsonNode results = new ObjectMapper().readTree(Files.readAllBytes(report));
        Path info = Files.writeString(dir.resolve("info.json"), "{\"purpose\": \"Testing the churn dashboard.\", "
                + "\"dataSubjects\": \"customers of a shop\", \"excluded\": \"customers who asked to be left out.\", "
                + "\"gaps\": \"no customers under 18\"}");
        Path card = dir.resolve("card.md");
        Path html = dir.resolve("card.html");
        Cli r = Cli.run("certify", syn, "--report", report, "--out", dir.resolve("cert.json"), "--card-info", info,
                "--card", card, "--html", html);
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(card);
        assertTrue(md.indexOf("## In plain words") < md.indexOf("## Purpose"), "the page for people comes first");
        long copies = results.path("privacy").path("exactMatches").asLong();
        JsonNode weakest = results.path("fidelity").path("columns");
        String lowest = null;
        for (var e : weakest.properties()) {
            if (lowest == null || e.getValue().path("score").asDouble() < weakest.path(lowest).path("score").asDouble()) {
                lowest = e.getKey();
            }
        }
        for (String expected : new String[] {
            "### What it is for\n\nTesting the churn dashboard.",
            "### How it was made\n\nThis data is synthetic. A program, tabsynth (the gaussian-copula method), learned "
                    + "the patterns in real records about customers of a shop, then made up 300 new records",
            "### What it does not contain\n\n" + (copies == 0 ? "No record in it is an exact copy of a real record"
                    : copies + " record"),
            "Left out on purpose: customers who asked to be left out.",
            "It has 300 records with these columns, and nothing else: customer_id, age, income, monthly_spend, savings, "
                    + "city, segment, signup_date, churned.",
            "### Known limits and biases\n\n" + String.format(java.util.Locale.ROOT,
                    "How closely it matches the real data overall: %.2f out of 1.", results.path("fidelity").path("score")
                            .asDouble()),
            "The columns least like the real ones (1 = the same): " + lowest + " (",
            results.path("utility").path("syntheticF1").isNumber() && results.path("utility").path("realF1").isNumber()
                    ? String.format(java.util.Locale.ROOT, "A model that learns from it to predict churned scores %.2f, "
                    + "against %.2f when it learns from the real data (F1; 1 is perfect).",
                    results.path("utility").path("syntheticF1").asDouble(), results.path("utility").path("realF1").asDouble())
                    : "Models that learn from it to predict churned could not be scored",
            "By segment, the share with churned = ",
            "Limits its makers know of: no customers under 18.",
            "### Privacy\n\nNo formal privacy guarantee: it was made by gaussian-copula, which is not differentially private",
            "### Whom to contact\n\nNo contact was given for this dataset."}) {
            assertTrue(md.contains(expected), expected + "\n---\n" + md);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("<h3>What it does not contain</h3>") && page.contains("<h3>Whom to contact</h3>")
                && page.contains("No contact was given for this dataset."), page);

        Path contactOnly = Files.writeString(dir.resolve("contact.json"), "{\"contact\": \"privacy@shop.example\"}");
        r = Cli.run("certify", syn, "--report", report, "--out", dir.resolve("cert2.json"), "--card-info", contactOnly,
                "--card", card);
        assertEquals(0, r.code(), r.err());
        md = Files.readString(card);
        assertTrue(md.contains("### Whom to contact\n\nprivacy@shop.example"), md);
        assertFalse(md.contains("No contact was given"), md);
        assertTrue(md.contains("Its makers did not say what it is for.") && md.contains("Its makers did not say whose "
                + "records were used."), md);
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
        assertTrue(md.contains("No formal privacy guarantee: its lineage cannot be followed back to the fit that learned "
                + "from the real data"), md);
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
