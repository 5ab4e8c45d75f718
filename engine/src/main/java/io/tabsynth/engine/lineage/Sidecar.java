package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code FILE.lineage.json}: the chain of signed records that produced a file, oldest first, enough to verify
 * it with no ledger at hand. Written in canonical compact JSON {@code {"subject": NAME, "records": [...]}},
 * so any changed byte is detectable.
 */
public final class Sidecar {
    public static final String SUFFIX = ".lineage.json";

    private Sidecar() {
    }

    /** The sidecar path of a file. */
    public static Path of(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** The canonical bytes of a sidecar for a file named {@code subject}. */
    static byte[] encode(String subject, List<JsonNode> records) {
        ObjectNode root = Dsse.JSON.createObjectNode();
        root.put("subject", subject);
        ArrayNode arr = root.putArray("records");
        records.forEach(arr::add);
        try {
            return (Dsse.JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, List<JsonNode> records) {
        byte[] bytes = encode(file.getFileName().toString(), records);
        AtomicFile.write(of(file), tmp -> Files.write(tmp, bytes));
    }

    /**
     * The records of a file's sidecar as JSON, unread, oldest first; empty if it has none. A sidecar that is not JSON
     * is a {@link BadInputException}.
     */
    public static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        root(file).path("records").forEach(out::add);
        return out;
    }

    /**
     * The records of a file's sidecar, oldest first; empty if it has none. A sidecar or record that cannot be read
     * is a {@link BadInputException} naming the sidecar, the record and what is wrong. Signatures are not checked
     * here; {@link Verifier} does that.
     */
    public static List<SignedRecord> records(Path file) {
        List<SignedRecord> out = new ArrayList<>();
        for (JsonNode envelope : read(file)) {
            out.add(SignedRecord.parse(envelope, where(file, out.size())));
        }
        return out;
    }

    /** "F.lineage.json record N", counting from 1: how messages name a sidecar's record. */
    public static String where(Path file, int index) {
        return of(file).getFileName() + " record " + (index + 1);
    }

    /**
     * The name the file had when its lineage was written: its own name, unless it was renamed together with its
     * sidecar since. A file with no sidecar has its own name.
     */
    public static String recordedName(Path file) {
        return root(file).path("subject").asText(file.getFileName().toString());
    }

    /**
     * Whether the file's sidecar has a record that made a file with this digest: false for a file with no sidecar,
     * or one changed since its lineage was written. Signatures are not checked here; {@link Verifier} does that.
     */
    public static boolean recordsMaking(Path file, String sha256) {
        return !historyOf(file, sha256).isEmpty();
    }

    /**
     * The file's sidecar records, read once, when one of them made a file with this digest; none when no record did
     * (no sidecar, a record that cannot be read, or a file changed since its lineage was written).
     */
    static List<JsonNode> historyOf(Path file, String sha256) {
        List<JsonNode> envelopes = read(file);
        for (int i = 0; i < envelopes.size(); i++) {
            try {
                if (SignedRecord.parse(envelopes.get(i), where(file, i)).made(sha256)) {
                    return envelopes;
                }
            } catch (BadInputException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private static JsonNode root(Path file) {
        Path side = of(file);
        if (!Files.exists(side)) {
            return Dsse.JSON.createObjectNode();
        }
        try {
            return Dsse.JSON.readTree(Files.readAllBytes(side));
        } catch (IOException e) {
            throw new BadInputException(side + ": not a valid lineage sidecar: " + e.getMessage(), e);
        }
    }
}
