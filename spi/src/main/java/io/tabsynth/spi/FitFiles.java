package io.tabsynth.spi;

import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.spi.io.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * Files a generator makes while it fits, besides its model: training checkpoints, say. The generator hands the
 * content to the engine, which writes it atomically where the generator was asked to put it and records the write
 * in lineage, as a step named by the file's kind, so that the file can be verified like any other output. A
 * generator never writes such files itself.
 */
public interface FitFiles {
    /** The content of a file: written to the stream it is given, which it must not close. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A file written.
     *
     * @param file   where
     * @param sha256 the SHA-256 of its bytes, in lower-case hex
     */
    record Written(Path file, String sha256) {
    }

    /**
     * Writes {@code content} to {@code file} all or nothing (a failure or a killed process leaves an earlier file
     * there as it was), and records it.
     *
     * @param file    where the user asked for the file (a parameter's value)
     * @param kind    what the file is, in lower case ({@code checkpoint}): the name of the lineage step that
     *                records it
     * @param details what the record says about this file besides its digest ({@code epoch} = 10), as text
     * @param content the bytes
     */
    Written write(Path file, String kind, Map<String, String> details, Content content);

    /**
     * Writes files atomically and records nothing: what a generator fitted outside an engine (in its own tests, or
     * by a {@link FitContext} made without files) gets.
     */
    FitFiles UNRECORDED = (file, kind, details, content) -> writeAtomically(file, content);

    /** How much content is gathered before it is hashed and written. */
    int BUFFER_BYTES = 1 << 20;

    /** Writes {@code content} to {@code file} all or nothing, hashing the bytes as they go. */
    static Written writeAtomically(Path file, Content content) {
        MessageDigest sha = Sha256.digester();
        AtomicFile.write(file, temporary -> {
            sha.reset();
            try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(temporary), sha),
                    BUFFER_BYTES)) {
                content.writeTo(out);
            }
        });
        return new Written(file, HexFormat.of().formatHex(sha.digest()));
    }
}
