package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What only people can say about a dataset, read from a small JSON file ({@code --card-info}): every field
 * is optional text. Keys: {@code title}, {@code purpose}, {@code origin} (where the real data came from),
 * {@code collection} (how it was collected), {@code dataSubjects} (whose records the real data holds, in plain
 * words), {@code excluded} (what was left out on purpose), {@code assumptions}, {@code biasMitigation}, {@code gaps},
 * {@code personalData}, {@code intendedUse}, {@code contact}, {@code license}.
 */
public record CardInfo(JsonNode fields) {
    static final Set<String> KEYS = Set.of("title", "purpose", "origin", "collection", "dataSubjects", "excluded",
            "assumptions", "biasMitigation", "gaps", "personalData", "intendedUse", "contact", "license");

    /** No user-supplied fields. */
    public static CardInfo none() {
        return new CardInfo(new ObjectMapper().createObjectNode());
    }

    /** Reads the file; unknown keys and non-text values are a {@link BadInputException} naming them. */
    public static CardInfo read(Path file) {
        JsonNode root = JsonInput.read(file, "card info file");
        if (!root.isObject()) {
            throw new BadInputException(file + ": card info must be a JSON object");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new BadInputException(file + ": unknown card info field '" + k + "' (fields: " + KEYS + ")");
            }
            if (!root.get(k).isTextual()) {
                throw new BadInputException(file + ": card info field '" + k + "' must be text");
            }
        });
        return new CardInfo(root);
    }

    /**
     * These fields, with what a charter declares filling those the card info leaves out: its purpose as the
     * purpose, and its approved uses and audiences as the intended use.
     */
    public CardInfo withCharter(CharterWords charter) {
        ObjectNode filled = fields.deepCopy();
        if (get("purpose", null) == null && !charter.purpose().isBlank()) {
            filled.put("purpose", charter.purpose());
        }
        List<String> uses = charter.approvedUses();
        List<String> audiences = charter.audiences();
        if (get("intendedUse", null) == null && !(uses.isEmpty() && audiences.isEmpty())) {
            String use = (uses.isEmpty() ? "the uses the charter " + charter.name() + " approves"
                    : String.join("; ", uses)) + (audiences.isEmpty() ? "" : ", by " + String.join("; ", audiences));
            filled.put("intendedUse", use + " (from the charter " + charter.name() + ")");
        }
        return new CardInfo(filled);
    }

    /** The field's text, or the fallback (which may be {@code null}) when it is absent or blank. */
    public String get(String key, String fallback) {
        JsonNode v = fields.get(key);
        return v == null || v.asText().isBlank() ? fallback : v.asText();
    }
}
