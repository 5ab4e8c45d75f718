package io.tabsynth.engine.privacy;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds every recorded fit on one real dataset in signed ledgers. Each ledger is verified first (signatures by
 * trusted keys, the chain of previous digests and sequence numbers, the signed head): a ledger that does not verify
 * is refused with a {@link VerificationException}, so a changed or removed line is never silently counted or left
 * out. A fit is on the data when its real-data input has the data's file digest or its content digest; the content
 * digests of the records that match by file digest are followed too, so that the same data saved as another file
 * is found from its file bytes alone.
 */
public final class LedgerFits {
    private final Verifier verifier;

    public LedgerFits(TrustStore trust) {
        this.verifier = new Verifier(trust);
    }

    /**
     * The fits on the data, oldest first within each ledger, ledgers in the order given.
     *
     * @param ledgers       ledger files; one that does not exist holds no fits, one that cannot be read is bad input
     * @param fileSha256    the SHA-256 of the data file's bytes
     * @param contentSha256 the data's content digest, or {@code null} when the data was not parsed
     */
    public List<RecordedFit> on(List<Path> ledgers, String fileSha256, String contentSha256) {
        return onData(all(ledgers), fileSha256, contentSha256);
    }

    /** Of these fits, those on the data, as {@link #on(List, String, String)} finds them. */
    public static List<RecordedFit> onData(List<RecordedFit> all, String fileSha256, String contentSha256) {
        Set<String> contents = new HashSet<>();
        if (contentSha256 != null) {
            contents.add(contentSha256);
        }
        for (RecordedFit f : all) {
            if (f.data().sha256().equals(fileSha256) && f.data().contentSha256() != null) {
                contents.add(f.data().contentSha256());
            }
        }
        return all.stream().filter(f -> f.data().sha256().equals(fileSha256)
                || f.data().contentSha256() != null && contents.contains(f.data().contentSha256())).toList();
    }

    /** Every recorded fit on any real data in the ledgers, each ledger verified first, in the order given. */
    public List<RecordedFit> all(List<Path> ledgers) {
        List<RecordedFit> fits = new ArrayList<>();
        for (Path ledger : ledgers) {
            for (SignedRecord r : verified(ledger)) {
                if (!r.step().fitsRealData()) {
                    continue;
                }
                for (Artifact in : r.step().inputs()) {
                    if (Artifact.REAL_DATA_ROLE.equals(in.role())) {
                        fits.add(new RecordedFit(ledger, r.sequence(), r.step(), in));
                    }
                }
            }
        }
        return fits;
    }

    /** The records of a ledger that verifies; a ledger that does not is refused, naming what failed. */
    private List<SignedRecord> verified(Path ledger) {
        if (!Files.exists(ledger)) {
            return List.of();
        }
        if (!Files.isRegularFile(ledger) || !Files.isReadable(ledger)) {
            throw new BadInputException(ledger + ": cannot read the ledger");
        }
        Verification v = verifier.verifyLedgerRecords(ledger);
        if (!v.ok()) {
            throw new VerificationException(ledger + " does not verify, so the privacy budget spent cannot be counted: "
                    + String.join("; ", v.problems()));
        }
        return v.chain();
    }
}
