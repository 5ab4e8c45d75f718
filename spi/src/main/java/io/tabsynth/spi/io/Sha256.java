package io.tabsynth.spi.io;

import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, of bytes and of files. */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digester. */
    public static MessageDigest digester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static String hex(byte[] data) {
        return hex(data, 0);
    }

    /** The digest of {@code data} from index {@code from} to its end. */
    public static String hex(byte[] data, int from) {
        MessageDigest md = digester();
        md.update(data, from, data.length - from);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The digest of a file's bytes, read in 1 MiB blocks. */
    public static String file(Path file) {
        MessageDigest md = digester();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new TabsynthException(file + ": cannot read to compute its digest: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
