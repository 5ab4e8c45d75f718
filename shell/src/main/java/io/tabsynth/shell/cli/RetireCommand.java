package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.revocation.RetirementApproval;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.WithdrawnFile;
import io.tabsynth.engine.governance.revocation.Withdrawing;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth retire FILE|--digest sha256:... --reason R}: a signed record that a dataset's copies were deleted. */
@Command(name = "retire", description = "Record, signed, that the copies of a dataset were deleted; the file need not "
        + "exist any more (by name, when the ledger recorded it, or by --digest). lineage show and verify then say so.")
public final class RetireCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the retired dataset (or give --digest)")
    Path file;

    @Option(names = "--digest", paramLabel = "sha256:HEX", description = "the retired file's SHA-256")
    String digest;

    @Option(names = "--reason", required = true, description = "why, and what was deleted (signed into the record)")
    String reason;

    @Mixin
    SignerOptions signer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((file == null) == (digest == null)) {
            throw new BadInputException("retire needs the file or its --digest sha256:..., one of the two");
        }
        Lineage lineage = signer.lineage();
        Artifact dataset = file != null ? WithdrawnFile.ofNamed(file, lineage.ledger())
                : WithdrawnFile.ofDigest(digest, lineage.ledger());
        Withdrawal w = new Withdrawing(lineage).retire(dataset, reason, signer.name(lineage.keys()), RetirementApproval.NONE);
        spec.commandLine().getOut().println(RevokeCommand.confirmation("retired", w.dataset().path(), w, lineage));
        return 0;
    }
}
