package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Who signs a governance record (a revocation, a retirement, a list) and into which ledger it goes. */
public final class SignerOptions {
    /** The name the trust store gives the local key when the trust file names it nothing else. */
    private static final String UNNAMED_LOCAL_KEY = "local key";

    @Option(names = "--key", paramLabel = "KEY", description = "sign with this key directory (or its ed25519.key); "
            + "default: the local key")
    Path key;

    @Option(names = "--by", paramLabel = "NAME", description = "the signer's name in the record (default: the name "
            + "the local trust file gives the key, else the user name)")
    String by;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "lineage ledger (default: .tabsynth/ledger.jsonl in the working directory)")
    Path ledger;

    /** The key store that signs. */
    KeyStore keys() {
        if (key == null) {
            return KeyStore.standard();
        }
        return new KeyStore(Files.isRegularFile(key) ? key.toAbsolutePath().getParent() : key);
    }

    /** The ledger and key that record. */
    Lineage lineage() {
        return new Lineage(ledger == null ? Ledger.standard() : new Ledger(ledger), keys());
    }

    /** The signer's name: --by, else the trust file's name for the key, else the user name. */
    String name(KeyStore keys) {
        if (by != null && !by.isBlank()) {
            return by.strip();
        }
        String trusted = TrustStore.standard(KeyStore.standard()).name(keys.signingKey().keyId());
        boolean named = !trusted.equals(UNNAMED_LOCAL_KEY) && !keys.signingKey().keyId().startsWith(trusted);
        return named ? trusted : System.getProperty("user.name", "");
    }
}
