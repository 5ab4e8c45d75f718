package io.tabsynth.engine.governance;

import io.tabsynth.engine.lineage.SignedDocument.Signer;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A charter as signed: the file, its {@link SignedDocument} (whose every signature verified with a trusted key), the
 * {@link Charter} it holds and whether its own quorum of approvers signed it.
 *
 * @param file     the signed charter's file
 * @param document the envelope
 * @param charter  the charter
 * @param quorum   its approvers' signatures against {@code quorum.charter}
 */
public record SignedCharter(Path file, SignedDocument document, Charter charter, Quorum quorum) {
    /** The role of a charter among a step's inputs. */
    public static final String ROLE = "charter";

    /**
     * Reads a signed charter and checks every signature: a {@link io.tabsynth.spi.BadInputException} when it is not a
     * charter, a {@link io.tabsynth.engine.lineage.VerificationException} when a signature does not verify or its key
     * is not trusted. Whether its quorum is met is {@link #quorum()}'s to say.
     */
    public static SignedCharter read(Path file, TrustStore trust) {
        SignedDocument doc = SignedDocument.read(file);
        Charter charter = Charter.ofStatement(doc.statement(), file.toString());
        List<Signer> signers = doc.verify(trust);
        return new SignedCharter(file, doc, charter, Quorum.of(charter, "charter", signers));
    }

    /**
     * As {@link #read}, and its own quorum must have signed it: a {@link QuorumNotMet} (exit 3) naming the approvers
     * still needed otherwise, and it must be in effect today (UTC), see below. What every step done under a charter
     * reads it with.
     */
    public static SignedCharter readApproved(Path file, TrustStore trust) {
        return readApproved(file, trust, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * As {@link #readApproved(Path, TrustStore)}, and the charter must be in effect on {@code today} (UTC): a charter
     * issued on a later day is refused with a {@link CharterNotInEffect} (exit 3).
     */
    public static SignedCharter readApproved(Path file, TrustStore trust, LocalDate today) {
        SignedCharter c = read(file, trust);
        if (c.charter().issued().isAfter(today)) {
            throw new CharterNotInEffect(file + ": charter '" + c.charter().name() + "' version "
                    + c.charter().version() + " is not yet in effect: it is issued " + c.charter().issued()
                    + " and today is " + today + " (UTC); no fit, plan or approval is done under it before then");
        }
        if (!c.quorum().met()) {
            throw new QuorumNotMet(file.toString(), c.quorum());
        }
        return c;
    }

    /** What every step done under the charter records: the charter as an input, its name and version as parameters. */
    public Lineage.Context context() {
        return new Lineage.Context(List.of(artifact()), Map.of("charter.name", charter.name(), "charter.version",
                Integer.toString(charter.version())), Map.of());
    }

    /** The charter's digest: the SHA-256 of the signed statement, the same however many have signed it. */
    public String digest() {
        return document.payloadSha256();
    }

    /**
     * The charter as an input of a step done under it: role {@value #ROLE}, the file's digest, and the charter's
     * digest as its content digest (like data's, it does not change with the form of the file, here its signatures).
     */
    public Artifact artifact() {
        return new Artifact(ROLE, file, Sha256.file(file), digest(), Artifact.NOT_DATA);
    }
}
