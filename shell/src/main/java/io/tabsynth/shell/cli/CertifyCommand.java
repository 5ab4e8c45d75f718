package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.certify.CertifyRequest;
import io.tabsynth.engine.certify.CharterWords;
import io.tabsynth.engine.governance.Charter;
import io.tabsynth.engine.governance.Quorum;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.JsonInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth certify FILE --report R.json --out CERT.json}: a signed certificate, data card and Croissant. */
@Command(name = "certify", description = "Write a signed certificate (and optionally a data card and Croissant JSON-LD) "
        + "for a synthetic dataset whose lineage verifies.")
public final class CertifyCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Parameters(paramLabel = "FILE", description = "the synthetic dataset")
    Path dataset;

    @Option(names = "--report", required = true, paramLabel = "R.json",
            description = "the report tabsynth evaluate wrote on this dataset (or the same data in another format)")
    Path report;

    @Option(names = "--out", required = true, paramLabel = "CERT.json", description = "where to write the certificate")
    Path out;

    @Option(names = "--card-info", paramLabel = "INFO.json",
            description = "your fields for the data card: title, purpose, origin, collection, dataSubjects, excluded, "
                    + "assumptions, biasMitigation, gaps, personalData, intendedUse, contact, license")
    Path cardInfo;

    @Option(names = "--card", paramLabel = "CARD.md", description = "write the data card as Markdown")
    Path card;

    @Option(names = "--html", paramLabel = "CARD.html", description = "write the data card as HTML")
    Path html;

    @Option(names = "--croissant", paramLabel = "FILE.json", description = "write Croissant 1.1 JSON-LD with RAI fields")
    Path croissant;

    @Option(names = "--allow-unverified-model", description = "certify even when the dataset's lineage does not "
            + "reach real data (its model has no recorded fit); the certificate and the data card then say so")
    boolean allowUnverifiedModel;

    @Mixin
    CharterOption charter;
    @Option(names = "--revocations", paramLabel = "LIST", description = "also honour this signed revocation list "
            + "(repeatable; lists imported with tabsynth revocations import, and the ledger's, always count)")
    List<Path> revocations = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::certify);
    }

    private int certify() {
        SignedCharter underCharter = charter.read();
        for (Path p : new Path[] {out, card, html, croissant}) {
            if (p != null) {
                Inputs.notAnInput(p, dataset, report, cardInfo);
            }
        }
        try (Engine e = engine.open(CharterOption.context(underCharter))) {
            String key = e.certify(new CertifyRequest(dataset, report, cardInfo, out, card, html, croissant,
                    allowUnverifiedModel), revocations, underCharter == null ? null : words(underCharter.charter()));
            spec.commandLine().getOut().println("certified " + dataset + " -> " + out + " (signed with key "
                    + key.substring(0, 12) + ")");
            JsonNode policy = JsonInput.read(report, "report").path("policy");
            if (!policy.path("passed").asBoolean(true)) {
                List<String> failed = EvaluateCommand.failedChecks(policy).stream().map(c -> c.path("check").asText()).toList();
                spec.commandLine().getErr().println("note: " + report + " failed its policy gates (" + String.join("; ", failed)
                        + "); the certificate and the data card say so");
            }
            if (underCharter != null) {
                Quorum release = Quorum.of(underCharter.charter(), "release",
                        SignedDocument.read(out).verify(TrustStore.standard(KeyStore.standard())));
                if (!release.met()) {
                    spec.commandLine().getErr().println("note: the release awaits approval under " + charter.file + ": "
                            + release.stillNeeded() + " (tabsynth approve " + out + " --key DIR)");
                }
            }
            return 0;
        }
    }

    /** What the charter says its data is for, as the data card uses it. */
    private static CharterWords words(Charter charter) {
        List<String> uses = new ArrayList<>();
        charter.body().path("approvedUses").forEach(u -> uses.add(u.asText()));
        List<String> audiences = new ArrayList<>();
        charter.body().path("audiences").forEach(a -> audiences.add(a.asText()));
        return new CharterWords(charter.name(), charter.purpose(), uses, audiences);
    }
}
