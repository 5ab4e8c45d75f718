package io.tabsynth.engine.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A charter's acceptance thresholds, from a JSON policy file:
 * <pre>
 * { "checks": [ "fidelity.score >= 0.8", "privacy.exactMatches == 0",
 *               {"metric": "privacy.membershipInferenceAuc", "op": "&lt;=", "value": 0.6} ] }
 * </pre>
 * A metric is a dotted path into the report, starting with an evaluator's id. A metric that no installed evaluator
 * reports ({@link #checkEvaluators}) or that is a misspelling of one the report has ({@link #evaluate}) is bad input
 * naming the file, the check and the metric meant. Any other check whose metric has no number in the report fails,
 * saying why (its evaluator did not run, the evaluator gave no value and its note, or the nearest metric the report
 * has).
 */
public final class Policy {
    private static final List<String> OPS = List.of(">=", "<=", ">", "<", "==", "!=");
    private static final Pattern CHECK = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9.eE+\\-]+)\\s*");

    /** One threshold. */
    public record Check(String metric, String op, double value) {
        String text() {
            return metric + " " + op + " " + format(value);
        }
    }

    private final List<Check> checks;
    private final Path source;

    private Policy(List<Check> checks, Path source) {
        this.checks = List.copyOf(checks);
        this.source = source;
    }

    public List<Check> checks() {
        return checks;
    }

    /** Reads a policy file; a {@link BadInputException} names the file and the check that is malformed. */
    public static Policy read(Path file) {
        JsonNode root = JsonInput.read(file, "policy");
        return of(root.has("payloadType") ? signedCharter(root, file) : root, file);
    }

    /**
     * The checks of a signed charter (a DSSE envelope whose statement's predicate holds {@code checks}): a charter
     * serves as the policy of the steps done under it. Its signatures are checked where the charter is named.
     */
    private static JsonNode signedCharter(JsonNode envelope, Path file) {
        try {
            JsonNode statement = new ObjectMapper().readTree(java.util.Base64.getDecoder().decode(
                    envelope.path("payload").asText()));
            return statement == null ? envelope : statement.path("predicate");
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BadInputException(file + ": a signed document whose payload is not base64 JSON");
        }
    }

    /** A policy from its JSON ({@code {"checks": [...]}}); {@code file} names it in errors and in the verdict. */
    public static Policy of(JsonNode root, Path file) {
        if (!root.path("checks").isArray()) {
            throw new BadInputException(file + ": a policy needs a \"checks\" array");
        }
        List<Check> checks = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path("checks")) {
            i++;
            if (c.isTextual()) {
                Matcher m = CHECK.matcher(c.asText());
                if (!m.matches()) {
                    throw new BadInputException(file + ": check " + i + " '" + c.asText()
                            + "' is not of the form 'metric OP number' (OP one of " + String.join(" ", OPS) + ")");
                }
                checks.add(new Check(m.group(1), m.group(2), Double.parseDouble(m.group(3))));
            } else if (c.isObject()) {
                String where = file + ": check " + i + ": ";
                if (!c.path("metric").isTextual()) {
                    throw new BadInputException(where + "needs a \"metric\", a dotted path into the report such as "
                            + "\"fidelity.score\"");
                }
                if (!OPS.contains(c.path("op").asText())) {
                    throw new BadInputException(where + "\"op\" " + c.path("op") + " is not one of " + String.join(" ", OPS));
                }
                if (!c.path("value").isNumber()) {
                    throw new BadInputException(where + "\"value\" must be a number, found " + c.path("value"));
                }
                checks.add(new Check(c.path("metric").asText(), c.path("op").asText(), c.path("value").asDouble()));
            } else {
                throw new BadInputException(file + ": check " + i + " is neither a text 'metric OP number' nor an object "
                        + "{\"metric\", \"op\", \"value\"}");
            }
        }
        return new Policy(checks, file);
    }

    /**
     * Refuses, before anything is evaluated, a check whose metric starts with no installed evaluator's id: the
     * file, the check and the nearest id are named (a misspelt {@code fidelty.score}, or a third-party evaluator's
     * metric where its plugin is not installed).
     */
    public void checkEvaluators(Collection<String> installed) {
        for (int i = 0; i < checks.size(); i++) {
            String section = section(checks.get(i).metric());
            if (!installed.contains(section)) {
                throw new BadInputException(where(i) + "no installed evaluator reports '" + section + "'"
                        + Suggestion.didYouMean(section, installed) + " (evaluators: " + String.join(", ", installed) + ")");
            }
        }
    }

    /**
     * The verdict on a report: {@code {"passed", "policy", "checks": [{check, metric, op, threshold, actual, passed}]}}.
     * A check whose metric is not in the report but is a {@link Suggestion#misspelt misspelling} of one that is
     * ({@code fidelity.scroe}) is a {@link BadInputException} naming the file, the check and the metric meant.
     */
    public ObjectNode evaluate(JsonNode report) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode verdict = json.createObjectNode();
        ArrayNode out = json.createArrayNode();
        boolean all = true;
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            ObjectNode o = out.addObject();
            o.put("check", c.text());
            o.put("metric", c.metric());
            o.put("op", c.op());
            o.put("threshold", c.value());
            JsonNode actual = report;
            for (String part : c.metric().split("\\.")) {
                actual = actual.path(part);
            }
            boolean pass;
            if (actual.isMissingNode()) {
                refuseMisspelling(i, report);
            }
            if (!actual.isNumber() && !actual.isBoolean()) {
                o.putNull("actual");
                o.put("reason", whyNoValue(c.metric(), actual, report));
                pass = false;
            } else {
                double v = actual.isBoolean() ? (actual.asBoolean() ? 1 : 0) : actual.asDouble();
                o.put("actual", v);
                pass = compare(v, c.op(), c.value());
            }
            o.put("passed", pass);
            all &= pass;
        }
        verdict.put("passed", all);
        verdict.put("policy", source == null ? null : source.toString());
        verdict.set("checks", out);
        return verdict;
    }

    /** Refuses check {@code i} if its metric, missing from the report, is a misspelling of one the report has. */
    private void refuseMisspelling(int i, JsonNode report) {
        String metric = checks.get(i).metric();
        String section = section(metric);
        if (report.path(section).isMissingNode()) {
            return;
        }
        List<String> known = new ArrayList<>();
        leaves(report.path(section), section, known);
        String meant = Suggestion.misspelt(metric, known);
        if (meant != null) {
            throw new BadInputException(where(i) + "the report has no metric '" + metric + "' (did you mean '" + meant
                    + "'?)");
        }
    }

    /** {@code "FILE: check N 'metric op value': "}, the start of an error about check {@code i}. */
    private String where(int i) {
        return source + ": check " + (i + 1) + " '" + checks.get(i).text() + "': ";
    }

    /** The evaluator id a metric starts with. */
    private static String section(String metric) {
        return metric.split("\\.")[0];
    }

    /** Why a metric has no number: its evaluator did not run, the report has no such key (nearest one named), and so on. */
    private static String whyNoValue(String metric, JsonNode actual, JsonNode report) {
        String section = section(metric);
        if (report.path(section).isMissingNode()) {
            return "the report has no '" + section + "': the " + section + " evaluator did not run (add " + section
                    + " to --evaluators)";
        }
        if (actual.isNull()) {
            String note = report.path(section).path("note").asText("");
            return "no value in this report" + (note.isEmpty() ? "" : ": " + note);
        }
        if (actual.isContainerNode()) {
            List<String> inside = new ArrayList<>();
            leaves(actual, metric, inside);
            return inside.isEmpty() ? "not a number but " + (actual.isArray() ? "a list" : "a group without numbers")
                    : "not a number but a group of metrics, e.g. " + String.join(", ", inside.subList(0, Math.min(3, inside.size())));
        }
        if (!actual.isMissingNode()) {
            return "not a number: " + actual;
        }
        List<String> known = new ArrayList<>();
        leaves(report.path(section), section, known);
        return "not in the report" + Suggestion.didYouMean(metric, known);
    }

    /** The dotted paths of the numbers and booleans under a node. */
    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isNumber() || node.isBoolean() || node.isNull()) {
            out.add(path);
        }
        for (var it = node.fields(); node.isObject() && it.hasNext(); ) {
            var e = it.next();
            leaves(e.getValue(), path + "." + e.getKey(), out);
        }
    }

    private static boolean compare(double v, String op, double t) {
        switch (op) {
            case ">=":
                return v >= t;
            case "<=":
                return v <= t;
            case ">":
                return v > t;
            case "<":
                return v < t;
            case "==":
                return v == t;
            default:
                return v != t;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
