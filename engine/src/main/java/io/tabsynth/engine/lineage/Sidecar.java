package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.run.AtomicFile;
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

    /** The canonical bytes of a sidecar. */
    static byte[] encode(Path file, List<JsonNode> records) {
        ObjectNode root = Dsse.JSON.createObjectNode();
        root.put("subject", file.getFileName().toString());
        ArrayNode arr = root.putArray("records");
        records.forEach(arr::add);
        try {
            return (Dsse.JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path file, List<JsonNode> records) {
        byte[] bytes = encode(file, records);
        AtomicFile.write(of(file), tmp -> Files.write(tmp, bytes));
    }

    /** The records of a file's sidecar; empty if it has none. A malformed sidecar is a {@link BadInputException}. */
    public static List<JsonNode> read(Path file) {
        Path side = of(file);
        if (!Files.exists(side)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Dsse.JSON.readTree(Files.readAllBytes(side));
        } catch (IOException e) {
            throw new BadInputException(side + ": not a valid lineage sidecar: " + e.getMessage(), e);
        }
        List<JsonNode> out = new ArrayList<>();
        root.path("records").forEach(out::add);
        return out;
    }
}
