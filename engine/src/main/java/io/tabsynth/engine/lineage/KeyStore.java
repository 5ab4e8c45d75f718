package io.tabsynth.engine.lineage;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where signing keys live: {@code keys/} under {@code TABSYNTH_HOME}, or under {@code ~/.tabsynth} (the system
 * property {@code tabsynth.keys} names the directory outright). The key pair is created on first use:
 * {@code ed25519.key} (PKCS#8 PEM, readable by the owner alone) and {@code ed25519.pub} (PEM).
 */
public final class KeyStore {
    static final String PRIVATE = "ed25519.key";
    static final String PUBLIC = "ed25519.pub";

    private final Path dir;
    private SigningKey loaded;
    private Stamp loadedStamp;

    /** What identifies the version of the key file that {@link #loaded} came from. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    public KeyStore(Path dir) {
        this.dir = dir;
    }

    /** The default key directory (see the class description). */
    public static KeyStore standard() {
        String prop = System.getProperty("tabsynth.keys");
        if (prop != null) {
            return new KeyStore(Path.of(prop));
        }
        String home = System.getenv("TABSYNTH_HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".tabsynth");
        return new KeyStore(base.resolve("keys"));
    }

    public Path dir() {
        return dir;
    }

    /** True if a key pair exists. */
    public boolean exists() {
        return Files.exists(dir.resolve(PRIVATE));
    }

    /**
     * The key pair, created if there is none yet. The key read last is kept and read again only when the file
     * changed, since reading it builds Bouncy Castle's Ed25519 tables (20-100 ms in a fresh JVM).
     */
    public synchronized SigningKey signingKey() {
        Path priv = dir.resolve(PRIVATE);
        if (!Files.exists(priv)) {
            create();
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(priv, BasicFileAttributes.class);
            Stamp stamp = new Stamp(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
            if (!stamp.equals(loadedStamp)) {
                loaded = SigningKey.fromPrivatePem(Files.readString(priv, StandardCharsets.US_ASCII));
                loadedStamp = stamp;
            }
            return loaded;
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(priv + ": cannot read the signing key: " + e.getMessage(), e);
        }
    }

    /** Creates a key pair; an existing one is kept (a {@link BadInputException} says so). */
    public synchronized SigningKey create() {
        Path priv = dir.resolve(PRIVATE);
        SigningKey key = SigningKey.generate();
        try {
            Files.createDirectories(dir);
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                Files.createFile(priv, PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } else {
                Files.createFile(priv);
            }
            Files.writeString(priv, key.privateKeyPem(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(PUBLIC), key.publicKeyPem(), StandardCharsets.US_ASCII);
            return key;
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(priv + ": a signing key already exists; it is kept");
        } catch (IOException e) {
            throw new TabsynthException(dir + ": cannot create the signing key: " + e.getMessage(), e);
        }
    }
}
