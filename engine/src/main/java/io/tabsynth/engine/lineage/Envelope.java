package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope, typed: the payload type, the payload bytes and the signatures, read and written in one way
 * ({@link Dsse} has the encoding). Reading checks the shape only; whether a signature verifies, and with a
 * trusted key, is the {@link Verifier}'s question.
 */
public final class Envelope {
    private final String payloadType;
    private final byte[] payload;
    private final List<Signature> signatures;

    /**
     * One signature of an envelope.
     *
     * @param keyId the signing key's id
     * @param sig   the signature, base64 as written
     */
    public record Signature(String keyId, String sig) {
        /** The signature's bytes; empty when {@link #sig} is not canonical base64 (such a signature verifies nothing). */
        public byte[] bytes() {
            try {
                byte[] bytes = Base64.getDecoder().decode(sig);
                return Base64.getEncoder().encodeToString(bytes).equals(sig) ? bytes : new byte[0];
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
    }

    private Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        this.payloadType = payloadType;
        this.payload = payload.clone();
        this.signatures = List.copyOf(signatures);
    }

    /** The envelope holding the payload, signed with the key. */
    public static Envelope sign(String payloadType, byte[] payload, SigningKey key) {
        String sig = Base64.getEncoder().encodeToString(key.sign(Dsse.pae(payloadType, payload)));
        return new Envelope(payloadType, payload, List.of(new Signature(key.keyId(), sig)));
    }

    /**
     * Reads an envelope of the expected payload type; a {@link BadInputException} "WHERE: what is wrong" when its
     * payload type differs, its payload is not canonical base64, or it has no signature.
     */
    public static Envelope parse(JsonNode json, String expectedType, String where) {
        if (!expectedType.equals(json.path("payloadType").asText())) {
            throw new BadInputException(where + ": payload type is not " + expectedType);
        }
        String text = json.path("payload").asText();
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": payload is not base64");
        }
        if (!Base64.getEncoder().encodeToString(payload).equals(text)) {
            throw new BadInputException(where + ": payload is not canonical base64");
        }
        JsonNode sigs = json.path("signatures");
        if (!sigs.isArray() || sigs.isEmpty()) {
            throw new BadInputException(where + ": has no signature");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : sigs) {
            signatures.add(new Signature(s.path("keyid").asText(), s.path("sig").asText()));
        }
        return new Envelope(expectedType, payload, signatures);
    }

    public String payloadType() {
        return payloadType;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public List<Signature> signatures() {
        return signatures;
    }

    /** The bytes every signature covers: the pre-authentication encoding of type and payload. */
    public byte[] signedBytes() {
        return Dsse.pae(payloadType, payload);
    }

    /** Whether it has a signature and every signature verifies with a key the trust store holds. */
    public boolean signedByTrusted(TrustStore trust) {
        for (Signature s : signatures) {
            byte[] key = trust.key(s.keyId());
            if (key == null || !SigningKey.verify(key, signedBytes(), s.bytes())) {
                return false;
            }
        }
        return !signatures.isEmpty();
    }

    /** The envelope as JSON: {@code {"payloadType", "payload", "signatures": [{"keyid", "sig"}]}}. */
    public ObjectNode toJson() {
        ObjectNode env = Dsse.JSON.createObjectNode();
        env.put("payloadType", payloadType);
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        var arr = env.putArray("signatures");
        for (Signature s : signatures) {
            arr.addObject().put("keyid", s.keyId()).put("sig", s.sig());
        }
        return env;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && payloadType.equals(e.payloadType) && Arrays.equals(payload, e.payload)
                && signatures.equals(e.signatures);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * payloadType.hashCode() + Arrays.hashCode(payload)) + signatures.hashCode();
    }
}
