package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.AtomicFile;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope that several people sign: a charter, a generation plan, a certificate (a release). Each signature
 * is DSSE's own ({@code keyid}, {@code sig} over the pre-authentication encoding of the payload), so any DSSE tool
 * verifies it; an approval adds {@code approvedOn} and {@code timeSig}, the same key's signature over
 * {@code {"approvedOn", "payloadSha256"}} (payload type {@value #APPROVAL_TYPE}), so the time of each approval is
 * signed too. The payload never changes; signatures are only added.
 */
public final class SignedDocument {
    /** The payload type of the signed approval time. */
    public static final String APPROVAL_TYPE = "application/vnd.tabsynth.approval+json";

    private final String where;
    private final ObjectNode json;

    /**
     * One signature of the document.
     *
     * @param keyId      the signing key's id
     * @param name       the key's name in the trust store (or its short id)
     * @param approvedOn when it was signed, as the signer signed it; {@code null} for a plain DSSE signature
     */
    public record Signer(String keyId, String name, Instant approvedOn) {
    }

    private SignedDocument(String where, ObjectNode json) {
        this.where = where;
        this.json = json;
    }

    /** A new document holding the payload, signed (with the time) by the key. */
    public static SignedDocument create(String payloadType, byte[] payload, SigningKey key, Instant now) {
        ObjectNode env = Dsse.JSON.createObjectNode();
        env.put("payloadType", payloadType);
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        env.putArray("signatures");
        SignedDocument doc = new SignedDocument("new document", env);
        doc.addSignature(key, now);
        return doc;
    }

    /** Reads a signed document; a {@link BadInputException} naming the file when it is not a DSSE envelope. */
    public static SignedDocument read(Path file) {
        String notSigned = file + " is not a signed plan, certificate or charter (a DSSE envelope: JSON with "
                + "payloadType, payload and signatures)";
        JsonNode root;
        try {
            root = Dsse.JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (JsonProcessingException e) {
            throw new BadInputException(notSigned);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read it: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("payloadType").isTextual() || !root.path("payload").isTextual()
                || !root.path("signatures").isArray()) {
            throw new BadInputException(notSigned);
        }
        SignedDocument doc = new SignedDocument(file.toString(), (ObjectNode) root);
        try {
            doc.payload();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": payload is not base64");
        }
        return doc;
    }

    /**
     * A signed document held in another (a retirement request in its record); a {@link BadInputException} naming
     * {@code where} when it is not a DSSE envelope.
     */
    public static SignedDocument of(JsonNode envelope, String where) {
        if (envelope == null || !envelope.isObject() || !envelope.path("payloadType").isTextual()
                || !envelope.path("payload").isTextual() || !envelope.path("signatures").isArray()) {
            throw new BadInputException(where + " is not a signed document (a DSSE envelope)");
        }
        return new SignedDocument(where, ((ObjectNode) envelope).deepCopy());
    }

    /** The envelope as JSON, signatures included (a copy). */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public String payloadType() {
        return json.path("payloadType").asText();
    }

    public byte[] payload() {
        return Base64.getDecoder().decode(json.path("payload").asText());
    }

    /** The SHA-256 of the payload: the document's identity, the same however many have signed it. */
    public String payloadSha256() {
        return Sha256.hex(payload());
    }

    /** The payload as JSON (an in-toto statement); a {@link BadInputException} when it is not JSON. */
    public JsonNode statement() {
        try {
            JsonNode st = Dsse.JSON.readTree(payload());
            if (st == null || !st.isObject()) {
                throw new BadInputException(where + ": the payload is not a JSON object");
            }
            return st;
        } catch (IOException e) {
            throw new BadInputException(where + ": the payload is not JSON");
        }
    }

    /** The key ids that signed it, in order. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        json.path("signatures").forEach(s -> ids.add(s.path("keyid").asText()));
        return ids;
    }

    /**
     * Adds the key's signature and signed time; refused when the key has signed already or an existing signature
     * does not verify over this payload ({@link #verify} with {@code trust}), or when the key itself is not trusted
     * (its signature could never be verified). Nothing is changed when it is refused.
     */
    public SignedDocument approve(SigningKey key, Instant now, TrustStore trust) {
        verify(trust);
        if (trust.key(key.keyId()) == null) {
            throw new VerificationException(where + ": key " + key.keyId() + " is not trusted, so its approval could not be "
                    + "verified; nothing was written (trust it with tabsynth keys trust)");
        }
        if (keyIds().contains(key.keyId())) {
            throw new BadInputException(where + ": key " + trust.name(key.keyId()) + " (" + key.keyId()
                    + ") has signed it already; a key signs once");
        }
        addSignature(key, now);
        return this;
    }

    private void addSignature(SigningKey key, Instant now) {
        byte[] sig = key.sign(Dsse.pae(payloadType(), payload()));
        String on = now.toString();
        ((ArrayNode) json.path("signatures")).addObject()
                .put("keyid", key.keyId())
                .put("sig", Base64.getEncoder().encodeToString(sig))
                .put("approvedOn", on)
                .put("timeSig", Base64.getEncoder().encodeToString(key.sign(timeMessage(on))));
    }

    private byte[] timeMessage(String approvedOn) {
        ObjectNode t = Dsse.JSON.createObjectNode().put("approvedOn", approvedOn).put("payloadSha256", payloadSha256());
        return Dsse.pae(APPROVAL_TYPE, t.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks every signature (and every signed time) with the trusted keys and returns the signers in order; a
     * {@link VerificationException} naming the document and the key when one is untrusted or does not verify.
     */
    public List<Signer> verify(TrustStore trust) {
        JsonNode sigs = json.path("signatures");
        if (sigs.isEmpty()) {
            throw new VerificationException(where + ": has no signature");
        }
        byte[] signed = Dsse.pae(payloadType(), payload());
        List<Signer> out = new ArrayList<>();
        for (JsonNode s : sigs) {
            String id = s.path("keyid").asText();
            byte[] key = trust.key(id);
            if (key == null) {
                throw new VerificationException(where + ": signed by key " + id + ", which is not trusted");
            }
            if (!SigningKey.verify(key, signed, decode(s.path("sig").asText()))) {
                throw new VerificationException(where + ": the signature of " + trust.name(id) + " (" + id
                        + ") does not verify; the document was changed after it was signed");
            }
            Instant on = null;
            if (s.has("approvedOn")) {
                String text = s.path("approvedOn").asText();
                if (!SigningKey.verify(key, timeMessage(text), decode(s.path("timeSig").asText()))) {
                    throw new VerificationException(where + ": the signed time of " + trust.name(id) + " (" + id
                            + ") does not verify");
                }
                try {
                    on = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new VerificationException(where + ": approvedOn '" + text + "' of " + trust.name(id)
                            + " is not a UTC time");
                }
            }
            out.add(new Signer(id, trust.name(id), on));
        }
        return out;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The document as written: indented JSON ({@link JsonOutput#pretty}). */
    public byte[] bytes() {
        return JsonOutput.pretty(json, "signed document");
    }

    /**
     * The bytes the document had before any approval was added: the signatures with a signed time removed. A
     * certificate approved after it was written is checked against its record this way.
     */
    public byte[] bytesBeforeApprovals() {
        ObjectNode copy = json.deepCopy();
        ArrayNode kept = copy.putArray("signatures");
        json.path("signatures").forEach(s -> {
            if (!s.has("approvedOn")) {
                kept.add(s);
            }
        });
        return JsonOutput.pretty(copy, "signed document");
    }

    /** Writes the document atomically. */
    public void write(Path out) {
        byte[] bytes = bytes();
        AtomicFile.write(out, tmp -> Files.write(tmp, bytes));
    }
}
