package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --charter FILE}: the signed charter a step is done under, named in the step's lineage record. */
public final class CharterOption {
    @Option(names = "--charter", paramLabel = "CHARTER.json",
            description = "the signed charter this step is done under (tabsynth charter sign); its digest and version go "
                    + "into the step's lineage record")
    Path file;

    /**
     * The charter, its signatures checked with the local trust (exit 4 when one does not verify) and its own quorum
     * met (exit 3 naming the approvers still needed); {@code null} when none was named.
     */
    SignedCharter read() {
        if (file == null) {
            return null;
        }
        return SignedCharter.readApproved(file, TrustStore.standard(KeyStore.standard()));
    }

    /** What every step done under the charter records: the charter as an input, its name and version as parameters. */
    static Lineage.Context context(SignedCharter c) {
        if (c == null) {
            return new Lineage.Context(List.of(), Map.of(), Map.of());
        }
        return c.context();
    }
}
