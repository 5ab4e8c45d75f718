package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which key signs: a key directory made by {@code tabsynth keys create --key-dir DIR}, or the local key. */
final class SigningKeyOption {
    private SigningKeyOption() {
    }

    /** The key in {@code dir}, or the local key when {@code dir} is {@code null}; never creates one. */
    static SigningKey signingKey(Path dir) {
        if (dir == null) {
            return KeyStore.standard().signingKey();
        }
        return signingKeyStore(dir).signingKey();
    }

    /** The key store of {@code dir}, which must hold a signing key; never creates one. */
    static KeyStore signingKeyStore(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a key directory (tabsynth keys create --key-dir " + dir + " makes one)");
        }
        KeyStore keys = new KeyStore(dir);
        if (!keys.exists()) {
            throw new BadInputException(dir + ": holds no signing key (tabsynth keys create --key-dir " + dir + " makes one)");
        }
        return keys;
    }
}
