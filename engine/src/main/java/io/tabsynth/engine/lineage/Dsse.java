package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.JsonOutput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Dead Simple Signing Envelopes (DSSE v1): the signature covers the pre-authentication encoding
 * {@code "DSSEv1" SP len(type) SP type SP len(body) SP body} of the payload type and the payload bytes.
 * Envelopes are JSON: {@code {"payloadType", "payload" (base64), "signatures": [{"keyid", "sig" (base64)}]}}.
 */
public final class Dsse {
    /** The payload type of in-toto statements. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    /** The mapper for lineage JSON (envelopes, statements, sidecars). */
    public static final ObjectMapper JSON = JsonOutput.mapper();

    private Dsse() {
    }

    /** The pre-authentication encoding of a payload. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** An envelope holding the payload, signed with the key. */
    public static ObjectNode sign(String payloadType, byte[] payload, SigningKey key) {
        return Envelope.sign(payloadType, payload, key).toJson();
    }

    /** The payload bytes of an envelope. */
    public static byte[] payload(JsonNode envelope) {
        return Base64.getDecoder().decode(envelope.path("payload").asText());
    }
}
