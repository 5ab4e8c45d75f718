package io.tabsynth.engine.registry;

import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of ledgers whose signatures, hash chain and signed head verify. A ledger that does not verify is refused
 * with a {@link VerificationException} naming what failed, before anything is read from any of them.
 */
final class VerifiedLedgers {
    private VerifiedLedgers() {
    }

    /** One verified ledger and its entries in order. */
    record Read(Path file, List<LedgerEntry> entries) {
    }

    static List<Read> read(List<Path> ledgers, TrustStore trust) {
        Verifier verifier = new Verifier(trust);
        List<Read> out = new ArrayList<>();
        for (Path given : ledgers) {
            Path file = given.toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                throw new BadInputException(given + ": ledger file not found");
            }
            Verification v = verifier.verifyLedgerRecords(file);
            if (!v.ok()) {
                throw new VerificationException(given + " does not verify, so nothing is indexed from it: "
                        + String.join("; ", v.problems()));
            }
            List<String> lines = new Ledger(file).lines();
            List<LedgerEntry> entries = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                entries.add(LedgerEntry.read(file, i, lines.get(i)));
            }
            out.add(new Read(file, entries));
        }
        return out;
    }
}
