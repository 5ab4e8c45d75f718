package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.io.AtomicFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public keys a verifier accepts, by key id. A trust file is JSON:
 * {@code {"keys": [{"keyid": "...", "name": "...", "publicKey": "<PEM>"}]}}. By default a verifier trusts the
 * local signing key plus the keys in {@code trusted-keys.json} beside the key directory; {@code --trust FILE}
 * makes it trust that file's keys and nothing else.
 */
public final class TrustStore {
    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    /** The raw public key for a key id, or {@code null} if the key is not trusted. */
    public byte[] key(String keyId) {
        return keys.get(keyId);
    }

    public String name(String keyId) {
        return names.getOrDefault(keyId, keyId.substring(0, Math.min(12, keyId.length())));
    }

    public int size() {
        return keys.size();
    }

    /** Trusts a raw public key under a name. */
    public TrustStore add(byte[] rawPublicKey, String name) {
        String id = SigningKey.keyId(rawPublicKey);
        keys.put(id, rawPublicKey.clone());
        names.put(id, name);
        return this;
    }

    /** Reads a trust file; a {@link BadInputException} naming it if it is malformed. */
    public static TrustStore read(Path file) {
        TrustStore t = new TrustStore();
        t.merge(file);
        return t;
    }

    /** The default trust: the local key and the local trusted-keys.json, if present. */
    public static TrustStore standard(KeyStore keys) {
        TrustStore t = new TrustStore();
        if (keys.exists()) {
            t.add(keys.signingKey().publicKeyBytes(), "local key");
        }
        Path file = trustFile(keys);
        if (Files.exists(file)) {
            t.merge(file);
        }
        return t;
    }

    /** The local trust file: {@code trusted-keys.json} beside the key directory. */
    public static Path trustFile(KeyStore keys) {
        return keys.dir().resolveSibling("trusted-keys.json");
    }

    private void merge(Path file) {
        JsonNode root = JsonInput.read(file, "trust file");
        if (!root.path("keys").isArray()) {
            throw new BadInputException(file + ": a trust file needs a \"keys\" array");
        }
        for (JsonNode k : root.path("keys")) {
            byte[] raw;
            try {
                raw = SigningKey.publicKeyFromPem(k.path("publicKey").asText());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": key '" + k.path("name").asText() + "' is not an Ed25519 public key");
            }
            String id = SigningKey.keyId(raw);
            if (k.has("keyid") && !k.path("keyid").asText().equals(id)) {
                throw new BadInputException(file + ": key '" + k.path("name").asText() + "' has keyid "
                        + k.path("keyid").asText() + " but its public key gives " + id);
            }
            add(raw, k.path("name").asText(id.substring(0, 12)));
        }
    }

    /**
     * What {@link #addToFile} did.
     *
     * @param keyId        the key's id
     * @param previousName the name it was trusted under before, or {@code null} if it was not trusted
     */
    public record Added(String keyId, String previousName) {
    }

    /**
     * Adds a PEM public key to a trust file (created if missing), atomically. A key already there keeps its
     * place and takes the new name; if the name is the same too, the file is left as it is.
     */
    public static Added addToFile(Path file, String publicKeyPem, String name) {
        byte[] raw = SigningKey.publicKeyFromPem(publicKeyPem);
        String id = SigningKey.keyId(raw);
        ObjectNode root = Dsse.JSON.createObjectNode();
        ArrayNode arr = root.putArray("keys");
        String previous = null;
        if (Files.exists(file)) {
            TrustStore existing = read(file);
            previous = existing.names.get(id);
            if (name.equals(previous)) {
                return new Added(id, previous);
            }
            existing.keys.forEach((k, v) -> arr.addObject().put("keyid", k)
                    .put("name", k.equals(id) ? name : existing.names.get(k)).put("publicKey", SigningKey.publicKeyPem(v)));
        }
        if (previous == null) {
            arr.addObject().put("keyid", id).put("name", name).put("publicKey", publicKeyPem);
        }
        AtomicFile.write(file, tmp -> Dsse.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root));
        return new Added(id, previous);
    }
}
