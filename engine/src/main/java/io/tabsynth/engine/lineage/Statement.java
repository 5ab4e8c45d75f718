package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.EngineVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-toto Statement v1 of a step: {@code subject} lists the outputs with their SHA-256 (and, as an
 * annotation, the content digest and rows); {@code predicateType} is {@value #PREDICATE_TYPE}; the predicate
 * holds step, extension, plugin, parameters, seed, inputs, engine, runtime, times, results and the digest of
 * the previous ledger record.
 */
public final class Statement {
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://tabsynth.io/lineage/v1";

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
        p.put("step", step.step());
        p.put("extension", step.extension());
        p.putObject("plugin").put("id", step.pluginId()).put("version", step.pluginVersion());
        ObjectNode params = p.putObject("parameters");
        new TreeMap<>(step.parameters()).forEach(params::put);
        if (step.seed() == null) {
            p.putNull("seed");
        } else {
            p.put("seed", step.seed());
        }
        ArrayNode inputs = p.putArray("inputs");
        for (Artifact a : step.inputs()) {
            inputs.add(descriptor(a).put("role", a.role()));
        }
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

    /** The subjects of a statement as (name, sha256) pairs. */
    static List<Map.Entry<String, String>> subjects(JsonNode statement) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode s : statement.path("subject")) {
            out.add(Map.entry(s.path("name").asText(), s.path("digest").path("sha256").asText()));
        }
        return out;
    }
}
