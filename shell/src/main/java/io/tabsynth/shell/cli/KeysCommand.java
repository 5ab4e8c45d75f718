package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.io.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth keys show|create|export|trust}: the local Ed25519 signing key and the trust file. */
@Command(name = "keys", description = "Show, create or export the signing key; trust other keys.",
        subcommands = {KeysCommand.Show.class, KeysCommand.Create.class, KeysCommand.Export.class, KeysCommand.Trust.class})
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new Show().print(spec);
    }

    /** {@code keys show}. */
    @Command(name = "show", description = "Print the key id, where the key lives and the public key (creating it on first use).")
    static final class Show implements Callable<Integer> {
        @Option(names = "--key-dir", paramLabel = "DIR",
                description = "a key directory of its own (e.g. one per approver) instead of the local key")
        Path keyDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return print(spec);
        }

        int print(CommandSpec s) {
            KeyStore keys = keyDir == null ? KeyStore.standard() : new KeyStore(keyDir);
            SigningKey k = keys.signingKey();
            s.commandLine().getOut().printf("key id      %s%nkey files   %s%ntrust file  %s%n%s", k.keyId(), keys.dir(),
                    TrustStore.trustFile(keys), k.publicKeyPem());
            return 0;
        }
    }

    /** {@code keys create}. */
    @Command(name = "create", description = "Create the signing key (refused if one exists).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--key-dir", paramLabel = "DIR",
                description = "a key directory of its own (e.g. one per approver) instead of the local key")
        Path keyDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SigningKey k = (keyDir == null ? KeyStore.standard() : new KeyStore(keyDir)).create();
            spec.commandLine().getOut().println("created key " + k.keyId());
            return 0;
        }
    }

    /** {@code keys export}. */
    @Command(name = "export", description = "Write the public key (PEM) for verifiers to trust.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;

        @Option(names = "--key-dir", paramLabel = "DIR",
                description = "a key directory of its own (e.g. one per approver) instead of the local key")
        Path keyDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String pem = SigningKeyOption.signingKey(keyDir).publicKeyPem();
            if (out == null) {
                spec.commandLine().getOut().print(pem);
            } else {
                AtomicFile.write(out, tmp -> Files.writeString(tmp, pem, StandardCharsets.US_ASCII));
                spec.commandLine().getOut().println("public key written to " + out);
            }
            return 0;
        }
    }

    /** {@code keys trust PEM}. */
    @Command(name = "trust", description = "Add a public key (PEM file from keys export) to a trust file.")
    static final class Trust implements Callable<Integer> {
        @Parameters(paramLabel = "PUBLIC.pem")
        Path pem;

        @Option(names = "--name", required = true, description = "who the key belongs to")
        String name;

        @Option(names = "--trust-file", paramLabel = "FILE", description = "trust file (default: the local trusted-keys.json)")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path target = file != null ? file : TrustStore.trustFile(KeyStore.standard());
            if (file == null) {
                Files.createDirectories(target.toAbsolutePath().getParent()); // the key store's own folder
            }
            String text;
            try {
                text = Files.readString(pem, StandardCharsets.US_ASCII);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new io.tabsynth.spi.BadInputException(pem + ": file not found");
            }
            TrustStore.Added added;
            try {
                added = TrustStore.addToFile(target, text, name);
            } catch (IllegalArgumentException e) {
                throw new io.tabsynth.spi.BadInputException(pem + ": not an Ed25519 public key in PEM");
            }
            String id = added.keyId();
            String said;
            if (added.previousName() == null) {
                said = "trusting key " + id + " (" + name + ") in " + target;
            } else if (added.previousName().equals(name)) {
                said = "key " + id + " is already trusted in " + target + " as " + name + "; nothing changed";
            } else {
                said = "key " + id + ", trusted in " + target + " as " + added.previousName() + ", is now named " + name;
            }
            spec.commandLine().getOut().println(said);
            return 0;
        }
    }
}
