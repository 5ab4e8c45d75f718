package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.JsonOutput;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.data.WrittenForm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model file format, version 1 (documented in docs/model-format.md): a first line
 * {@code TABSYNTH-MODEL 1}, a second line holding one JSON header object (generator, plugin id and
 * version, engine version, parameters, seed, schema, payload length and SHA-256), then the generator's
 * own payload bytes. The header lets any tabsynth find the plugin that can load the model and refuse a
 * damaged file before handing it to that plugin.
 */
final class ModelFile {
    static final String MAGIC = "TABSYNTH-MODEL 1";
    private static final ObjectMapper JSON = JsonOutput.mapper();

    private ModelFile() {
    }

    /** The complete file bytes for a model. */
    static byte[] encode(ModelInfo info, byte[] payload) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "tabsynth-model");
        h.put("formatVersion", 1);
        h.put("generator", info.generator());
        h.putObject("plugin").put("id", info.pluginId()).put("version", info.pluginVersion());
        h.put("engineVersion", info.engineVersion());
        ObjectNode params = h.putObject("params");
        new java.util.TreeMap<>(info.params()).forEach(params::put);
        h.put("seed", info.seed());
        h.put("rows", info.rows());
        h.set("schema", info.schema().toJson());
        if (info.constraints() != null) {
            h.set("constraints", info.constraints());
        }
        if (!info.writtenForm().columns().isEmpty()) {
            h.set("writtenForm", info.writtenForm().toJson());
        }
        if (info.rareValues() != null) {
            h.set("rareValues", info.rareValues());
        }
        h.put("payloadBytes", payload.length);
        h.put("payloadSha256", sha256(payload));
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 4096);
        try {
            out.write((MAGIC + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(JSON.writeValueAsBytes(h));
            out.write('\n');
            out.write(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A decoded file: header and verified payload. */
    record Decoded(ModelInfo info, byte[] payload) {
    }

    static Decoded decode(String name, byte[] bytes) {
        int first = indexOf(bytes, 0);
        if (first < 0 || !new String(bytes, 0, first, StandardCharsets.UTF_8).equals(MAGIC)) {
            throw new BadInputException(name + ": not a tabsynth model file (it must start with '" + MAGIC + "')");
        }
        int second = indexOf(bytes, first + 1);
        if (second < 0) {
            throw new BadInputException(name + ": model file is truncated (no header line)");
        }
        JsonNode h;
        try {
            h = JSON.readTree(new ByteArrayInputStream(bytes, first + 1, second - first - 1));
        } catch (IOException e) {
            throw new BadInputException(name + ": model header is not valid JSON: " + e.getMessage(), e);
        }
        byte[] payload = java.util.Arrays.copyOfRange(bytes, second + 1, bytes.length);
        if (payload.length != h.path("payloadBytes").asLong(-1)) {
            throw new BadInputException(name + ": model file is damaged: payload has " + payload.length
                    + " bytes, the header says " + h.path("payloadBytes").asLong(-1));
        }
        if (!sha256(payload).equals(h.path("payloadSha256").asText())) {
            throw new BadInputException(name + ": model file is damaged: payload digest does not match its header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : h.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        ModelInfo info = new ModelInfo(h.path("generator").asText(), h.path("plugin").path("id").asText(),
                h.path("plugin").path("version").asText(), h.path("engineVersion").asText(), params,
                h.path("seed").asLong(), Schema.fromJson(h.path("schema")), h.path("rows").asLong(),
                h.hasNonNull("constraints") ? h.get("constraints") : null,
                h.hasNonNull("rareValues") ? h.get("rareValues") : null,
                writtenForm(name, h.get("writtenForm")));
        return new Decoded(info, payload);
    }

    /** The header's written form; none in a file saved before forms were learned. */
    private static WrittenForm writtenForm(String name, JsonNode node) {
        try {
            return WrittenForm.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": model header 'writtenForm': " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
