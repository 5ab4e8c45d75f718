package io.tabsynth.engine.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generation plan: a fit described before it runs, as an in-toto statement of predicate type
 * {@value #PREDICATE_TYPE} whose subject is the training data (its file's SHA-256) and whose predicate binds the
 * generator, every parameter given, the seed, the metadata and constraints files' digests and the charter it is made
 * under. Approvers sign it ({@link SignedDocument}); a fit given the plan runs only when what it was given matches.
 *
 * @param data        the training data file, or {@code null} (the rules generator needs none)
 * @param dataSha256  its SHA-256, or {@code null}
 * @param generator   the generator's id
 * @param parameters  the parameters given
 * @param seed        the seed
 * @param metadata    the metadata file's SHA-256, or {@code null}
 * @param constraints the constraints file's SHA-256, or {@code null}
 * @param charter     the charter's digest, or {@code null}
 */
public record Plan(Path data, String dataSha256, String generator, Map<String, String> parameters, long seed,
                   String metadata, String constraints, String charter) {
    /** The predicate type of a plan. */
    public static final String PREDICATE_TYPE = "https://tabsynth.io/plan/v1";
    /** The role of a plan among a fit's inputs. */
    public static final String ROLE = "plan";

    public Plan {
        parameters = new TreeMap<>(parameters);
    }

    /** The plan of a fit of these files (each may be {@code null}); {@code charter} is a charter's digest or {@code null}. */
    public static Plan of(Path data, String generator, Map<String, String> parameters, long seed, Path metadata,
                          Path constraints, String charter) {
        return new Plan(data, data == null ? null : Sha256.file(data), generator, parameters, seed,
                metadata == null ? null : Sha256.file(metadata), constraints == null ? null : Sha256.file(constraints),
                charter);
    }

    /** The statement approvers sign. */
    public ObjectNode statement() {
        ObjectNode st = Dsse.JSON.createObjectNode();
        st.put("_type", "https://in-toto.io/Statement/v1");
        var subjects = st.putArray("subject");
        if (data != null) {
            subjects.addObject().put("name", data.toString()).putObject("digest").put("sha256", dataSha256);
        }
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        p.put("generator", generator);
        ObjectNode params = p.putObject("parameters");
        parameters.forEach(params::put);
        p.put("seed", seed);
        p.put("metadataSha256", metadata);
        p.put("constraintsSha256", constraints);
        p.put("charterSha256", charter);
        return st;
    }

    public byte[] payload() {
        return statement().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The plan a signed statement holds; a {@link BadInputException} naming {@code where} when it is not one. */
    public static Plan ofStatement(JsonNode st, String where) {
        if (!PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
            throw new BadInputException(where + ": not a generation plan (predicate type " + PREDICATE_TYPE
                    + "; tabsynth fit --plan-out writes one)");
        }
        JsonNode p = st.path("predicate");
        JsonNode subject = st.path("subject").path(0);
        Map<String, String> params = new TreeMap<>();
        p.path("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        if (!p.path("generator").isTextual() || !p.path("seed").isIntegralNumber()) {
            throw new BadInputException(where + ": the plan has no generator or seed");
        }
        return new Plan(subject.isMissingNode() ? null : Path.of(subject.path("name").asText()),
                subject.isMissingNode() ? null : subject.path("digest").path("sha256").asText(),
                p.path("generator").asText(), params, p.path("seed").asLong(), text(p, "metadataSha256"),
                text(p, "constraintsSha256"), text(p, "charterSha256"));
    }

    private static String text(JsonNode p, String field) {
        return p.path(field).isTextual() ? p.path(field).asText() : null;
    }

    /** How the fit given ({@code given}) differs from this plan, one sentence each; empty when it matches. */
    public List<String> differences(Plan given) {
        List<String> out = new ArrayList<>();
        if (!java.util.Objects.equals(dataSha256, given.dataSha256)) {
            out.add("the plan's data " + data + " has sha256 " + dataSha256 + " but the data given, " + given.data
                    + ", has " + given.dataSha256);
        }
        if (!generator.equals(given.generator)) {
            out.add("the plan names generator " + generator + " but " + given.generator + " was given");
        }
        if (!parameters.equals(given.parameters)) {
            out.add("the plan's parameters " + parameters + " differ from those given " + given.parameters);
        }
        if (seed != given.seed) {
            out.add("the plan's seed is " + seed + " but " + given.seed + " was given");
        }
        if (!java.util.Objects.equals(metadata, given.metadata)) {
            out.add("the plan's metadata has sha256 " + metadata + " but the metadata given has " + given.metadata);
        }
        if (!java.util.Objects.equals(constraints, given.constraints)) {
            out.add("the plan's constraints have sha256 " + constraints + " but those given have " + given.constraints);
        }
        if (!java.util.Objects.equals(charter, given.charter)) {
            out.add("the plan was made under charter " + charter + " but the charter given is " + given.charter);
        }
        return out;
    }
}
