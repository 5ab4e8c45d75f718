package io.tabsynth.engine.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tabsynth.engine.governance.optout.CharterOptOuts;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.policy.Policy;
import io.tabsynth.engine.privacy.BudgetLimit;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A charter: what synthetic data made under it is for, the thresholds its evaluations must meet, the privacy budget
 * per source dataset, who approves plans and releases and how many of them must, and how often it is reviewed. Written
 * as JSON or YAML (a draft), signed into an in-toto statement of predicate type {@value #PREDICATE_TYPE} whose
 * predicate is the charter in canonical form (the same whichever format the draft was in). docs/governance.md has the
 * schema.
 */
public final class Charter {
    /** The predicate type of a signed charter. */
    public static final String PREDICATE_TYPE = "https://tabsynth.io/charter/v1";
    /** What a quorum is for: the charter itself, a generation plan, a release, a retirement. */
    public static final List<String> QUORUM_FOR = List.of("charter", "plan", "release", "retirement");
    /** The quorum that may be left out, asking no approvals (and then not written, so older charters keep their digests). */
    private static final String OPTIONAL_QUORUM = "retirement";

    private final ObjectNode body;
    private final List<Approver> approvers;
    private final Map<String, Integer> quorum;

    /**
     * One approver.
     *
     * @param name  who it is
     * @param keyId the id of their public key (in the trust store)
     */
    public record Approver(String name, String keyId) {
    }

    private Charter(ObjectNode body, List<Approver> approvers, Map<String, Integer> quorum) {
        this.body = body;
        this.approvers = List.copyOf(approvers);
        this.quorum = Map.copyOf(quorum);
    }

    /** Reads a draft charter (JSON, or YAML by its .yaml/.yml name); a {@link BadInputException} names file and field. */
    public static Charter readDraft(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            return of(JsonInput.read(file, "charter"), file.toString());
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
            if (root == null || root.isMissingNode()) {
                throw new BadInputException(file + ": is empty (expected a charter)");
            }
            return of(root, file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": not valid YAML" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()) + ": "
                    + yamlProblem(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the charter: " + e.getMessage(), e);
        }
    }

    /**
     * What the YAML parser found wrong, in its own words but without the places and the quoted lines it adds
     * ("in 'reader', line 3, column 6:" and the text under it), which the caller gives as line and column.
     */
    private static String yamlProblem(JsonProcessingException e) {
        List<String> said = new ArrayList<>();
        for (String line : JsonInput.plainMessage(e).split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                said.add(line.trim());
            }
        }
        return said.isEmpty() ? "it cannot be read" : String.join(", ", said);
    }

    /** The charter a signed statement holds; a {@link BadInputException} naming {@code where} when it is not one. */
    public static Charter ofStatement(JsonNode statement, String where) {
        if (!PREDICATE_TYPE.equals(statement.path("predicateType").asText())) {
            throw new BadInputException(where + ": not a signed charter (predicate type " + PREDICATE_TYPE + ")");
        }
        Charter c = of(statement.path("predicate"), where);
        if (!c.statement().equals(statement)) {
            throw new BadInputException(where + ": the charter statement is not in canonical form");
        }
        return c;
    }

    /** Checks a charter's fields and puts them in canonical form; {@code where} names it in errors. */
    static Charter of(JsonNode root, String where) {
        Fields f = new Fields(root, where);
        ObjectNode body = Dsse.JSON.createObjectNode();
        body.put("name", f.text("name"));
        body.put("version", f.positive("version"));
        body.put("purpose", f.text("purpose"));
        body.set("approvedUses", f.texts("approvedUses"));
        body.set("audiences", f.texts("audiences"));
        if (!root.path("checks").isArray()) {
            throw new BadInputException(where + ": 'checks' must be a list of policy checks, e.g. "
                    + "[\"fidelity.score >= 0.8\"]");
        }
        Policy.of(root, Path.of(where));
        body.set("checks", root.path("checks").deepCopy());
        body.set("privacyBudget", privacyBudget(root, where));
        JsonNode optOuts = root.path(CharterOptOuts.FIELD);
        if (!optOuts.isMissingNode() && !optOuts.isNull()) {
            // only when named, so that the charters signed before the field existed keep their digests
            body.set(CharterOptOuts.FIELD, CharterOptOuts.of(optOuts, where).json());
        }
        List<Approver> approvers = new ArrayList<>();
        ArrayNode a = body.putArray("approvers");
        JsonNode given = root.path("approvers");
        if (!given.isArray() || given.isEmpty()) {
            throw new BadInputException(where + ": 'approvers' must list at least one {\"name\", \"keyid\"}");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode ap = given.get(i);
            String at = "approvers[" + i + "]";
            String name = new Fields(ap, where + ": " + at).text("name");
            String keyId = new Fields(ap, where + ": " + at).text("keyid");
            if (!keyId.matches("[0-9a-f]{64}")) {
                throw new BadInputException(where + ": " + at + ".keyid '" + keyId + "' is not a key id (64 hex digits; "
                        + "tabsynth keys show prints it)");
            }
            if (approvers.stream().anyMatch(x -> x.keyId().equals(keyId))) {
                throw new BadInputException(where + ": " + at + " has the key of an earlier approver");
            }
            approvers.add(new Approver(name, keyId));
            a.addObject().put("name", name).put("keyid", keyId);
        }
        Map<String, Integer> quorum = new LinkedHashMap<>();
        ObjectNode q = body.putObject("quorum");
        JsonNode qGiven = root.path("quorum");
        for (String what : QUORUM_FOR) {
            JsonNode k = qGiven.path(what);
            int value;
            if (k.isMissingNode() && what.equals("charter")) {
                value = approvers.size();
            } else if (k.isMissingNode() && what.equals(OPTIONAL_QUORUM)) {
                quorum.put(what, 0);
                continue;
            } else if (!k.canConvertToInt() || k.asInt() < 1 || !k.isIntegralNumber()) {
                throw new BadInputException(where + ": 'quorum." + what + "' must be a whole number of approvers from 1 to "
                        + approvers.size());
            } else {
                value = k.asInt();
            }
            if (value > approvers.size()) {
                throw new BadInputException(where + ": 'quorum." + what + "' is " + value + " but there are only "
                        + approvers.size() + " approvers");
            }
            quorum.put(what, value);
            q.put(what, value);
        }
        String interval = f.text("reviewInterval");
        try {
            Period p = Period.parse(interval);
            if (p.isNegative() || p.isZero()) {
                throw new DateTimeParseException("", interval, 0);
            }
        } catch (DateTimeParseException e) {
            throw new BadInputException(where + ": 'reviewInterval' '" + interval + "' is not a period such as P6M or "
                    + "P90D (ISO-8601)");
        }
        body.put("reviewInterval", interval);
        String issued = f.text("issued");
        try {
            LocalDate.parse(issued);
        } catch (DateTimeParseException e) {
            throw new BadInputException(where + ": 'issued' '" + issued + "' is not a date (YYYY-MM-DD)");
        }
        body.put("issued", issued);
        return new Charter(body, approvers, quorum);
    }

    private static ArrayNode privacyBudget(JsonNode root, String where) {
        ArrayNode out = Dsse.JSON.createArrayNode();
        JsonNode given = root.path("privacyBudget");
        if (given.isMissingNode()) {
            return out;
        }
        if (!given.isArray()) {
            throw new BadInputException(where + ": 'privacyBudget' must be a list of {\"data\", \"maxEpsilon\", \"delta\"}");
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode b = given.get(i);
            String at = where + ": privacyBudget[" + i + "]";
            String data = new Fields(b, at).text("data");
            JsonNode eps = b.path("maxEpsilon");
            if (!eps.isNumber() || !(eps.asDouble() > 0)) {
                throw new BadInputException(at + ".maxEpsilon must be a positive number");
            }
            ObjectNode o = out.addObject().put("data", data).put("maxEpsilon", eps.asDouble());
            JsonNode delta = b.path("delta");
            if (!delta.isMissingNode()) {
                if (!delta.isNumber() || delta.asDouble() < 0 || delta.asDouble() >= 1) {
                    throw new BadInputException(at + ".delta must be a number from 0 up to (not including) 1");
                }
                o.put("delta", delta.asDouble());
            }
        }
        return out;
    }

    /** The in-toto statement that is signed: subject the charter's name and the digest of its canonical body. */
    public ObjectNode statement() {
        ObjectNode st = Dsse.JSON.createObjectNode();
        st.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = st.putArray("subject").addObject();
        subject.put("name", name());
        subject.putObject("digest").put("sha256", Sha256.hex(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        st.put("predicateType", PREDICATE_TYPE);
        st.set("predicate", body.deepCopy());
        return st;
    }

    /** The statement's bytes: the payload every approver signs. */
    public byte[] payload() {
        return statement().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public String name() {
        return body.path("name").asText();
    }

    public int version() {
        return body.path("version").asInt();
    }

    public String purpose() {
        return body.path("purpose").asText();
    }

    /** The charter in canonical form (its fields, as signed). */
    public ObjectNode body() {
        return body.deepCopy();
    }

    public List<Approver> approvers() {
        return approvers;
    }

    /**
     * The privacy budget limits it sets per source dataset, enforced before a fit under it reads the data
     * (docs/privacy.md, "The budget ledger"); {@code file} names the charter in messages.
     */
    public List<BudgetLimit> budgetLimits(Path file) {
        return BudgetLimit.of(body.path("privacyBudget"), file);
    }

    /** The opt-out list the charter names, or {@code null} when it names none. */
    public CharterOptOuts optOuts() {
        JsonNode o = body.path(CharterOptOuts.FIELD);
        return o.isObject() ? CharterOptOuts.of(o, name()) : null;
    }

    /** How many approvers must sign {@code what} ({@link #QUORUM_FOR}). */
    public int quorum(String what) {
        return quorum.get(what);
    }

    public Period reviewInterval() {
        return Period.parse(body.path("reviewInterval").asText());
    }

    public LocalDate issued() {
        return LocalDate.parse(body.path("issued").asText());
    }

    /** When the charter is next due for review: issued plus the review interval. */
    public LocalDate reviewDue() {
        return issued().plus(reviewInterval());
    }

    /**
     * Its review dates as of {@code today}, in words: "next due D" while D is to come, "overdue since D" once it has
     * passed, and, for a charter issued on a later day, that it is not yet in effect.
     */
    public String reviewState(LocalDate today) {
        String due = today.isAfter(reviewDue()) ? "overdue since " + reviewDue() : "next due " + reviewDue();
        return issued().isAfter(today) ? "not yet in effect (issued " + issued() + "); " + due : due;
    }

    /** Reads the fields of one object, naming the file and field in every complaint. */
    private record Fields(JsonNode node, String where) {
        String text(String name) {
            JsonNode n = node.path(name);
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new BadInputException(where + ": '" + name + "' is missing or not text");
            }
            return n.asText();
        }

        int positive(String name) {
            JsonNode n = node.path(name);
            if (!n.isIntegralNumber() || n.asInt() < 1) {
                throw new BadInputException(where + ": '" + name + "' must be a whole number from 1 up");
            }
            return n.asInt();
        }

        ArrayNode texts(String name) {
            JsonNode n = node.path(name);
            ArrayNode out = Dsse.JSON.createArrayNode();
            if (!n.isArray() || n.isEmpty()) {
                throw new BadInputException(where + ": '" + name + "' must be a list of text with at least one entry");
            }
            for (JsonNode t : n) {
                if (!t.isTextual()) {
                    throw new BadInputException(where + ": '" + name + "' holds " + t + ", which is not text");
                }
                out.add(t.asText());
            }
            return out;
        }
    }
}
