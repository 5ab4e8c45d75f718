package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.TrustStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command learns of revocations and retirements: its ledger, the imported lists, and lists named here. */
public final class WithdrawalOptions {
    @Option(names = "--revocations", paramLabel = "LIST", description = "also honour this signed revocation list "
            + "(repeatable; lists imported with tabsynth revocations import, and the ledger's, always count)")
    List<Path> lists = new ArrayList<>();

    @Option(names = "--ledger", paramLabel = "FILE", description = "the ledger whose revocations and retirements count "
            + "(default: .tabsynth/ledger.jsonl in the working directory)")
    Path ledger;

    /** The withdrawals known, with the lists checked against {@code trust}. */
    Withdrawals known(TrustStore trust) {
        return Withdrawals.known(ledger(), KeyStore.standard(), trust, lists);
    }

    /** The ledger --ledger names, else the standard one. */
    Ledger ledger() {
        return ledger == null ? Ledger.standard() : new Ledger(ledger);
    }
}
