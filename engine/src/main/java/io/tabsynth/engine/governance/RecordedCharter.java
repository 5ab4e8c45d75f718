package io.tabsynth.engine.governance;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The charter a certificate was made under, as its certify step recorded it in the lineage beside the certificate:
 * the charter's file and, as its content digest, the charter's digest (the SHA-256 of its signed statement).
 */
public final class RecordedCharter {
    private RecordedCharter() {
    }

    /** The charter the certificate's last certify step named; empty when it names none or has no lineage beside it. */
    public static Optional<Artifact> of(Path certificate) {
        if (!Files.exists(Sidecar.of(certificate))) {
            return Optional.empty();
        }
        Artifact found = null;
        for (SignedRecord r : Sidecar.records(certificate)) {
            if (r.step().step().equals("certify")) {
                found = r.step().inputs().stream().filter(in -> in.role().equals(SignedCharter.ROLE)).findFirst()
                        .orElse(found);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Refuses (bad input, exit 2) a charter given for a certificate whose recorded charter has another digest: its
     * thresholds and review interval are not the ones the certificate was made under.
     *
     * @param certificate the certificate
     * @param given       the signed charter file given
     * @param digest      the given charter's digest
     * @param step        what would use it, for the message
     */
    public static void requireSame(Path certificate, Path given, String digest, String step) {
        of(certificate).filter(recorded -> recorded.contentSha256() != null && !recorded.contentSha256().equals(digest))
                .ifPresent(recorded -> {
                    throw new BadInputException(given + ": charter digest " + digest + ", but "
                            + certificate + " was certified under " + recorded.path() + " with digest "
                            + recorded.contentSha256() + "; " + step + " only under the certificate's own charter");
                });
    }
}
