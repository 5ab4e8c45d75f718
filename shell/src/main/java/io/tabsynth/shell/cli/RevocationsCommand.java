package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.revocation.RevocationList;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth revocations export|import}: share revocations and retirements as a signed list. */
@Command(name = "revocations", description = "Export the ledger's revocations and retirements as a signed list, or "
        + "import another's list so that verify and certify honour it.",
        subcommands = {RevocationsCommand.Export.class, RevocationsCommand.Import.class})
public final class RevocationsCommand {
    /** {@code revocations export --out LIST}. */
    @Command(name = "export", description = "Write the ledger's revocations and retirements (signed by trusted keys) "
            + "as one signed list.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "LIST", description = "where to write the list")
        Path out;

        @Mixin
        SignerOptions signer;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Lineage lineage = signer.lineage();
            Inputs.notAnInput(out, lineage.ledger().file());
            List<Withdrawal> withdrawals = Withdrawals.inLedger(lineage.ledger(), TrustStore.standard(KeyStore.standard()));
            RevocationList.write(withdrawals, lineage.keys().signingKey(), out);
            long revoked = withdrawals.stream().filter(w -> w.kind() == Withdrawal.Kind.REVOKED).count();
            spec.commandLine().getOut().println("wrote " + out + ": " + Count.of(revoked, "revocation") + ", "
                    + Count.of(withdrawals.size() - revoked, "retirement") + ", signed with key "
                    + lineage.keys().signingKey().keyId().substring(0, 12));
            return 0;
        }
    }

    /** {@code revocations import LIST}. */
    @Command(name = "import", description = "Verify a revocation list (its signer must be trusted) and keep it, so every "
            + "later lineage verify and certify honours it.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "LIST")
        Path list;

        @Mixin
        TrustOption trust;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KeyStore keys = KeyStore.standard();
            TrustStore t = trust.store();
            Path folder = Withdrawals.importedFolder(keys);
            List<Withdrawal> withdrawals = RevocationList.importInto(list, t, folder);
            spec.commandLine().getOut().println("imported " + list + " (" + Count.of(withdrawals.size(), "withdrawal")
                    + ") into " + folder);
            return 0;
        }
    }
}
