package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.certify.CertifyRequest;
import io.tabsynth.engine.certify.CharterWords;
import io.tabsynth.engine.certify.ReportBinding;
import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.privacy.LedgerFits;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Certifying a synthetic dataset: its lineage and content are checked, and the signed certificate, data cards and
 * Croissant description are written and recorded. The dataset is read once for both its digests, which the
 * certificate reuses.
 */
final class Certification {
    private final Recorder recorder;
    private final DataFiles dataFiles;

    Certification(Recorder recorder, DataFiles dataFiles) {
        this.recorder = recorder;
        this.dataFiles = dataFiles;
    }

    /**
     * Checks the dataset's lineage (a {@link VerificationException} if it fails, if it or anything in its chain is
     * revoked ({@link Withdrawals}: the ledger's, the imported lists' and {@code revocationLists}) or, unless allowed, does not reach
     * real data) and its recorded content digest, then writes a signed certificate binding the dataset digest, the
     * generation parameters, the report's validation results and the signed history, plus, if asked, the data card
     * (Markdown, HTML) and Croissant JSON-LD, and records the step; a {@code charter} (or {@code null}) fills the
     * card's purpose and intended use where the card info leaves them out. Returns the key id that signed.
     */
    String certify(CertifyRequest r, List<Path> revocationLists, CharterWords charter) {
        TrustStore trust = TrustStore.standard(recorder.lineage().keys());
        Verifier verifier = new Verifier(trust);
        Verification v = verifier.verifyFile(r.dataset());
        if (!v.ok()) {
            throw new VerificationException(r.dataset() + ": lineage does not verify, so it cannot be certified: "
                    + String.join("; ", v.problems()));
        }
        List<String> revoked = Withdrawals.known(recorder.lineage().ledger(), recorder.lineage().keys(), trust,
                revocationLists).revocations(v);
        if (!revoked.isEmpty()) {
            throw new VerificationException(String.join("; ", revoked) + "; a revoked dataset is not certified");
        }
        if (!v.reachesRealData() && !r.allowUnverifiedModel()) {
            throw new VerificationException(r.dataset() + ": " + v.unreachedSummary() + "; a dataset from a model of "
                    + "unknown origin is not certified (--allow-unverified-model certifies it anyway, and the certificate "
                    + "and data card then say so)");
        }
        Instant started = Instant.now();
        Frame data = dataFiles.read(r.dataset(), null);
        Artifact read = Artifact.of(data);
        List<JsonNode> history = Sidecar.read(r.dataset());
        String recorded = recordedContent(history.get(history.size() - 1), r.dataset());
        if (recorded != null && !recorded.equals(read.contentSha256())) {
            throw new VerificationException(r.dataset() + ": its content digest is " + read.contentSha256()
                    + " but its lineage recorded " + recorded);
        }
        ReportBinding.check(verifier, r.report(), r.dataset(), read);
        recorder.remember(r.report());
        recorder.remember(r.cardInfo());
        Certifier c = new Certifier(r, data, history, read.sha256(), read.contentSha256(), v.unreached());
        addLedgerContext(c, trust);
        if (charter != null) {
            c.underCharter(charter);
        }
        SigningKey key = recorder.lineage().keys().signingKey();
        List<Artifact> outputs = new ArrayList<>();
        JsonNode certificate;
        try {
            certificate = Dsse.sign(Dsse.IN_TOTO, Dsse.JSON.writeValueAsBytes(c.statement()), key);
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the certificate: " + e.getMessage(), e);
        }
        outputs.add(recorder.writeJson(r.certificate(), certificate, "certificate"));
        var card = c.card(key.keyId());
        if (r.cardMarkdown() != null) {
            outputs.add(recorder.write(r.cardMarkdown(), card.markdown().getBytes(StandardCharsets.UTF_8), "data card"));
        }
        if (r.cardHtml() != null) {
            outputs.add(recorder.write(r.cardHtml(), card.html().getBytes(StandardCharsets.UTF_8), "data card"));
        }
        if (r.croissant() != null) {
            outputs.add(recorder.writeJson(r.croissant(), c.croissant(), "croissant"));
        }
        List<Artifact> inputs = new ArrayList<>();
        inputs.add(new Artifact("dataset", r.dataset(), read.sha256(), read.contentSha256(), data.rowCount()));
        inputs.add(Artifact.file("report", r.report()));
        if (r.cardInfo() != null) {
            inputs.add(Artifact.file("card info", r.cardInfo()));
        }
        recorder.record(Step.builder("certify")
                .by("certify", "engine", EngineVersion.get()).inputs(inputs).outputs(outputs)
                .result("datasetSha256", read.sha256()).between(started, Instant.now()).build());
        return key.keyId();
    }

    /** States in the guarantee what the engine's budget ledger holds about the real data the dataset came from. */
    private void addLedgerContext(Certifier c, TrustStore trust) {
        Artifact real = c.realData();
        if (real == null) {
            return;
        }
        List<Path> ledgers = List.of(recorder.lineage().ledger().file());
        try {
            c.privacyGuarantee().inContextOf(new SpentBudget(real.path(), real.sha256(), real.contentSha256(), ledgers,
                    new LedgerFits(trust).on(ledgers, real.sha256(), real.contentSha256())));
        } catch (VerificationException e) {
            c.privacyGuarantee().ledgerUnreadable(e.getMessage());
        }
    }

    /** The content digest the dataset's last lineage record gave it, or {@code null} if it gave none. */
    private static String recordedContent(JsonNode envelope, Path file) {
        try {
            var st = Dsse.JSON.readTree(Dsse.payload(envelope));
            for (var s : st.path("subject")) {
                if (Path.of(s.path("name").asText()).getFileName().toString().equals(Sidecar.recordedName(file))) {
                    return s.path("annotations").path("contentSha256").asText(null);
                }
            }
            return null;
        } catch (IOException e) {
            throw new VerificationException(file + ": its last lineage record cannot be read");
        }
    }
}
