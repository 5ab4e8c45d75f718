package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.Quorum;
import io.tabsynth.engine.governance.QuorumNotMet;
import io.tabsynth.engine.governance.ReleaseChecksFailed;
import io.tabsynth.engine.governance.RetirementQuorum;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code lineage verify} says about approvals: who approved the plans of the file's fits, and its release. */
final class Approvals {
    private Approvals() {
    }

    /**
     * Prints, for each fit in the verified chain that followed an approved plan, who approved it and when; for a signed
     * document (a certificate), who signed it and when; with {@code charter}, its certified report must have passed
     * its checks (a {@link ReleaseChecksFailed} otherwise) and its release quorum must be met (a {@link QuorumNotMet}).
     */
    static void print(PrintWriter out, io.tabsynth.engine.lineage.Verification r, Path target, TrustStore trust,
                      Path charter) {
        for (SignedRecord record : r.chain()) {
            Object approvals = record.step().results().get("planApprovals");
            if (approvals instanceof List<?> list) {
                String plan = record.step().inputs().stream().filter(in -> in.role().equals("plan"))
                        .map(in -> in.path().toString()).findFirst().orElse("its plan");
                // a plan is a fit's, whether the fit was its own step or the first half of a synth's sample record
                out.println("approved: the plan " + plan + " of the fit was approved by "
                        + list.stream().map(a -> (Map<?, ?>) a)
                        .map(a -> a.get("name") + " on " + a.get("approvedOn")).collect(Collectors.joining(", ")));
            }
        }
        SignedDocument doc;
        try {
            doc = SignedDocument.read(target);
        } catch (RuntimeException notSigned) {
            if (charter != null) {
                throw new io.tabsynth.spi.BadInputException(target + ": --charter checks a release, and this is not a "
                        + "signed certificate");
            }
            return;
        }
        List<SignedDocument.Signer> signers = doc.verify(trust);
        List<SignedDocument.Signer> approvers = signers.stream().filter(s -> s.approvedOn() != null).toList();
        if (!approvers.isEmpty()) {
            out.println("approved: " + target + " by " + approvers.stream()
                    .map(s -> s.name() + " on " + s.approvedOn()).collect(Collectors.joining(", ")));
        }
        if (charter != null) {
            ReleaseChecksFailed.refuseIfAny(target.toString(), doc.statement());
            SignedCharter c = SignedCharter.read(charter, trust);
            Quorum q = Quorum.of(c.charter(), "release", signers);
            if (!q.met()) {
                throw new QuorumNotMet(target.toString(), q);
            }
            out.println(q.summary());
        }
    }

    /**
     * With {@code charter} ({@code null}: nothing to check), that each retirement of {@code target} has the charter's
     * retirement quorum: its approvers' signatures on the request the retirement record carries, verified again (a
     * {@link QuorumNotMet} naming who is still needed otherwise); prints who approved and when.
     */
    static void printRetirements(PrintWriter out, List<Withdrawal> retirements, Path target, TrustStore trust,
                                 Path charter) {
        if (charter == null) {
            return;
        }
        SignedCharter c = SignedCharter.read(charter, trust);
        for (Withdrawal w : retirements) {
            Quorum q = RetirementQuorum.of(w, c, trust);
            if (!q.met()) {
                throw new QuorumNotMet("the retirement of " + target + " (" + w.when() + ")", q);
            }
            out.println(q.summary());
        }
    }
}
