package io.tabsynth.engine.governance.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.spi.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What approvers sign before a retirement is recorded under a charter that asks for it ({@code quorum.retirement}):
 * an in-toto statement of predicate type {@value #PREDICATE_TYPE} whose subject is the file to retire and whose
 * predicate holds the file (name, SHA-256, content digest, rows), the reason and the charter's digest.
 *
 * @param dataset       the file to retire
 * @param reason        why, as the retirement will record it
 * @param charterSha256 the digest of the charter it is asked under
 */
public record RetirementRequest(Artifact dataset, String reason, String charterSha256) {
    /** The predicate type of a retirement request. */
    public static final String PREDICATE_TYPE = "https://tabsynth.io/retirement/v1";

    /** The signed statement. */
    public ObjectNode statement() {
        ObjectNode st = Dsse.JSON.createObjectNode();
        st.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = st.putArray("subject").addObject();
        subject.put("name", dataset.path().toString());
        subject.putObject("digest").put("sha256", dataset.sha256());
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = st.putObject("predicate");
        ObjectNode d = p.putObject("dataset");
        d.put("name", dataset.path().toString());
        d.put("sha256", dataset.sha256());
        if (dataset.contentSha256() == null) {
            d.putNull("contentSha256");
        } else {
            d.put("contentSha256", dataset.contentSha256());
        }
        d.put("rows", dataset.rows());
        p.put("reason", reason);
        p.put("charterSha256", charterSha256);
        return st;
    }

    /** The statement's bytes: what approvers sign. */
    public byte[] payload() {
        return statement().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The request a signed statement holds; a {@link BadInputException} naming {@code where} when it is not one. */
    public static RetirementRequest ofStatement(JsonNode st, String where) {
        if (!PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
            throw new BadInputException(where + ": not a retirement request (predicate type " + PREDICATE_TYPE + ")");
        }
        JsonNode p = st.path("predicate");
        JsonNode d = p.path("dataset");
        if (!d.path("sha256").isTextual() || !p.path("reason").isTextual() || !p.path("charterSha256").isTextual()) {
            throw new BadInputException(where + ": the retirement request lacks its dataset, reason or charter");
        }
        Artifact dataset = new Artifact("dataset", Path.of(d.path("name").asText()), d.path("sha256").asText(),
                d.path("contentSha256").isTextual() ? d.path("contentSha256").asText() : null,
                d.path("rows").asLong(Artifact.NOT_DATA));
        return new RetirementRequest(dataset, p.path("reason").asText(), p.path("charterSha256").asText());
    }

    /** What differs between this request, as approved, and the retirement {@code given}: empty when none. */
    public List<String> differences(RetirementRequest given) {
        List<String> out = new ArrayList<>();
        if (!dataset.sha256().equals(given.dataset.sha256())) {
            out.add("the request retires " + dataset.path() + " (sha256 " + dataset.sha256() + ") but the file given, "
                    + given.dataset.path() + ", has " + given.dataset.sha256());
        }
        if (!reason.equals(given.reason)) {
            out.add("the request's reason is '" + reason + "' but the reason given is '" + given.reason + "'");
        }
        if (!Objects.equals(charterSha256, given.charterSha256)) {
            out.add("the request was written under the charter with sha256 " + charterSha256 + ", not the one given ("
                    + given.charterSha256 + ")");
        }
        return out;
    }
}
