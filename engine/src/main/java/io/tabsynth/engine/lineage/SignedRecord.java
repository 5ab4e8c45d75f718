package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.util.List;

/**
 * One signed lineage record, typed: a DSSE {@link Envelope} holding the in-toto statement of a {@link Step}, whose
 * subjects are the step's outputs and whose inputs (materials) are {@link Artifact}s, with the record's place in the
 * ledger. Written by {@link #sign} and read by {@link #parse}, the one reader of ledger lines and sidecar records.
 * Parsing checks the shape, not the signatures: {@link Verifier} checks those.
 */
public final class SignedRecord {
    /** The sequence of a record that carries none. */
    public static final long NO_SEQUENCE = -1;

    private final Envelope envelope;
    private final JsonNode json;
    private final Step step;
    private final long sequence;
    private final String previousRecord;

    SignedRecord(Envelope envelope, JsonNode json, Step step, long sequence, String previousRecord) {
        this.envelope = envelope;
        this.json = json.deepCopy();
        this.step = step;
        this.sequence = sequence;
        this.previousRecord = previousRecord;
    }

    /**
     * The record of a step, signed with the key: the statement chains to the previous ledger line's digest
     * ({@code null} for the first) and carries its sequence number.
     */
    public static SignedRecord sign(Step step, String previousRecord, long sequence, SigningKey key) {
        byte[] payload;
        try {
            payload = Dsse.JSON.writeValueAsBytes(Statement.of(step, previousRecord, sequence));
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the lineage statement: " + e.getMessage(), e);
        }
        Envelope envelope = Envelope.sign(Dsse.IN_TOTO, payload, key);
        return Statement.read(envelope, envelope.toJson(), "the new lineage record");
    }

    /**
     * Reads a record from its envelope JSON; a {@link BadInputException} "WHERE: what is wrong" (e.g. "ledger.jsonl
     * line 3: payload is not base64") when it is not one. {@code where} names the file and the record in it.
     */
    public static SignedRecord parse(JsonNode envelope, String where) {
        return Statement.read(Envelope.parse(envelope, Dsse.IN_TOTO, where), envelope, where);
    }

    /** Reads a record from one line of JSON, as the ledger holds them. */
    public static SignedRecord parse(String line, String where) {
        JsonNode json;
        try {
            json = Dsse.JSON.readTree(line);
        } catch (IOException e) {
            throw new BadInputException(where + ": not valid JSON");
        }
        if (json == null) {
            throw new BadInputException(where + ": empty");
        }
        return parse(json, where);
    }

    /** Reads the statement of an envelope whose signatures were checked; as {@link #parse} for what is wrong. */
    static SignedRecord of(Envelope envelope, JsonNode json, String where) {
        return Statement.read(envelope, json, where);
    }

    /** The record as JSON, exactly as it was read or signed (for a ledger line or a sidecar). */
    public ObjectNode toJson() {
        return (ObjectNode) json.deepCopy();
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The step as recorded; its outputs are the statement's subjects, with role {@value Statement#SUBJECT_ROLE}. */
    public Step step() {
        return step;
    }

    /** The files the step wrote, with their digests. */
    public List<Artifact> subjects() {
        return step.outputs();
    }

    /** The subject whose file name is {@code fileName}, or {@code null}. */
    public Artifact subjectNamed(String fileName) {
        Artifact found = null;
        for (Artifact s : subjects()) {
            if (s.path().getFileName() != null && s.path().getFileName().toString().equals(fileName)) {
                found = s;
            }
        }
        return found;
    }

    /** Whether one of its subjects has this SHA-256. */
    public boolean made(String sha256) {
        return subjects().stream().anyMatch(s -> s.sha256().equals(sha256));
    }

    /** The record's ledger sequence number, or {@link #NO_SEQUENCE}. */
    public long sequence() {
        return sequence;
    }

    /** The digest of the ledger line before it, or {@code null} for the first. */
    public String previousRecord() {
        return previousRecord;
    }

    /** The id of the key of the first signature. */
    public String keyId() {
        return envelope.signatures().get(0).keyId();
    }

    /** Records are equal when their envelopes are: the same payload and signatures. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SignedRecord r && envelope.equals(r.envelope);
    }

    @Override
    public int hashCode() {
        return envelope.hashCode();
    }

    @Override
    public String toString() {
        return "SignedRecord[" + step.step() + " by " + step.extension() + ", sequence " + sequence + ", key " + keyId() + "]";
    }
}
