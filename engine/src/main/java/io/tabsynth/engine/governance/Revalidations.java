package io.tabsynth.engine.governance;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The revalidations of a certificate a ledger records: records of the step {@value #STEP} whose {@value #CERTIFICATE_ROLE}
 * input has the certificate's digest (the SHA-256 of its signed statement, which approvals do not change), signed by a
 * trusted key.
 */
public final class Revalidations {
    /** The lineage step that revalidates a certificate. */
    public static final String STEP = "revalidate";
    /** The predicate type of a revalidation's signed statement. */
    public static final String PREDICATE_TYPE = "https://tabsynth.io/revalidation/v1";
    /** The role of the revalidated certificate among the step's inputs. */
    public static final String CERTIFICATE_ROLE = "certificate";
    /** The step's result that says whether the certificate still held. */
    public static final String HOLDS = "holds";

    private Revalidations() {
    }

    /** The ledger's revalidations of the certificate whose statement has SHA-256 {@code certificateDigest}, oldest first; a
     * {@link io.tabsynth.engine.lineage.VerificationException} for a ledger that does not match its signed head. */
    public static List<ReviewSchedule.Revalidated> of(Ledger ledger, TrustStore trust, String certificateDigest) {
        List<ReviewSchedule.Revalidated> out = new ArrayList<>();
        List<String> lines = ledger.verifiedLines(trust);
        for (int i = 0; i < lines.size(); i++) {
            SignedRecord record;
            try {
                record = SignedRecord.parse(lines.get(i), ledger.file().getFileName() + " line " + (i + 1));
            } catch (BadInputException notARecord) {
                continue; // verifying the ledger reports it
            }
            Step step = record.step();
            if (!step.step().equals(STEP) || !record.envelope().signedByTrusted(trust) || !revalidates(step, certificateDigest)) {
                continue;
            }
            String file = step.outputs().isEmpty() ? "(no record file)" : step.outputs().get(0).path().toString();
            out.add(new ReviewSchedule.Revalidated(file, step.finished(), Boolean.TRUE.equals(step.results().get(HOLDS))));
        }
        return out;
    }

    private static boolean revalidates(Step step, String certificateDigest) {
        for (Artifact in : step.inputs()) {
            if (in.role().equals(CERTIFICATE_ROLE) && certificateDigest.equals(in.contentSha256())) {
                return true;
            }
        }
        return false;
    }
}
