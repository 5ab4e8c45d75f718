package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.WithdrawnFile;
import io.tabsynth.engine.governance.revocation.Withdrawing;
import io.tabsynth.engine.lineage.Lineage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth revoke FILE --reason R}: a signed revocation in the ledger. */
@Command(name = "revoke", description = "Record a signed revocation of a dataset or model: lineage verify and certify "
        + "of it, and of anything made from it, then fail with exit 4 (tabsynth revocations export shares it).")
public final class RevokeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the dataset or model to revoke")
    Path file;

    @Option(names = "--reason", required = true, description = "why it is revoked (signed into the record)")
    String reason;

    @Mixin
    SignerOptions signer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Lineage lineage = signer.lineage();
        var dataset = WithdrawnFile.of(file, lineage.ledger());
        Withdrawal w = new Withdrawing(lineage).revoke(dataset, reason, signer.name(lineage.keys()));
        spec.commandLine().getOut().println(confirmation("revoked", file, w, lineage));
        return 0;
    }

    /** "revoked F (sha256 H) in LEDGER, signed with key K as NAME": what revoke and retire print. */
    static String confirmation(String verb, Object shown, Withdrawal w, Lineage lineage) {
        return verb + " " + shown + " (sha256 " + w.dataset().sha256() + ") in " + lineage.ledger().file()
                + ", signed with key " + w.keyId().substring(0, 12) + (w.by().isEmpty() ? "" : " as " + w.by());
    }
}
