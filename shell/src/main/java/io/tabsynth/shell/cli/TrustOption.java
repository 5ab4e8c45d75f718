package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.TrustStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --trust FILE}: the keys whose signatures count; without it, the local key and trusted-keys.json. */
public final class TrustOption {
    @Option(names = "--trust", paramLabel = "FILE", description = "trust only the keys in this trust file")
    Path file;

    /** The trust to check signatures with: the file named, or the local key and trusted-keys.json. */
    TrustStore store() {
        return file != null ? TrustStore.read(file) : TrustStore.standard(KeyStore.standard());
    }
}
