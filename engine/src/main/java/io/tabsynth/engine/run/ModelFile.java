package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.WrittenForm;
import io.tabsynth.spi.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model file format, version 2 (documented in docs/model-format.md): a first line
 * {@code TABSYNTH-MODEL 2 <sha256>}, whose digest covers every byte after that line; a second line holding one
 * JSON header object (generator, plugin id and version, engine version, parameters, seed, rows, schema,
 * the training data's name and content digest, payload length and SHA-256), then the generator's own payload bytes. The header lets any tabsynth find the
 * plugin that can load the model, and the digest lets it refuse a damaged or edited file, header included,
 * before handing it to that plugin. Version 1 files, whose header no digest covered, are refused.
 */
final class ModelFile {
    /** What the first line starts with, in every version. */
    static final String MAGIC = "TABSYNTH-MODEL";
    static final int VERSION = 2;
    private static final int OLD_VERSION = 1;
    private static final int HEX_DIGEST_LENGTH = 64;
    private static final ObjectMapper JSON = JsonOutput.mapper();

    private ModelFile() {
    }

    /** The complete file bytes for a model. */
    static byte[] encode(ModelInfo info, byte[] payload) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "tabsynth-model");
        h.put("formatVersion", VERSION);
        h.put("generator", info.generator());
        h.putObject("plugin").put("id", info.pluginId()).put("version", info.pluginVersion());
        h.put("engineVersion", info.engineVersion());
        ObjectNode params = h.putObject("params");
        new java.util.TreeMap<>(info.params()).forEach(params::put);
        h.put("seed", info.seed());
        if (info.rows() != ModelInfo.ROWS_NOT_RECORDED) {
            h.put("rows", info.rows());
        }
        if (info.trainingData() != null) {
            h.putObject("trainingData").put("name", info.trainingData().name())
                    .put("contentSha256", info.trainingData().contentSha256());
        }
        h.set("schema", info.schema().toJson());
        if (info.constraints() != null) {
            h.set("constraints", info.constraints());
        }
        if (info.constraintLanguage() != null) {
            ObjectNode language = h.putObject("constraintLanguage").put("id", info.constraintLanguage().id());
            language.putObject("plugin").put("id", info.constraintLanguage().pluginId())
                    .put("version", info.constraintLanguage().pluginVersion());
        }
        if (!info.writtenForm().columns().isEmpty()) {
            h.set("writtenForm", info.writtenForm().toJson());
        }
        if (info.rareValues() != null) {
            h.set("rareValues", info.rareValues());
        }
        h.put("payloadBytes", payload.length);
        h.put("payloadSha256", Sha256.hex(payload));
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(payload.length + 4096);
        try {
            sealed.write(JSON.writeValueAsBytes(h));
            sealed.write('\n');
            sealed.write(payload);
            byte[] body = sealed.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 100);
            out.write((MAGIC + " " + VERSION + " " + Sha256.hex(body) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A decoded file: header and verified payload. */
    record Decoded(ModelInfo info, byte[] payload) {
    }

    static Decoded decode(String name, byte[] bytes) {
        int first = indexOf(bytes, 0);
        String[] magic = first < 0 ? new String[0] : new String(bytes, 0, first, StandardCharsets.UTF_8).split(" ", -1);
        if (magic.length < 2 || !magic[0].equals(MAGIC)) {
            throw new BadInputException(name + ": not a tabsynth model file (it must start with '" + MAGIC + " "
                    + VERSION + "')");
        }
        if (magic[1].equals(Integer.toString(OLD_VERSION))) {
            throw new BadInputException(name + ": model file format " + OLD_VERSION + ", written by an earlier tabsynth "
                    + "whose digest did not cover the header; this version reads format " + VERSION
                    + " only: fit the model again");
        }
        if (!magic[1].equals(Integer.toString(VERSION)) || magic.length != 3 || magic[2].length() != HEX_DIGEST_LENGTH) {
            throw new BadInputException(name + ": model file format '" + String.join(" ", magic).substring(MAGIC.length()).strip()
                    + "' is not one this version reads (format " + VERSION + ")");
        }
        if (!Sha256.hex(bytes, first + 1).equals(magic[2])) {
            throw new BadInputException(name + ": model file is damaged or was edited: its content no longer has the "
                    + "SHA-256 on its first line (a byte of the header or the payload changed)");
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
        if (!Sha256.hex(payload).equals(h.path("payloadSha256").asText())) {
            throw new BadInputException(name + ": model file is damaged: payload digest does not match its header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : h.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        ModelInfo info = new ModelInfo(h.path("generator").asText(), h.path("plugin").path("id").asText(),
                h.path("plugin").path("version").asText(), h.path("engineVersion").asText(), params,
                h.path("seed").asLong(), Schema.fromJson(h.path("schema")), h.path("rows").asLong(ModelInfo.ROWS_NOT_RECORDED),
                h.hasNonNull("constraints") ? h.get("constraints") : null, constraintLanguage(h.get("constraintLanguage")),
                h.hasNonNull("rareValues") ? h.get("rareValues") : null,
                writtenForm(name, h.get("writtenForm")), trainingData(h.get("trainingData")));
        return new Decoded(info, payload);
    }

    /** The header's written form; none when no column has one. */
    private static WrittenForm writtenForm(String name, JsonNode node) {
        try {
            return WrittenForm.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": model header 'writtenForm': " + e.getMessage(), e);
        }
    }

    /** The header's constraint language; none without constraints, and in files written before it was recorded. */
    private static ModelInfo.ConstraintLanguageId constraintLanguage(JsonNode node) {
        return node == null || node.isNull() ? null : new ModelInfo.ConstraintLanguageId(node.path("id").asText(),
                node.path("plugin").path("id").asText(), node.path("plugin").path("version").asText());
    }

    /** The header's training data; none in files written before it was recorded, or from no file. */
    private static ModelInfo.TrainingData trainingData(JsonNode node) {
        return node == null || node.isNull() ? null
                : new ModelInfo.TrainingData(node.path("name").asText(), node.path("contentSha256").asText());
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

}
