package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-toto Statement v1 of a step, written and read here: {@code subject} lists the outputs with their SHA-256
 * (and, as an annotation, the content digest and rows); {@code predicateType} is {@value #PREDICATE_TYPE}; the
 * predicate holds step, extension, plugin, parameters, seed, inputs, engine, runtime, times, results and the
 * digest of the previous ledger record.
 */
public final class Statement {
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://tabsynth.io/lineage/v1";
    /** What a statement's subjects are to the step; the statement records no other role for them. */
    public static final String SUBJECT_ROLE = "subject";
    private static final TypeReference<Map<String, Object>> RESULTS = new TypeReference<>() {
    };

    private Statement() {
    }

    static ObjectNode of(Step step, String previousRecord, long sequence) {
        ObjectNode st = Dsse.JSON.createObjectNode();
        st.put("_type", TYPE);
        ArrayNode subjects = st.putArray("subject");
        for (Artifact a : step.outputs()) {
            subjects.add(descriptor(a));
        }
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        writeWhatWasDone(p, step);
        p.putObject("engine").put("version", EngineVersion.get());
        p.putObject("runtime").put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        p.put("startedOn", step.started().toString());
        p.put("finishedOn", step.finished().toString());
        p.set("results", Dsse.JSON.valueToTree(new TreeMap<>(step.results())));
        p.put("sequence", sequence);
        if (previousRecord == null) {
            p.putNull("previousRecord");
        } else {
            p.put("previousRecord", previousRecord);
        }
        return st;
    }

    /**
     * Writes what the step did as the predicate records it: {@code step}, {@code extension}, {@code plugin},
     * {@code parameters}, {@code seed} and {@code inputs}, in that order (a certificate's generation entries
     * reuse it).
     */
    public static void writeWhatWasDone(ObjectNode predicate, Step step) {
        predicate.put("step", step.step());
        predicate.put("extension", step.extension());
        predicate.putObject("plugin").put("id", step.pluginId()).put("version", step.pluginVersion());
        ObjectNode params = predicate.putObject("parameters");
        new TreeMap<>(step.parameters()).forEach(params::put);
        if (step.seed() == null) {
            predicate.putNull("seed");
        } else {
            predicate.put("seed", step.seed());
        }
        ArrayNode inputs = predicate.putArray("inputs");
        for (Artifact a : step.inputs()) {
            inputs.add(descriptor(a).put("role", a.role()));
        }
    }

    private static ObjectNode descriptor(Artifact a) {
        ObjectNode d = Dsse.JSON.createObjectNode();
        d.put("name", a.path().toString());
        d.putObject("digest").put("sha256", a.sha256());
        if (a.contentSha256() != null || a.rows() >= 0) {
            ObjectNode ann = d.putObject("annotations");
            if (a.contentSha256() != null) {
                ann.put("contentSha256", a.contentSha256());
            }
            if (a.rows() >= 0) {
                ann.put("rows", a.rows());
            }
        }
        return d;
    }

    /**
     * Reads a signed statement back into a {@link SignedRecord}; a {@link BadInputException} "WHERE: what is wrong" when
     * it is not JSON, not a tabsynth lineage statement, or a field is missing or of the wrong kind.
     */
    static SignedRecord read(Envelope envelope, JsonNode json, String where) {
        JsonNode st;
        try {
            st = Dsse.JSON.readTree(envelope.payload());
        } catch (IOException e) {
            throw new BadInputException(where + ": payload is not JSON");
        }
        if (st == null || !TYPE.equals(st.path("_type").asText()) || !PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
            throw new BadInputException(where + ": not a tabsynth lineage statement");
        }
        Fields f = new Fields(where);
        List<Artifact> subjects = new ArrayList<>();
        for (JsonNode s : f.array(st, "subject")) {
            subjects.add(f.artifact(s, SUBJECT_ROLE, "subject " + (subjects.size() + 1)));
        }
        JsonNode p = f.object(st, "predicate");
        List<Artifact> inputs = new ArrayList<>();
        for (JsonNode in : f.array(p, "inputs")) {
            String what = "input " + (inputs.size() + 1);
            inputs.add(f.artifact(in, f.text(in, "role", what), what));
        }
        JsonNode plugin = f.object(p, "plugin");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.object(p, "parameters").properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadInputException(where + ": parameter '" + e.getKey() + "' is not a single value");
            }
            parameters.put(e.getKey(), e.getValue().asText());
        }
        JsonNode seed = p.path("seed");
        if (!seed.isNull() && !seed.isIntegralNumber()) {
            throw new BadInputException(where + ": the seed is neither a whole number nor null");
        }
        JsonNode results = f.object(p, "results");
        results.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                throw new BadInputException(where + ": result '" + e.getKey() + "' is null");
            }
        });
        Step step = new Step(f.text(p, "step", "predicate"), f.text(p, "extension", "predicate"),
                f.text(plugin, "id", "plugin"), f.text(plugin, "version", "plugin"), parameters,
                seed.isNull() ? null : seed.asLong(), inputs, subjects, Dsse.JSON.convertValue(results, RESULTS),
                f.instant(p, "startedOn"), f.instant(p, "finishedOn"));
        JsonNode sequence = p.path("sequence");
        JsonNode previous = p.path("previousRecord");
        if (!previous.isNull() && !previous.isTextual()) {
            throw new BadInputException(where + ": previousRecord is neither a digest nor null");
        }
        return new SignedRecord(envelope, json, step, sequence.isIntegralNumber() ? sequence.asLong() : SignedRecord.NO_SEQUENCE,
                previous.isNull() ? null : previous.asText());
    }

    /** Reads the fields of one statement, naming the record in every complaint. */
    private record Fields(String where) {
        JsonNode object(JsonNode parent, String name) {
            JsonNode n = parent.path(name);
            if (!n.isObject()) {
                throw new BadInputException(where + ": '" + name + "' is missing or not an object");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String name) {
            JsonNode n = parent.path(name);
            if (!n.isArray()) {
                throw new BadInputException(where + ": '" + name + "' is missing or not a list");
            }
            return n;
        }

        String text(JsonNode parent, String name, String of) {
            JsonNode n = parent.path(name);
            if (!n.isTextual()) {
                throw new BadInputException(where + ": the " + of + "'s '" + name + "' is missing or not text");
            }
            return n.asText();
        }

        Instant instant(JsonNode predicate, String name) {
            String text = text(predicate, name, "predicate");
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadInputException(where + ": " + name + " '" + text + "' is not a UTC time");
            }
        }

        Artifact artifact(JsonNode d, String role, String what) {
            String name = text(d, "name", what);
            String sha256 = text(d.path("digest"), "sha256", what + " digest");
            JsonNode ann = d.path("annotations");
            JsonNode content = ann.path("contentSha256");
            JsonNode rows = ann.path("rows");
            if (!content.isMissingNode() && !content.isTextual() || !rows.isMissingNode() && !rows.canConvertToLong()) {
                throw new BadInputException(where + ": the " + what + "'s annotations are not a content digest and rows");
            }
            try {
                return new Artifact(role, Path.of(name), sha256, content.isMissingNode() ? null : content.asText(),
                        rows.isMissingNode() ? -1 : rows.asLong());
            } catch (InvalidPathException e) {
                throw new BadInputException(where + ": the " + what + "'s name is not a file name");
            }
        }
    }
}
