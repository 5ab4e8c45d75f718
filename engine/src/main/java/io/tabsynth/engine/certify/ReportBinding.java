package io.tabsynth.engine.certify;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;

/**
 * The check that a certificate's validation results are the certified dataset's: the report's own lineage
 * verifies, and the evaluate step that wrote it read this dataset as its synthetic data (the same file bytes, or
 * the same content in another format).
 */
public final class ReportBinding {
    /** The role of the synthetic data in an evaluate step. */
    static final String SYNTHETIC_ROLE = "synthetic";

    private ReportBinding() {
    }

    /** As {@link #check(Verifier, Path, Artifact)}, for a dataset known by the file it was read from. */
    public static void check(Verifier verifier, Path report, Path dataset, Artifact data) {
        check(verifier, report, new Artifact("dataset", dataset, data.sha256(), data.contentSha256(), data.rows()));
    }

    /**
     * Returns the report's verified lineage if the report evaluates the dataset (known by its digests); a
     * {@link VerificationException} if the report's lineage does not verify, a {@link BadInputException} naming both
     * files and digests if it evaluates other data.
     */
    public static Verification check(Verifier verifier, Path report, Artifact dataset) {
        Verification v = verifier.verifyFile(report);
        if (!v.ok()) {
            throw new VerificationException(report + ": the report's lineage does not verify, so its results cannot go "
                    + "into a certificate (write the report with tabsynth evaluate): " + String.join("; ", v.problems()));
        }
        Step evaluate = null;
        for (SignedRecord r : v.chain()) {
            if (r.step().step().equals("evaluate")) {
                evaluate = r.step();
            }
        }
        if (evaluate == null) {
            throw new BadInputException(report + ": its lineage has no evaluate step, so it is not an evaluation report");
        }
        for (Artifact in : evaluate.inputs()) {
            if (in.role().equals(SYNTHETIC_ROLE)) {
                if (in.sha256().equals(dataset.sha256())
                        || in.contentSha256() != null && in.contentSha256().equals(dataset.contentSha256())) {
                    return v;
                }
                throw new BadInputException(report + ": evaluates " + in.path() + " (sha256 " + in.sha256()
                        + "), not " + dataset.path() + " (sha256 " + dataset.sha256() + "); evaluate "
                        + dataset.path().getFileName() + " and certify it with that report");
            }
        }
        throw new BadInputException(report + ": its evaluate step names no synthetic data");
    }
}
