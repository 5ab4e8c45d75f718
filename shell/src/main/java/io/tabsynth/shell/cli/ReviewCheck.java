package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.governance.RecordedCharter;
import io.tabsynth.engine.governance.Revalidations;
import io.tabsynth.engine.governance.ReviewSchedule;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * What {@code lineage verify} says of a certificate's review date: due its charter's review interval after its
 * certification or its last passing revalidation ({@link ReviewSchedule}); the charter is the one given, else the one
 * its certify step recorded, where that file is at hand.
 */
public final class ReviewCheck {
    /** Exit code of a certificate whose review is overdue. */
    static final int OVERDUE = 3;

    private ReviewCheck() {
    }

    /**
     * Prints the review date and the last revalidation of a certificate made under a charter; returns {@link #OVERDUE}
     * (saying since when on {@code err}) when its review is overdue at {@code clock}'s time, else 0. Anything that is
     * not a certificate, or a certificate made under no charter, has no review date (0).
     */
    public static int check(Path target, Path charterGiven, Ledger ledger, TrustStore trust, Clock clock,
                            PrintWriter out, PrintWriter err) {
        SignedDocument doc;
        try {
            doc = SignedDocument.read(target);
        } catch (RuntimeException notSigned) {
            return 0;
        }
        JsonNode statement = doc.statement();
        if (!Certifier.PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
            return 0;
        }
        Path charterFile = charterGiven != null ? charterGiven : recordedCharter(target);
        if (charterFile == null) {
            return 0;
        }
        if (!Files.exists(charterFile)) {
            out.println("note: " + target + " was certified under the charter " + charterFile + ", which is not here; "
                    + "give --charter to check its review date");
            return 0;
        }
        SignedCharter charter = SignedCharter.read(charterFile, trust);
        if (charterGiven != null) {
            RecordedCharter.requireSame(target, charterGiven, charter.digest(), "its review date is counted");
        }
        Instant certified = Instant.parse(statement.path("predicate").path("issuedOn").asText());
        ReviewSchedule.Review review = new ReviewSchedule(charter.charter().reviewInterval(), clock)
                .review(certified, Revalidations.of(ledger, trust, doc.payloadSha256()));
        review.last().ifPresent(r -> out.println("last revalidation: " + r.record() + " on " + r.on() + ", "
                + (r.holds() ? "the certificate still held" : "the certificate no longer held")));
        String from = review.renewedBy().map(r -> "its revalidation " + r.record() + " on " + r.on())
                .orElse("its certification on " + certified);
        if (review.overdue()) {
            err.println("error: " + target + ": review overdue since " + review.due() + " (the charter " + charterFile
                    + " asks for a review every " + charter.charter().reviewInterval() + ", counted from " + from
                    + "); tabsynth revalidate " + target + " --real NEW_REAL renews it");
            return OVERDUE;
        }
        out.println("review: due " + review.due() + " (every " + charter.charter().reviewInterval() + " under "
                + charterFile + ", counted from " + from + ")");
        return 0;
    }

    /** The charter file the certificate's certify step named, or {@code null}. */
    private static Path recordedCharter(Path certificate) {
        return RecordedCharter.of(certificate).map(Artifact::path).orElse(null);
    }
}
