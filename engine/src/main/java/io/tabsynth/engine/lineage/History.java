package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's history as a readable tree, from its sidecar: which step made it, with which extension, plugin,
 * parameters, seed and results, from which inputs, and recursively how those were made.
 */
public final class History {
    private final List<JsonNode> statements = new ArrayList<>();
    private final List<String> keyIds = new ArrayList<>();
    private final Map<String, Integer> producer = new HashMap<>();

    private History(List<JsonNode> envelopes) {
        for (JsonNode env : envelopes) {
            try {
                JsonNode st = Dsse.JSON.readTree(Dsse.payload(env));
                for (Map.Entry<String, String> s : Statement.subjects(st)) {
                    producer.put(s.getValue(), statements.size());
                }
                statements.add(st);
                keyIds.add(env.path("signatures").path(0).path("keyid").asText());
            } catch (IOException | IllegalArgumentException e) {
                throw new BadInputException("a lineage record cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** The tree for a file; a {@link BadInputException} if it has no sidecar. */
    public static String of(Path file) {
        List<JsonNode> records = Sidecar.read(file);
        if (records.isEmpty()) {
            throw new BadInputException(file + ": has no lineage sidecar " + Sidecar.of(file).getFileName());
        }
        History h = new History(records);
        StringBuilder sb = new StringBuilder();
        JsonNode last = h.statements.get(h.statements.size() - 1);
        JsonNode subject = null;
        for (JsonNode s : last.path("subject")) {
            if (Path.of(s.path("name").asText()).getFileName().toString().equals(Sidecar.recordedName(file))) {
                subject = s;
            }
        }
        sb.append(file.getFileName()).append("  ").append(describe(subject == null ? last.path("subject").path(0) : subject))
                .append('\n');
        h.step(sb, h.statements.size() - 1, "");
        return sb.toString();
    }

    private void step(StringBuilder sb, int index, String indent) {
        JsonNode p = statements.get(index).path("predicate");
        sb.append(indent).append("└─ ").append(p.path("step").asText()).append(" by ").append(p.path("extension").asText())
                .append(" (").append(p.path("plugin").path("id").asText()).append(' ')
                .append(p.path("plugin").path("version").asText()).append(')');
        if (!p.path("seed").isNull()) {
            sb.append(", seed ").append(p.path("seed").asLong());
        }
        sb.append(", ").append(p.path("finishedOn").asText()).append(", key ")
                .append(keyIds.get(index), 0, Math.min(12, keyIds.get(index).length())).append('\n');
        String inner = indent + "   ";
        if (p.path("parameters").size() > 0) {
            sb.append(inner).append("parameters: ").append(pairs(p.path("parameters"))).append('\n');
        }
        JsonNode results = p.path("results");
        if (results.size() > 0) {
            sb.append(inner).append("results: ").append(pairs(results)).append('\n');
        }
        JsonNode inputs = p.path("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode in = inputs.get(i);
            boolean lastInput = i == inputs.size() - 1;
            sb.append(inner).append(lastInput ? "└─ " : "├─ ").append(in.path("role").asText()).append(' ')
                    .append(in.path("name").asText()).append("  ").append(describe(in)).append('\n');
            Integer made = producer.get(in.path("digest").path("sha256").asText());
            if (made != null && made < index) {
                step(sb, made, inner + (lastInput ? "   " : "│  "));
            }
        }
    }

    private static String describe(JsonNode descriptor) {
        StringBuilder sb = new StringBuilder("sha256 ").append(shortHex(descriptor.path("digest").path("sha256").asText()));
        JsonNode ann = descriptor.path("annotations");
        if (ann.has("rows")) {
            sb.append(String.format(java.util.Locale.ROOT, ", %,d rows", ann.path("rows").asLong()));
        }
        if (ann.has("contentSha256")) {
            sb.append(", content ").append(shortHex(ann.path("contentSha256").asText()));
        }
        return sb.toString();
    }

    private static String pairs(JsonNode obj) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (e.getValue().isContainerNode()) { // details (column models, rare-value notes) stay in the record
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
        }
        return sb.toString();
    }

    private static String shortHex(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "…" : hex;
    }
}
