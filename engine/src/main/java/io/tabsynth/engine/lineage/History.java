package io.tabsynth.engine.lineage;

import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's history as a readable tree, from its sidecar: which step made it, with which extension, plugin,
 * parameters, seed and results, from which inputs, and recursively how those were made.
 */
public final class History {
    private static final int SHORT_HEX = 16;
    private static final int SHORT_KEY_ID = 12;

    private final List<SignedRecord> records;
    /** The index of the record that made each digest. */
    private final Map<String, Integer> producer = new HashMap<>();

    private History(List<SignedRecord> records) {
        this.records = records;
        for (int i = 0; i < records.size(); i++) {
            for (Artifact s : records.get(i).subjects()) {
                producer.put(s.sha256(), i);
            }
        }
    }

    /** The tree for a file; a {@link BadInputException} if it has no sidecar or a record cannot be read. */
    public static String of(Path file) {
        if (!java.nio.file.Files.exists(file) && !java.nio.file.Files.exists(Sidecar.of(file))) {
            throw new BadInputException(file + ": file not found");
        }
        List<SignedRecord> records = Sidecar.records(file);
        if (records.isEmpty()) {
            throw new BadInputException(file + ": has no lineage sidecar " + Sidecar.of(file).getFileName());
        }
        History h = new History(records);
        SignedRecord last = records.get(records.size() - 1);
        Artifact subject = last.subjectNamed(Sidecar.recordedName(file));
        if (subject == null && !last.subjects().isEmpty()) {
            subject = last.subjects().get(0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(file.getFileName()).append("  ").append(describe(subject)).append('\n');
        h.step(sb, records.size() - 1, "");
        return sb.toString();
    }

    private void step(StringBuilder sb, int index, String indent) {
        Step p = records.get(index).step();
        String keyId = records.get(index).keyId();
        sb.append(indent).append("└─ ").append(p.step()).append(" by ").append(p.extension())
                .append(" (").append(p.pluginId()).append(' ').append(p.pluginVersion()).append(')');
        if (p.seed() != null) {
            sb.append(", seed ").append(p.seed());
        }
        sb.append(", ").append(p.finished()).append(", key ")
                .append(keyId, 0, Math.min(SHORT_KEY_ID, keyId.length())).append('\n');
        String inner = indent + "   ";
        if (!p.parameters().isEmpty()) {
            sb.append(inner).append("parameters: ").append(pairs(p.parameters())).append('\n');
        }
        if (!p.results().isEmpty()) {
            sb.append(inner).append("results: ").append(pairs(p.results())).append('\n');
        }
        if (p.fitsRealData()) {
            sb.append(inner).append("privacy: ").append(FitPrivacy.inWords(p)).append('\n');
        }
        List<Artifact> inputs = p.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Artifact in = inputs.get(i);
            boolean lastInput = i == inputs.size() - 1;
            sb.append(inner).append(lastInput ? "└─ " : "├─ ").append(in.role()).append(' ')
                    .append(in.path()).append("  ").append(describe(in)).append('\n');
            Integer made = producer.get(in.sha256());
            if (made != null && made < index) {
                step(sb, made, inner + (lastInput ? "   " : "│  "));
            }
        }
    }

    /** "sha256 ab12…, 1,000 rows, content cd34…"; just "sha256 " for a record that names no subject. */
    private static String describe(Artifact a) {
        if (a == null) {
            return "sha256 ";
        }
        StringBuilder sb = new StringBuilder("sha256 ").append(shortHex(a.sha256()));
        if (a.rows() >= 0) {
            sb.append(String.format(Locale.ROOT, ", %,d rows", a.rows()));
        }
        if (a.contentSha256() != null) {
            sb.append(", content ").append(shortHex(a.contentSha256()));
        }
        return sb.toString();
    }

    /** "k=v, ..." in name order; values that are lists or maps (column models, rare-value notes) stay in the record. */
    private static String pairs(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<>(values).entrySet()) {
            if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                    .append(Dsse.JSON.valueToTree(e.getValue()).asText());
        }
        return sb.toString();
    }

    /** The first hex digits of a digest and "…", as people read digests ("ab12cd34ef56ab12…"). */
    public static String shortHex(String hex) {
        return hex.length() > SHORT_HEX ? hex.substring(0, SHORT_HEX) + "…" : hex;
    }
}
