package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.data.Source;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The check that a certificate's validation results are the certified dataset's: the report's own lineage
 * verifies, and the evaluate step that wrote it read this dataset as its synthetic data (the same file bytes, or
 * the same content in another format).
 */
public final class ReportBinding {
    private ReportBinding() {
    }

    /**
     * Returns if the report evaluates the dataset; a {@link VerificationException} if the report's lineage does not
     * verify, a {@link BadInputException} naming both files and digests if it evaluates other data.
     */
    public static void check(Verifier verifier, Path report, Path dataset, Source data) {
        Verification v = verifier.verifyFile(report);
        if (!v.ok()) {
            throw new VerificationException(report + ": the report's lineage does not verify, so its results cannot go "
                    + "into a certificate (write the report with tabsynth evaluate): " + String.join("; ", v.problems()));
        }
        JsonNode evaluate = null;
        for (JsonNode envelope : Sidecar.read(report)) {
            try {
                JsonNode predicate = Dsse.JSON.readTree(Dsse.payload(envelope)).path("predicate");
                if (predicate.path("step").asText().equals("evaluate")) {
                    evaluate = predicate;
                }
            } catch (IOException e) {
                throw new VerificationException(report + ": a lineage record of the report cannot be read");
            }
        }
        if (evaluate == null) {
            throw new BadInputException(report + ": its lineage has no evaluate step, so it is not an evaluation report");
        }
        for (JsonNode in : evaluate.path("inputs")) {
            if (in.path("role").asText().equals("synthetic")) {
                String sha256 = in.path("digest").path("sha256").asText();
                if (sha256.equals(data.sha256())
                        || in.path("annotations").path("contentSha256").asText().equals(data.contentSha256())) {
                    return;
                }
                throw new BadInputException(report + ": evaluates " + in.path("name").asText() + " (sha256 " + sha256
                        + "), not " + dataset + " (sha256 " + data.sha256() + "); evaluate " + dataset.getFileName()
                        + " and certify it with that report");
            }
        }
        throw new BadInputException(report + ": its evaluate step names no synthetic data");
    }
}
