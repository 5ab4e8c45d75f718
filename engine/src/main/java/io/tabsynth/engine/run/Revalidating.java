package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.drift.DriftReport;
import io.tabsynth.engine.governance.RecordedCharter;
import io.tabsynth.engine.governance.Revalidations;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.policy.Policy;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Revalidating a certificate against a newer snapshot of the real data: the evaluators and options of the evaluation
 * the certificate carries are run again on the certified dataset against the new snapshot, the same checks (or a
 * charter's) are applied, the drift from the real data the dataset was made from to the new snapshot is measured
 * ({@link DriftReport}), and the result is written as a signed in-toto statement ({@value Revalidations#PREDICATE_TYPE})
 * whose subject is the certificate's digest, recorded in the ledger as the step {@value Revalidations#STEP}.
 */
final class Revalidating {
    /** The role of the newer real snapshot among the step's inputs. */
    static final String CURRENT_ROLE = "new real data";
    /** The role of the real data the dataset was made from, given again as the baseline. */
    static final String BASELINE_ROLE = "baseline real data";

    private final Recorder recorder;
    private final DataFiles dataFiles;
    private final Evaluation evaluation;

    Revalidating(Recorder recorder, DataFiles dataFiles, Evaluation evaluation) {
        this.recorder = recorder;
        this.dataFiles = dataFiles;
        this.evaluation = evaluation;
    }

    Revalidation revalidate(RevalidateRequest r) {
        Instant started = Instant.now();
        TrustStore trust = TrustStore.standard(KeyStore.standard());
        recorder.remember(r.certificate());
        SignedDocument certificate = SignedDocument.read(r.certificate());
        certificate.verify(trust);
        JsonNode statement = certificate.statement();
        if (!Certifier.PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
            throw new BadInputException(r.certificate() + ": not a certificate (its statement is of type "
                    + statement.path("predicateType").asText("none") + "; tabsynth certify writes certificates)");
        }
        JsonNode predicate = statement.path("predicate");
        JsonNode certified = predicate.path("dataset");
        JsonNode report = predicate.path("validation").path("results");
        Step evaluate = evaluateStep(r.certificate(), predicate.path("validation").path("sha256").asText());
        List<String> evaluators = Arrays.asList(evaluate.parameters().get("evaluators").split(","));
        Map<String, String> options = givenOptions(evaluate.parameters(), evaluators);
        if (r.charter() != null) {
            RecordedCharter.requireSame(r.certificate(), r.charter(), SignedDocument.read(r.charter()).payloadSha256(),
                    "it is revalidated");
        }
        Policy policy = policy(r, report);

        Frame current = dataFiles.read(r.real(), r.metadata());
        recorder.remember(r.real());
        notTheOriginal(r, Artifact.of(current), lastRealData(predicate, r.certificate()));
        Metadata like = Metadata.of(current.schema(), (r.metadata() == null ? Metadata.NONE
                : Metadata.read(r.metadata())).missingValues());
        Path syntheticFile = r.synthetic() != null ? r.synthetic() : beside(r.certificate(), certified.path("name").asText());
        List<Path> others = r.baseline() == null ? List.of(syntheticFile) : List.of(syntheticFile, r.baseline());
        List<Frame> read;
        try {
            read = dataFiles.readAllLike(others, like, r.metadata());
        } catch (BadInputException cannotReadLikeReal) {
            throw blamed(r, current, syntheticFile, certified, cannotReadLikeReal);
        }
        Frame synthetic = read.get(0);
        Artifact syntheticRead = Artifact.of(synthetic);
        requireCertified(r, syntheticFile, syntheticRead, certified);
        DriftReport drift = null;
        Artifact baselineRead = null;
        if (r.baseline() != null) {
            Frame baseline = read.get(1);
            baselineRead = Artifact.of(baseline);
            checkBaseline(r, baselineRead, recordedRealData(r.certificate(), predicate));
            for (String column : baseline.schema().names()) {
                if (!current.schema().has(column)) {
                    throw new BadInputException(r.real() + ": has no column '" + column + "', which the baseline "
                            + r.baseline() + " has; drift is measured column by column");
                }
            }
            drift = DriftReport.of(baseline, current, report.path(RareValues.PARAM).asInt(RareValues.DEFAULT_MIN_COUNT));
        }

        ObjectNode scores = evaluation.scores(current, synthetic, evaluators, options, policy);
        JsonNode verdict = scores.path("policy");
        boolean holds = verdict.isMissingNode() || verdict.path("passed").asBoolean();
        Instant finished = Instant.now();

        ObjectNode st = JsonNodeFactory.instance.objectNode();
        st.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = st.putArray("subject").addObject();
        subject.put("name", r.certificate().getFileName().toString());
        subject.putObject("digest").put("sha256", certificate.payloadSha256());
        st.put("predicateType", Revalidations.PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        p.putObject("certificate").put("name", r.certificate().getFileName().toString())
                .put("sha256", Sha256.file(r.certificate())).put("statementSha256", certificate.payloadSha256())
                .put("issuedOn", predicate.path("issuedOn").asText());
        p.putObject("dataset").put("name", certified.path("name").asText()).put("sha256", syntheticRead.sha256())
                .put("contentSha256", syntheticRead.contentSha256()).put("rows", synthetic.rowCount());
        ObjectNode snapshots = p.putObject("snapshots");
        snapshots.set("current", snapshot(Artifact.of(current)));
        if (baselineRead != null) {
            snapshots.set("baseline", snapshot(baselineRead));
        }
        ObjectNode evaluated = p.putObject("evaluation");
        evaluators.forEach(evaluated.putArray("evaluators")::add);
        ObjectNode optionNode = evaluated.putObject("options");
        options.forEach(optionNode::put);
        ObjectNode results = scores.deepCopy();
        results.remove("policy");
        evaluated.set("results", results);
        if (verdict.isMissingNode()) {
            p.putNull("checks");
        } else {
            p.set("checks", verdict);
        }
        p.put("holds", holds);
        if (drift == null) {
            p.putNull("drift");
        } else {
            p.set("drift", drift.toJson());
        }
        p.put("revalidatedOn", finished.toString());
        p.putObject("engine").put("version", EngineVersion.get());

        JsonNode envelope;
        try {
            envelope = Dsse.sign(Dsse.IN_TOTO, Dsse.JSON.writeValueAsBytes(st), recorder.lineage().keys().signingKey());
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the revalidation record: " + e.getMessage(), e);
        }
        Artifact written = recorder.writeJson(r.out(), envelope, "revalidation");
        List<Artifact> inputs = new ArrayList<>();
        inputs.add(new Artifact(Revalidations.CERTIFICATE_ROLE, r.certificate(), Sha256.file(r.certificate()),
                certificate.payloadSha256(), Artifact.NOT_DATA));
        inputs.add(new Artifact("synthetic", syntheticFile, syntheticRead.sha256(), syntheticRead.contentSha256(),
                synthetic.rowCount()));
        inputs.add(Artifact.of(current).as(CURRENT_ROLE));
        if (baselineRead != null) {
            inputs.add(baselineRead.as(BASELINE_ROLE));
        }
        Map<String, Object> stepResults = new LinkedHashMap<>();
        stepResults.put(Revalidations.HOLDS, holds);
        stepResults.put("statementSha256", Sha256.hex(Dsse.payload(envelope)));
        if (drift != null) {
            stepResults.put("shifted", drift.shifted());
        }
        recorder.record(Step.builder(Revalidations.STEP).by(Revalidations.STEP, "engine", EngineVersion.get())
                .inputs(inputs).output(written).results(stepResults).between(started, finished).build());
        return new Revalidation(p, holds, drift, verdict);
    }

    /** The evaluate step, in the certificate's lineage, that wrote the certified report. */
    private static Step evaluateStep(Path certificate, String reportSha256) {
        if (!Files.exists(Sidecar.of(certificate))) {
            throw new BadInputException(certificate + ": has no lineage beside it (" + Sidecar.of(certificate).getFileName()
                    + "), which names the evaluators and options of its report; keep it with the certificate");
        }
        for (SignedRecord record : Sidecar.records(certificate)) {
            if (record.step().step().equals("evaluate") && record.made(reportSha256)) {
                return record.step();
            }
        }
        throw new BadInputException(certificate + ": its lineage has no evaluate step that wrote the certified report "
                + "(sha256 " + reportSha256 + ")");
    }

    /**
     * The options the evaluation was given: its recorded parameters less the evaluator list, each evaluator's plugin
     * and resolved options ({@code <evaluator>.<option>}) and a charter's name and version.
     */
    private static Map<String, String> givenOptions(Map<String, String> parameters, List<String> evaluators) {
        Map<String, String> given = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            String prefix = name.contains(".") ? name.substring(0, name.indexOf('.')) : "";
            boolean recordedOnly = name.equals("evaluators") || prefix.equals("plugin") || prefix.equals("charter")
                    || evaluators.contains(prefix);
            if (!recordedOnly) {
                given.put(name, value);
            }
        });
        return given;
    }

    /** The charter's checks when one is given, else the checks the certified report passed or failed, else none. */
    private static Policy policy(RevalidateRequest r, JsonNode report) {
        if (r.charter() != null) {
            return Policy.read(r.charter());
        }
        JsonNode checks = report.path("policy").path("checks");
        if (!checks.isArray() || checks.isEmpty()) {
            return null;
        }
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        for (JsonNode c : checks) {
            policy.withArray("checks").addObject().put("metric", c.path("metric").asText())
                    .put("op", c.path("op").asText()).set("value", c.path("threshold"));
        }
        return Policy.of(policy, Path.of(report.path("policy").path("policy").asText("the certified report's checks")));
    }

    /**
     * Refuses (bad input, exit 2) a "new" snapshot with the same bytes or content as the real data the dataset was made
     * from: it is no newer snapshot, so revalidating against it would renew the review for nothing.
     */
    private static void notTheOriginal(RevalidateRequest r, Artifact current, Artifact original) {
        if (current != null && original != null && sameData(current, original.sha256(), original.contentSha256())) {
            throw new BadInputException(r.real() + ": has the same data as " + original.path().getFileName()
                    + ", the real data " + r.certificate() + " was made from (sha256 " + original.sha256()
                    + "); --real must be a newer snapshot, so this revalidation would renew nothing; nothing was "
                    + "written");
        }
    }

    /** The real data the certified dataset's chain last learnt from, as its fit recorded it. */
    private static Artifact recordedRealData(Path certificate, JsonNode predicate) {
        Artifact real = lastRealData(predicate, certificate);
        if (real == null) {
            throw new BadInputException(certificate + ": its lineage records no real data the dataset was learnt from, "
                    + "so there is no baseline to measure drift from; leave out --baseline");
        }
        return real;
    }

    /** The real data the certified dataset's chain last learnt from, or {@code null} when it records none. */
    private static Artifact lastRealData(JsonNode predicate, Path certificate) {
        Artifact real = null;
        int i = 0;
        for (JsonNode envelope : predicate.path("history")) {
            Step step = SignedRecord.parse(envelope, certificate + " history record " + ++i).step();
            if (step.fitsRealData()) {
                real = step.inputs().stream().filter(in -> Artifact.REAL_DATA_ROLE.equals(in.role())).findFirst()
                        .orElse(real);
            }
        }
        return real;
    }

    /** A baseline whose bytes and content both differ from the recorded real data's is refused (exit 4). */
    private static void checkBaseline(RevalidateRequest r, Artifact read, Artifact recorded) {
        if (!sameData(read, recorded.sha256(), recorded.contentSha256())) {
            throw new VerificationException(r.baseline() + ": sha256 " + read.sha256() + ", but the certified dataset "
                    + "was made from " + recorded.path().getFileName() + " with sha256 " + recorded.sha256()
                    + "; --baseline must be that real data");
        }
    }

    private static void requireCertified(RevalidateRequest r, Path syntheticFile, Artifact syntheticRead,
                                         JsonNode certified) {
        if (!sameData(syntheticRead, certified.path("sha256").asText(), certified.path("contentSha256").asText())) {
            throw new VerificationException(syntheticFile + ": sha256 " + syntheticRead.sha256() + ", but "
                    + r.certificate() + " certified " + certified.path("name").asText() + " with sha256 "
                    + certified.path("sha256").asText() + "; this is not the certified dataset");
        }
    }

    /**
     * Why the certified dataset could not be read like the new real data: it is not the certified dataset, or the
     * real data's columns are not the certified dataset's (the real file is then named, as the certified dataset is
     * fixed), or else the reading's own error.
     */
    private static RuntimeException blamed(RevalidateRequest r, Frame current, Path syntheticFile, JsonNode certified,
                                           BadInputException cannotReadLikeReal) {
        Frame own;
        try {
            own = FrameReader.read(syntheticFile);
        } catch (BadInputException unreadable) {
            return cannotReadLikeReal;
        }
        requireCertified(r, syntheticFile, Artifact.dataRead(syntheticFile, Sha256.file(syntheticFile),
                ContentDigest.of(own), own.rowCount(), null, null), certified);
        List<String> expected = own.schema().names();
        List<String> found = current.schema().names();
        if (!Set.copyOf(expected).equals(Set.copyOf(found))) {
            return new BadInputException(r.real() + ": its columns are not those of the certified dataset "
                    + syntheticFile.getFileName() + " " + Metadata.columnDifference(expected, found)
                    + "; revalidate against a newer snapshot of the real data the certificate was made from");
        }
        return cannotReadLikeReal;
    }

    private static boolean sameData(Artifact read, String sha256, String contentSha256) {
        return read.sha256().equals(sha256) || read.contentSha256() != null && read.contentSha256().equals(contentSha256);
    }

    private static Path beside(Path certificate, String name) {
        Path parent = certificate.toAbsolutePath().getParent();
        Path file = parent.resolve(name);
        if (!Files.exists(file)) {
            throw new BadInputException(certificate + ": certifies " + name + ", which is not beside it ("
                    + file + "); name the certified dataset with --synthetic");
        }
        return certificate.getParent() == null ? Path.of(name) : certificate.getParent().resolve(name);
    }

    private static ObjectNode snapshot(Artifact a) {
        return JsonNodeFactory.instance.objectNode().put("name", a.path().getFileName().toString()).put("sha256", a.sha256())
                .put("contentSha256", a.contentSha256()).put("rows", a.rows());
    }
}
