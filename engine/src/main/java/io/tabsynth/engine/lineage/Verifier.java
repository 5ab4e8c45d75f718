package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks lineage: every envelope is in canonical form and signed by a trusted key, every statement is an
 * in-toto v1 statement of tabsynth's predicate; for a file, that its sidecar links each record to the ones
 * before it and that the file still has the digest of the last record; for a ledger, the chain of previous
 * digests and sequence numbers, the signed head, and the digests of subject files that still exist.
 */
public final class Verifier {
    private final TrustStore trust;

    public Verifier(TrustStore trust) {
        this.trust = trust;
    }

    /**
     * Verifies a file against its {@code FILE.lineage.json}. A file renamed together with its sidecar is checked
     * under the name its lineage recorded, and the rename is a note, not a problem. A model that the chain uses
     * but no record in it made (a model of unknown origin) is named in {@link Verification#unreached()}.
     */
    public Verification verifyFile(Path file) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        Path side = Sidecar.of(file);
        if (!Files.exists(file)) {
            return new Verification(file.toString(), 0, List.of(file + ": file not found"), notes);
        }
        if (!Files.exists(side)) {
            return new Verification(file.toString(), 0, List.of(file + ": has no lineage sidecar " + side.getFileName()), notes);
        }
        List<JsonNode> records;
        String name = file.getFileName().toString();
        try {
            byte[] bytes = Files.readAllBytes(side);
            JsonNode root = Dsse.JSON.readTree(bytes);
            records = new ArrayList<>();
            root.path("records").forEach(records::add);
            name = root.path("subject").asText(name);
            if (!Arrays.equals(bytes, Sidecar.encode(name, records))) {
                problems.add(side + ": not in canonical form (changed after it was written)");
            }
        } catch (IOException e) {
            return new Verification(file.toString(), 0, List.of(side + ": not valid JSON: " + e.getMessage()), notes);
        }
        if (records.isEmpty()) {
            problems.add(side + ": holds no records");
        }
        Set<String> produced = new HashSet<>();
        JsonNode last = null;
        for (int i = 0; i < records.size(); i++) {
            String where = side.getFileName() + " record " + (i + 1);
            JsonNode st = statement(records.get(i), where, problems);
            if (st == null) {
                continue;
            }
            where += " (" + st.path("predicate").path("step").asText() + ")";
            boolean unknownModel = false;
            for (JsonNode in : st.path("predicate").path("inputs")) {
                String digest = in.path("digest").path("sha256").asText();
                if (Artifact.MODEL_ROLE.equals(in.path("role").asText()) && !produced.contains(digest)) {
                    unknownModel = true;
                    unreached.add(where + " used the model " + in.path("name").asText() + " (sha256 " + digest
                            + "), which no earlier record made: its fit, and the data it learned from, are not recorded");
                }
            }
            if (i > 0 && !unknownModel) {
                boolean linked = false;
                for (JsonNode in : st.path("predicate").path("inputs")) {
                    linked |= produced.contains(in.path("digest").path("sha256").asText());
                }
                if (!linked) {
                    problems.add(where + ": none of its inputs is an output of an earlier record; the chain is broken");
                }
            }
            for (Map.Entry<String, String> s : Statement.subjects(st)) {
                produced.add(s.getValue());
            }
            last = st;
        }
        if (last != null) {
            String actual = Sha256.file(file);
            String expected = null;
            for (Map.Entry<String, String> s : Statement.subjects(last)) {
                if (Path.of(s.getKey()).getFileName().toString().equals(name)) {
                    expected = s.getValue();
                }
            }
            if (expected == null) {
                problems.add(side.getFileName() + " record " + records.size() + ": does not name " + name + " as a subject");
            } else if (!expected.equals(actual)) {
                problems.add(file + ": sha256 is " + actual + " but record " + records.size() + " signed " + expected
                        + "; the file has changed");
            } else if (!name.equals(file.getFileName().toString())) {
                notes.add(file.getFileName() + " was named " + name + " when its lineage was written; it was renamed "
                        + "together with its sidecar, and its content is the one the records signed");
            }
        }
        return new Verification(file.toString(), records.size(), problems, notes, unreached);
    }

    /** Verifies a ledger: signatures, chain, sequence, signed head, and subject files that still exist. */
    public Verification verifyLedger(Path ledgerFile) {
        Ledger ledger = new Ledger(ledgerFile);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> lines;
        try {
            lines = ledger.lines();
        } catch (RuntimeException e) {
            return new Verification(ledgerFile.toString(), 0, List.of(e.getMessage()), notes);
        }
        Path base = ledger.file().getParent().getParent();
        String previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String where = ledgerFile.getFileName() + " line " + (i + 1);
            String line = lines.get(i);
            JsonNode env;
            try {
                env = Dsse.JSON.readTree(line);
                if (!Dsse.JSON.writeValueAsString(env).equals(line)) {
                    problems.add(where + ": not in canonical form (the line was changed)");
                }
            } catch (IOException e) {
                problems.add(where + ": not valid JSON");
                previous = Ledger.digest(line);
                continue;
            }
            JsonNode st = statement(env, where, problems);
            if (st != null) {
                JsonNode p = st.path("predicate");
                where += " (" + p.path("step").asText() + ")";
                String prev = p.path("previousRecord").isNull() ? null : p.path("previousRecord").asText();
                if (!java.util.Objects.equals(prev, previous)) {
                    problems.add(where + ": previous-record digest does not match line " + i
                            + "; a record was removed, inserted or reordered");
                }
                if (p.path("sequence").asLong(-1) != i) {
                    problems.add(where + ": sequence number " + p.path("sequence").asLong(-1) + " where " + i
                            + " was expected; a record was removed or reordered");
                }
                for (Map.Entry<String, String> s : Statement.subjects(st)) {
                    Path f = Path.of(s.getKey());
                    Path found = Files.exists(f) ? f : base.resolve(s.getKey());
                    if (!Files.exists(found)) {
                        notes.add(where + ": " + s.getKey() + " is no longer present");
                    } else if (!Sha256.file(found).equals(s.getValue())) {
                        problems.add(where + ": " + found + " no longer has the digest this record signed; the file has changed");
                    }
                }
            }
            previous = Ledger.digest(line);
        }
        checkHead(ledger, lines.size(), previous, problems);
        return new Verification(ledgerFile.toString(), lines.size(), problems, notes);
    }

    private void checkHead(Ledger ledger, int count, String lastDigest, List<String> problems) {
        Path head = ledger.head();
        if (!Files.exists(head)) {
            if (count > 0) {
                problems.add(head.getFileName() + ": missing; the ledger's length cannot be confirmed");
            }
            return;
        }
        try {
            String text = Files.readString(head, StandardCharsets.UTF_8);
            JsonNode env = Dsse.JSON.readTree(text);
            if (!(Dsse.JSON.writeValueAsString(env) + "\n").equals(text) || !Ledger.HEAD_TYPE.equals(env.path("payloadType").asText())
                    || !signedByTrusted(env)) {
                problems.add(head.getFileName() + ": not a valid signed ledger head");
                return;
            }
            JsonNode h = Dsse.JSON.readTree(Dsse.payload(env));
            if (h.path("records").asLong() != count || !h.path("last").asText().equals(lastDigest)) {
                problems.add(head.getFileName() + ": signed for " + h.path("records").asLong() + " records but the ledger has "
                        + count + (h.path("records").asLong() > count ? "; records were removed from the end" : ""));
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(head.getFileName() + ": not a valid signed ledger head");
        }
    }

    /** Checks an envelope and returns its statement, or {@code null} after adding the problem. */
    private JsonNode statement(JsonNode env, String where, List<String> problems) {
        if (!Dsse.IN_TOTO.equals(env.path("payloadType").asText())) {
            problems.add(where + ": payload type is not " + Dsse.IN_TOTO);
            return null;
        }
        byte[] payload;
        try {
            payload = Dsse.payload(env);
            if (!Base64.getEncoder().encodeToString(payload).equals(env.path("payload").asText())) {
                problems.add(where + ": payload is not canonical base64");
                return null;
            }
        } catch (IllegalArgumentException e) {
            problems.add(where + ": payload is not base64");
            return null;
        }
        JsonNode sigs = env.path("signatures");
        if (!sigs.isArray() || sigs.isEmpty()) {
            problems.add(where + ": has no signature");
            return null;
        }
        for (JsonNode s : sigs) {
            String keyId = s.path("keyid").asText();
            byte[] key = trust.key(keyId);
            if (key == null) {
                problems.add(where + ": signed by key " + keyId + ", which is not trusted");
                return null;
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(s.path("sig").asText());
            } catch (IllegalArgumentException e) {
                sig = new byte[0];
            }
            if (!Base64.getEncoder().encodeToString(sig).equals(s.path("sig").asText())
                    || !SigningKey.verify(key, Dsse.pae(Dsse.IN_TOTO, payload), sig)) {
                problems.add(where + ": signature does not verify with key " + trust.name(keyId) + " (" + keyId + ")");
                return null;
            }
        }
        try {
            JsonNode st = Dsse.JSON.readTree(payload);
            if (!Statement.TYPE.equals(st.path("_type").asText()) || !Statement.PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
                problems.add(where + ": not a tabsynth lineage statement");
                return null;
            }
            return st;
        } catch (IOException e) {
            problems.add(where + ": payload is not JSON");
            return null;
        }
    }

    private boolean signedByTrusted(JsonNode env) {
        byte[] payload = Dsse.payload(env);
        for (JsonNode s : env.path("signatures")) {
            byte[] key = trust.key(s.path("keyid").asText());
            if (key == null || !SigningKey.verify(key, Dsse.pae(env.path("payloadType").asText(), payload),
                    Base64.getDecoder().decode(s.path("sig").asText()))) {
                return false;
            }
        }
        return env.path("signatures").size() > 0;
    }
}
