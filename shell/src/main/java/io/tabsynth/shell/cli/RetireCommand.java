package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.Quorum;
import io.tabsynth.engine.governance.RetirementQuorum;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.governance.revocation.RetirementApproval;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.WithdrawnFile;
import io.tabsynth.engine.governance.revocation.Withdrawing;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth retire FILE|--digest sha256:... --reason R}: a signed record that a dataset's copies were deleted. */
@Command(name = "retire", description = "Record, signed, that the copies of a dataset were deleted; the file need not "
        + "exist any more (by name, when the ledger recorded it, or by --digest). lineage show and verify then say so. "
        + "Under a charter with a retirement quorum, approvers sign the request (--request-out, tabsynth approve) first.")
public final class RetireCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the retired dataset (or give --digest)")
    Path file;

    @Option(names = "--digest", paramLabel = "sha256:HEX", description = "the retired file's SHA-256")
    String digest;

    @Option(names = "--reason", required = true, description = "why, and what was deleted (signed into the record)")
    String reason;

    @Mixin
    SignerOptions signer;

    @Mixin
    CharterOption charter;

    @Option(names = "--request-out", paramLabel = "RETIREMENT.json",
            description = "with --charter: write the retirement request for approvers (tabsynth approve), record nothing")
    Path requestOut;

    @Option(names = "--approved", paramLabel = "RETIREMENT.json",
            description = "with --charter: the request its approvers signed; the charter's retirement quorum must be met")
    Path approved;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::retire);
    }

    private int retire() {
        if ((file == null) == (digest == null)) {
            throw new BadInputException("retire needs the file or its --digest sha256:..., one of the two");
        }
        SignedCharter c = charter.read();
        if (c == null && (requestOut != null || approved != null)) {
            throw new BadInputException("--request-out and --approved need --charter, whose retirement quorum the approvals meet");
        }
        Lineage lineage = signer.lineage();
        Artifact dataset = file != null ? WithdrawnFile.ofNamed(file, lineage.ledger())
                : WithdrawnFile.ofDigest(digest, lineage.ledger());
        TrustStore trust = TrustStore.standard(KeyStore.standard());
        RetirementQuorum quorum = c == null ? null : new RetirementQuorum(c, approved, trust);
        var out = spec.commandLine().getOut();
        if (requestOut != null) {
            if (reason == null || reason.isBlank()) {
                throw new BadInputException("--reason must say why (it is signed into the record)");
            }
            SignedDocument doc = SignedDocument.create(Dsse.IN_TOTO, quorum.request(dataset, reason).payload(),
                    lineage.keys().signingKey(), Instant.now());
            doc.write(requestOut);
            out.println("retirement request written to " + requestOut + "; approvers sign it with: tabsynth approve "
                    + requestOut + " --key DIR, then: tabsynth retire ... --charter " + c.file() + " --approved " + requestOut);
            return 0;
        }
        RetirementApproval approval = quorum == null ? RetirementApproval.NONE : quorum;
        Withdrawal w = new Withdrawing(lineage).retire(dataset, reason, signer.name(lineage.keys()), approval);
        out.println(RevokeCommand.confirmation("retired", w.dataset().path(), w, lineage));
        if (c != null && c.charter().quorum(RetirementQuorum.WHAT) > 0) {
            Quorum q = RetirementQuorum.of(w, c, trust);
            out.println(q.summary());
        }
        return 0;
    }
}
