package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Statement;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a dataset's certificate, data card and Croissant description from its verified lineage chain and
 * an evaluation report. The certificate is an in-toto statement ({@value #PREDICATE_TYPE}) binding the
 * dataset's digests, the generation parameters (every step of the chain), the validation results (the
 * report, with its digest) and the version history (the signed records themselves). The data card's sections
 * follow EU AI Act Article 10(2) (a)-(h).
 */
public final class Certifier {
    public static final String PREDICATE_TYPE = "https://tabsynth.io/certificate/v1";
    private static final ObjectMapper JSON = JsonOutput.mapper();
    /** What the card says of a dataset certified with {@code --allow-unverified-model}. */
    static final String UNVERIFIED_MODEL = "UNVERIFIED MODEL: certified with --allow-unverified-model";
    static final String PRIVACY_SECTION = "Privacy guarantee";
    /** Where the certificate's own terms are defined in Croissant (JSON-LD). */
    static final String TABSYNTH_VOCABULARY = "https://tabsynth.io/ns#";

    private final Frame data;
    private final List<JsonNode> history;
    private final List<SignedRecord> records;
    private final JsonNode report;
    private final String reportSha256;
    private CardInfo info;
    private final CertifyRequest request;
    private final String datasetSha256;
    private final String contentSha256;
    /** Where the chain stops short of real data (models of unknown origin); empty when it reaches it. */
    private final List<String> unreached;
    private final PrivacyGuarantee guarantee;

    /**
     * Certifies a dataset whose lineage verified, taking its digests from the record that was checked against its
     * bytes rather than hashing it again. The content digest of the data as read must be the one recorded (a
     * {@link VerificationException} otherwise), so a file changed after it was verified is still caught; where the
     * record holds no content digest, the file's bytes are hashed again instead.
     *
     * @param request       what to certify and where to write
     * @param data          the dataset, read back
     * @param contentSha256 the content digest of {@code data} ({@link io.tabsynth.spi.data.ContentDigest})
     * @param verified      the verification of the dataset's lineage: ok, with the subject its bytes matched
     */
    public Certifier(CertifyRequest request, Frame data, String contentSha256, Verification verified) {
        this(request, verified.chain(), data, recordedSha256(request.dataset(), contentSha256, verified), contentSha256,
                verified.unreached());
    }

    /**
     * @param request       what to certify and where to write
     * @param data          the dataset, read back (its source's digest is the certified one)
     * @param history       its sidecar's records, verified
     * @param contentSha256 its content digest as recomputed
     * @param unreached     where its chain does not reach real data, allowed by the request; empty when it does
     */
    public Certifier(CertifyRequest request, Frame data, List<JsonNode> history, String contentSha256,
                     List<String> unreached) {
        this(request, data, history, Artifact.of(data) != null ? Artifact.of(data).sha256() : Sha256.file(request.dataset()),
                contentSha256, unreached);
    }

    /**
     * As {@link #Certifier(CertifyRequest, Frame, List, String, List)}, with the digest of the dataset file's bytes
     * already computed ({@code datasetSha256}), so that the file is not read again to hash it.
     */
    public Certifier(CertifyRequest request, Frame data, List<JsonNode> history, String datasetSha256,
                     String contentSha256, List<String> unreached) {
        this(request, parse(request.dataset(), history), data, datasetSha256, contentSha256, unreached);
    }

    private Certifier(CertifyRequest request, List<SignedRecord> records, Frame data, String datasetSha256,
                      String contentSha256, List<String> unreached) {
        this.request = request;
        this.unreached = List.copyOf(unreached);
        this.data = data;
        this.records = List.copyOf(records);
        this.history = records.stream().map(r -> (JsonNode) r.toJson()).toList();
        this.contentSha256 = contentSha256;
        this.datasetSha256 = datasetSha256;
        this.report = JsonInput.read(request.report(), "report");
        if (!report.isObject()) {
            throw new BadInputException(request.report() + ": the report must be a JSON object");
        }
        this.reportSha256 = Sha256.file(request.report());
        this.info = request.cardInfo() == null ? CardInfo.none() : CardInfo.read(request.cardInfo());
        this.guarantee = PrivacyGuarantee.of(steps(), unreached);
    }

    private List<Step> steps() {
        return records.stream().map(SignedRecord::step).toList();
    }

    /**
     * The real data the dataset's chain last learned from (the real-data input of its last fit), or {@code null}
     * when no step learned from real data.
     */
    public Artifact realData() {
        Step fit = PrivacyGuarantee.lastLearning(steps());
        return fit == null ? null : fit.inputs().stream().filter(in -> Artifact.REAL_DATA_ROLE.equals(in.role()))
                .findFirst().orElse(null);
    }

    /** Fills what the card info leaves out about the dataset's purpose and uses from the charter it is made under. */
    public void underCharter(CharterWords charter) {
        info = info.withCharter(charter);
    }

    /** What the dataset's lineage proves about the privacy of the people in the real data. */
    public PrivacyGuarantee privacyGuarantee() {
        return guarantee;
    }

    private static List<SignedRecord> parse(Path dataset, List<JsonNode> history) {
        List<SignedRecord> out = new ArrayList<>();
        for (JsonNode envelope : history) {
            out.add(SignedRecord.parse(envelope, Sidecar.where(dataset, out.size())));
        }
        return out;
    }

    /**
     * The dataset's SHA-256 as its verified record signed it, once the content read is the content recorded; a
     * {@link VerificationException} if it is not, or if the lineage did not verify.
     */
    private static String recordedSha256(Path dataset, String contentSha256, Verification verified) {
        Artifact subject = verified.subject();
        if (!verified.ok() || subject == null) {
            throw new VerificationException(dataset + ": lineage does not verify, so it cannot be certified: "
                    + String.join("; ", verified.problems()));
        }
        if (subject.contentSha256() == null) {
            String now = Sha256.file(dataset);
            if (!now.equals(subject.sha256())) {
                throw new VerificationException(dataset + ": sha256 is " + now + " but its lineage recorded "
                        + subject.sha256() + "; the file has changed");
            }
        } else if (!subject.contentSha256().equals(contentSha256)) {
            throw new VerificationException(dataset + ": its content digest is " + contentSha256
                    + " but its lineage recorded " + subject.contentSha256());
        }
        return subject.sha256();
    }

    /** The unsigned certificate statement. */
    public ObjectNode statement() {
        ObjectNode st = JSON.createObjectNode();
        st.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = st.putArray("subject").addObject();
        subject.put("name", request.dataset().getFileName().toString());
        subject.putObject("digest").put("sha256", datasetSha256);
        subject.putObject("annotations").put("contentSha256", contentSha256).put("rows", data.rowCount());
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        ObjectNode dataset = p.putObject("dataset");
        dataset.put("name", request.dataset().getFileName().toString());
        dataset.put("sha256", datasetSha256);
        dataset.put("contentSha256", contentSha256);
        dataset.put("rows", data.rowCount());
        dataset.set("schema", data.schema().toJson());
        ObjectNode origin = p.putObject("origin");
        origin.put("reachesRealData", unreached.isEmpty());
        if (!unreached.isEmpty()) {
            origin.put("allowedUnverifiedModel", true);
            unreached.forEach(origin.putArray("unreached")::add);
        }
        ArrayNode generation = p.putArray("generation");
        for (SignedRecord r : records) {
            ObjectNode g = generation.addObject();
            Statement.writeWhatWasDone(g, r.step());
            g.put("finishedOn", r.step().finished().toString());
        }
        p.set("privacyGuarantee", guarantee.toJson());
        ObjectNode validation = p.putObject("validation");
        validation.put("report", request.report().getFileName().toString());
        validation.put("sha256", reportSha256);
        validation.set("results", PublishedReport.of(report));
        p.set("history", JSON.valueToTree(history));
        p.put("issuedOn", Instant.now().toString());
        p.putObject("engine").put("version", EngineVersion.get());
        return st;
    }

    /** The data card, sections per EU AI Act Article 10(2). */
    public DataCard card(String certificateKeyId) {
        Step fit = last("fit");
        Step sample = last("sample");
        Step gen = sample != null ? sample : fit;
        String title = info.get("title", "Data card: " + request.dataset().getFileName());
        DataCard card = new DataCard(title);
        new PlainSummary(info, report, data, PrivacyGuarantee.lastLearning(steps()), guarantee).addTo(card);
        card.section("Purpose", List.of(info.get("purpose", "Not stated (add \"purpose\" to the card info file)."),
                "Intended use: " + info.get("intendedUse", "not stated") + "."), List.of());

        List<String[]> design = new ArrayList<>();
        if (gen != null) {
            design.add(row("generator", gen.extension() + " (plugin " + gen.pluginId() + " " + gen.pluginVersion() + ")"));
        }
        if (fit != null) {
            design.add(row("fit parameters", pairs(fit.parameters())));
            design.add(row("fit seed", String.valueOf(fit.seed())));
            JSON.valueToTree(fit.results()).path("columnModels").properties().forEach(e -> design.add(row("model of "
                    + e.getKey(), e.getValue().asText())));
        }
        if (sample != null) {
            design.add(row("sampling parameters", pairs(sample.parameters())));
            design.add(row("sampling seed", String.valueOf(sample.seed())));
        }
        card.section("(a) Design choices", List.of("Every row is synthetic: drawn from a model fitted to real data, "
                + "not copied from it. " + reproducibility()), design);

        List<String[]> origin = new ArrayList<>();
        if (fit != null) {
            for (Artifact in : fit.inputs()) {
                origin.add(row(in.role(), in.path() + " (sha256 " + in.sha256()
                        + (in.rows() >= 0 ? ", " + in.rows() + " rows" : "") + ")"));
            }
        }
        List<String> originText = new ArrayList<>();
        if (!unreached.isEmpty()) {
            originText.add(UNVERIFIED_MODEL + "; the lineage does not show which real data the model was learned from: "
                    + String.join("; ", unreached) + ".");
        }
        originText.add(info.get("origin", "Origin of the real data not stated."));
        originText.add(info.get("collection", "Collection process not stated."));
        card.section("(b) Data origin and collection", originText, origin);

        List<String[]> prep = new ArrayList<>();
        for (SignedRecord r : records) {
            Step step = r.step();
            prep.add(row(step.finished().toString(), step.step() + " by " + step.extension()
                    + (step.seed() == null ? "" : ", seed " + step.seed())));
        }
        card.section("(c) Data preparation operations", List.of("Each operation below is a signed lineage record; "
                + "`tabsynth lineage verify` checks them."), prep);

        card.section("(d) Assumptions", List.of(info.get("assumptions", "No assumptions stated by the data owner."),
                gen != null && gen.extension().equals("gaussian-copula")
                        ? "The generator assumes the columns' dependence is captured by a Gaussian copula over their "
                        + "marginal distributions; relationships it cannot express (e.g. interactions that change sign) "
                        + "are weakened." : "See the generator's documentation for its modelling assumptions."), List.of());

        List<String[]> quantity = new ArrayList<>();
        quantity.add(row("rows", String.format(Locale.ROOT, "%,d", data.rowCount())));
        quantity.add(row("columns", data.schema().size() + ": " + data.schema()));
        quantity.add(row("file", request.dataset().getFileName() + ", sha256 " + datasetSha256));
        quantity.add(row("content digest", contentSha256));
        addScore(quantity, "fidelity score", report.path("fidelity").path("score"));
        addScore(quantity, "column shapes", report.path("fidelity").path("columnShapes"));
        addScore(quantity, "column pair trends", report.path("fidelity").path("columnPairTrends"));
        addScore(quantity, "utility score", report.path("utility").path("score"));
        addScore(quantity, "utility F1 (synthetic-trained)", report.path("utility").path("syntheticF1"));
        addScore(quantity, "utility F1 (real-trained)", report.path("utility").path("realF1"));
        card.section("(e) Availability, quantity and suitability", List.of("Validation report " + request.report().getFileName()
                + " (sha256 " + reportSha256 + ")."), quantity);

        BiasExamination examination = new BiasExamination(report.path("fairness"));
        card.section("(f) Examination of possible biases", examination.paragraphs(), examination.rows());

        JsonNode policy = report.path("policy");
        List<String> measures = new ArrayList<>();
        measures.add(info.get("biasMitigation", "No mitigation measures stated by the data owner."));
        RemediationWords remediation = RemediationWords.of(sample, report);
        if (remediation != null) {
            measures.addAll(remediation.measures());
        }
        measures.add(policy.isMissingNode() ? "No policy gates were applied." : "Policy gates: "
                + (policy.path("passed").asBoolean() ? "passed" : "FAILED") + ".");
        card.section("(g) Measures to detect, prevent and mitigate biases", measures, List.of());

        List<String[]> gaps = new ArrayList<>();
        JsonNode privacy = report.path("privacy");
        addScore(gaps, "privacy score", privacy.path("score"));
        addScore(gaps, "exact copies of real rows (over the scored columns)", privacy.path("exactMatches"));
        addScore(gaps, "share of rows not learned that equal a real row by chance", privacy.path("exactMatchBaseline"));
        addScore(gaps, "rows replaying a value only one real row has", privacy.path("uniqueValueReplay").path("rows"));
        addScore(gaps, "membership inference AUC", privacy.path("membershipInferenceAuc"));
        card.section("(h) Data gaps and shortcomings", List.of(info.get("gaps", "No gaps stated by the data owner."),
                "Personal data: " + info.get("personalData", "not stated") + ".", "The attack results below are "
                        + "measured, not proven: see " + PRIVACY_SECTION + " for what is guaranteed."), gaps);

        card.section(PRIVACY_SECTION, guarantee.paragraphs(), guarantee.rows());

        card.section("Certificate", List.of("Signed with Ed25519 key " + certificateKeyId + "; contact: "
                + info.get("contact", "not stated") + "; licence: " + info.get("license", "not stated") + "."
                + (unreached.isEmpty() ? "" : " " + UNVERIFIED_MODEL + " (see (b)).")),
                List.<String[]>of(row("certificate", request.certificate().getFileName().toString())));
        return card;
    }

    /**
     * What the recorded generator, parameters and seeds reproduce: the dataset exactly, unless a fit drew its privacy
     * noise from the secure random source, which no seed repeats; then only sampling the same model again does.
     */
    private String reproducibility() {
        boolean secureNoise = steps().stream().anyMatch(step -> FitPrivacy.SECURE_NOISE.equals(
                JSON.valueToTree(step.results()).path("privacy").path("noise").asText()));
        if (secureNoise) {
            return "Sampling the same model again with the parameters and seed below repeats these rows; fitting it "
                    + "again does not reproduce the dataset, because the fit's privacy noise came from the operating "
                    + "system's secure random source, which no seed repeats.";
        }
        return "The generator, its parameters and seeds below reproduce the dataset exactly.";
    }

    /** Croissant 1.1 JSON-LD with Responsible-AI fields. */
    public ObjectNode croissant() {
        ObjectNode c = JSON.createObjectNode();
        ObjectNode ctx = c.putObject("@context");
        ctx.put("@language", "en").put("@vocab", "https://schema.org/").put("sc", "https://schema.org/")
                .put("cr", "http://mlcommons.org/croissant/").put("rai", "http://mlcommons.org/croissant/RAI/")
                .put("dct", "http://purl.org/dc/terms/").put("tabsynth", TABSYNTH_VOCABULARY);
        ctx.putObject("field").put("@id", "cr:field");
        ctx.putObject("fileObject").put("@id", "cr:fileObject");
        ctx.putObject("recordSet").put("@id", "cr:recordSet");
        ctx.putObject("source").put("@id", "cr:source");
        ctx.putObject("extract").put("@id", "cr:extract");
        ctx.put("column", "cr:column").put("dataType", "cr:dataType").put("conformsTo", "dct:conformsTo");
        c.put("@type", "sc:Dataset");
        c.put("conformsTo", "http://mlcommons.org/croissant/1.1");
        String file = request.dataset().getFileName().toString();
        c.put("name", info.get("title", file));
        c.put("description", info.get("purpose", "Synthetic data generated by tabsynth."));
        c.put("license", info.get("license", "not stated"));
        c.put("isAccessibleForFree", true);
        ObjectNode fo = c.putArray("distribution").addObject();
        fo.put("@type", "cr:FileObject").put("@id", file).put("name", file).put("contentUrl", file)
                .put("encodingFormat", mediaType(file)).put("sha256", datasetSha256);
        ObjectNode rs = c.putArray("recordSet").addObject();
        rs.put("@type", "cr:RecordSet").put("@id", "rows").put("name", "rows");
        ArrayNode fields = rs.putArray("field");
        for (ColumnSpec col : data.schema().columns()) {
            ObjectNode f = fields.addObject();
            f.put("@type", "cr:Field").put("@id", "rows/" + col.name()).put("name", col.name())
                    .put("dataType", dataType(col));
            f.putObject("source").put("@id", "rows/" + col.name() + "/source")
                    .set("fileObject", JSON.createObjectNode().put("@id", file));
            ((ObjectNode) f.get("source")).putObject("extract").put("column", col.name());
        }
        c.put("rai:dataCollection", info.get("collection", "Synthetic rows sampled from a model fitted to real data "
                + "(origin: " + info.get("origin", "not stated") + ")."));
        c.put("rai:dataCollectionType", "Others: synthetic data generation");
        StringBuilder steps = new StringBuilder();
        for (SignedRecord r : records) {
            steps.append(steps.length() == 0 ? "" : "; ").append(r.step().step()).append(" by ").append(r.step().extension());
        }
        c.put("rai:dataPreprocessingProtocol", steps.toString());
        c.put("rai:dataBiases", report.has("fairness") ? report.path("fairness").toString() : "Not examined.");
        c.put("rai:dataLimitations", info.get("gaps", "Not stated."));
        c.put("rai:dataUseCases", info.get("intendedUse", "Not stated."));
        c.put("rai:personalSensitiveInformation", "Personal data: " + info.get("personalData", "not stated") + ". "
                + guarantee.summary());
        c.set("tabsynth:privacyGuarantee", guarantee.toJson());
        return c;
    }

    private Step last(String step) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).step().step().equals(step)) {
                return records.get(i).step();
            }
        }
        return null;
    }

    private static void addScore(List<String[]> rows, String label, JsonNode v) {
        if (v != null && v.isNumber()) {
            rows.add(row(label, v.isIntegralNumber() ? v.asText() : String.format(Locale.ROOT, "%.4f", v.asDouble())));
        }
    }

    private static String[] row(String a, String b) {
        return new String[] {a, b};
    }

    /** "k=v, ..." in name order, as the record lists parameters. */
    private static String pairs(Map<String, String> parameters) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    private static String mediaType(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".csv")) {
            return "text/csv";
        }
        if (f.endsWith(".parquet")) {
            return "application/vnd.apache.parquet";
        }
        if (f.endsWith(".jsonl") || f.endsWith(".ndjson")) {
            return "application/jsonlines";
        }
        if (f.endsWith(".arrow") || f.endsWith(".feather") || f.endsWith(".ipc")) {
            return "application/vnd.apache.arrow.file";
        }
        return "application/octet-stream";
    }

    private static String dataType(ColumnSpec c) {
        switch (c.kind()) {
            case CONTINUOUS:
                return "sc:Float";
            case INTEGER:
                return "sc:Integer";
            case BOOLEAN:
                return "sc:Boolean";
            case DATETIME:
                return io.tabsynth.spi.data.DateTimeFormats.hasTime(c.format()) ? "sc:DateTime" : "sc:Date";
            default:
                return "sc:Text";
        }
    }
}
