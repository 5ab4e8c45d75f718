package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The data card's page for people, not only auditors: for the people whose records were used and for those who use
 * the data, in short sentences, what the data is for, how it was made, what it does not contain, its known limits and
 * biases, its privacy guarantee or lack of one, and whom to contact. Filled from the card info file, the evaluation
 * report and the lineage; what nobody stated is said to be missing, never made up.
 */
final class PlainSummary {
    static final String HEADING = "In plain words";
    static final String PURPOSE = "What it is for";
    static final String MADE = "How it was made";
    static final String NOT_CONTAINED = "What it does not contain";
    static final String LIMITS = "Known limits and biases";
    static final String PRIVACY = "Privacy";
    static final String CONTACT = "Whom to contact";
    static final String NO_CONTACT = "No contact was given for this dataset. Ask whoever gave it to you who made it.";
    /** How many of the columns least like the real ones the page names. */
    private static final int WEAKEST_COLUMNS = 3;
    /** The levels of report findings that are problems with the data (not green, nor a note on a score's meaning). */
    private static final Set<String> PROBLEM_LEVELS = Set.of("amber", "red");
    private static final String PERCENT = "%.1f%%";

    private final CardInfo info;
    private final JsonNode report;
    private final Frame data;
    private final Step fit;
    private final PrivacyGuarantee guarantee;

    /**
     * @param fit the step that learned from the real data (a fit, or a sample fitted in memory), or {@code null}
     *            when the lineage shows none
     */
    PlainSummary(CardInfo info, JsonNode report, Frame data, Step fit, PrivacyGuarantee guarantee) {
        this.info = info;
        this.report = report;
        this.data = data;
        this.fit = fit;
        this.guarantee = guarantee;
    }

    /** Adds the page to the card: one section with a part for each question. */
    void addTo(DataCard card) {
        card.section(HEADING, List.of("This part is for the people whose records were used to make this data, and "
                + "for anyone who uses it. The sections after it give the details an auditor needs."), List.of());
        card.part(PURPOSE, purpose());
        card.part(MADE, made());
        card.part(NOT_CONTAINED, notContained());
        card.part(LIMITS, limits());
        card.part(PRIVACY, guarantee.plainStatements());
        card.part(CONTACT, List.of(info.get("contact", NO_CONTACT)));
    }

    private List<String> purpose() {
        List<String> out = new ArrayList<>();
        out.add(info.get("purpose", "Its makers did not say what it is for."));
        String use = info.get("intendedUse", null);
        if (use != null) {
            out.add("It may be used for: " + use);
        }
        return out;
    }

    private List<String> made() {
        List<String> out = new ArrayList<>();
        String whose = info.get("dataSubjects", null);
        if (fit == null) {
            out.add("This data is synthetic: a program, tabsynth, made up its " + count(data.rowCount(), "record")
                    + ". Its lineage shows no step that learned from real records.");
        } else {
            out.add("This data is synthetic. A program, tabsynth (the " + fit.extension() + " method), learned the "
                    + "patterns in real records" + (whose == null ? "" : " about " + whose) + ", then made up "
                    + count(data.rowCount(), "new record") + " that follow those patterns.");
        }
        if (whose == null) {
            out.add("Its makers did not say whose records were used.");
        }
        out.add("The real records came from: " + info.get("origin", "not stated") + ".");
        return out;
    }

    private List<String> notContained() {
        List<String> out = new ArrayList<>();
        JsonNode copies = report.path("privacy").path("exactMatches");
        if (!copies.isNumber()) {
            out.add("Nobody checked whether any record is an exact copy of a real one.");
        } else if (copies.asLong() == 0) {
            out.add("No record in it is an exact copy of a real record; this was checked against the real data.");
        } else {
            out.add(count(copies.asLong(), "record") + (copies.asLong() == 1 ? " in it is an exact copy of a real record."
                    : " in it are exact copies of real records."));
        }
        if (fit != null) {
            JsonNode results = JsonOutput.mapper().valueToTree(fit.results());
            List<String> newKeys = new ArrayList<>();
            results.path("columnModels").properties().forEach(e -> {
                if (e.getValue().asText().startsWith("new keys")) {
                    newKeys.add(e.getKey());
                }
            });
            if (!newKeys.isEmpty()) {
                out.add("The identifier columns (" + String.join(", ", newKeys) + ") hold new numbers, not the real ones.");
            }
            if (results.path("rareValues").size() > 0) {
                out.add("Values that too few real records share to hide among were replaced before learning.");
            }
        }
        String excluded = info.get("excluded", null);
        if (excluded != null) {
            out.add("Left out on purpose: " + excluded);
        }
        out.add("It has " + count(data.rowCount(), "record") + " with these columns, and nothing else: "
                + String.join(", ", data.schema().names()) + ".");
        return out;
    }

    private List<String> limits() {
        List<String> out = new ArrayList<>();
        JsonNode fidelity = report.path("fidelity");
        if (fidelity.path("score").isNumber()) {
            out.add(String.format(Locale.ROOT, "How closely it matches the real data overall: %.2f out of 1.",
                    fidelity.path("score").asDouble()));
            List<Map.Entry<String, JsonNode>> columns = new ArrayList<>(fidelity.path("columns").properties());
            columns.removeIf(e -> !e.getValue().path("score").isNumber());
            columns.sort(Comparator.comparingDouble(e -> e.getValue().path("score").asDouble()));
            List<String> weakest = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : columns.subList(0, Math.min(WEAKEST_COLUMNS, columns.size()))) {
                weakest.add(String.format(Locale.ROOT, "%s (%.2f)", e.getKey(), e.getValue().path("score").asDouble()));
            }
            if (!weakest.isEmpty()) {
                out.add("The columns least like the real ones (1 = the same): " + String.join(", ", weakest) + ".");
            }
        } else {
            out.add("How closely it matches the real data was not measured.");
        }
        report.properties().forEach(section -> section.getValue().path("findings").forEach(f -> {
            if (PROBLEM_LEVELS.contains(f.path("level").asText())) {
                out.add("The evaluation found that " + f.path("why").asText(f.path("message").asText()) + ".");
            }
        }));
        out.add(utility(report));
        out.addAll(fairness());
        JsonNode policy = report.path("policy");
        if (!policy.isMissingNode() && !policy.path("passed").asBoolean()) {
            out.add("It FAILED the checks its makers set for it (see (g)).");
        }
        out.add("Limits its makers know of: " + info.get("gaps", "none stated") + ".");
        return out;
    }

    /** How a model that learns from this data predicts the target, against one that learns from the real data. */
    static String utility(JsonNode report) {
        JsonNode utility = report.path("utility");
        if (utility.isMissingNode()) {
            return "How well models learn from it was not measured.";
        }
        String target = utility.path("target").asText();
        if (target.isBlank()) {
            return "How well models learn from it was not measured: no target column was named (evaluate --target).";
        }
        boolean classification = utility.has("syntheticF1");
        JsonNode synthetic = utility.path(classification ? "syntheticF1" : "syntheticR2");
        JsonNode real = utility.path(classification ? "realF1" : "realR2");
        if (synthetic.isNumber() && real.isNumber()) {
            return String.format(Locale.ROOT, "A model that learns from it to predict %s scores %.2f, against %.2f when "
                    + "it learns from the real data (%s; 1 is perfect).", target, synthetic.asDouble(), real.asDouble(),
                    classification ? "F1" : "R²");
        }
        return "Models that learn from it to predict " + target + " could not be scored"
                + (utility.has("note") ? ": " + utility.path("note").asText() : "") + ".";
    }

    /** For each protected column, the group whose rate of the target's positive class moved most. */
    private List<String> fairness() {
        JsonNode fairness = report.path("fairness");
        if (fairness.isMissingNode()) {
            return List.of("It was not checked for differences between groups of people (no fairness evaluation).");
        }
        List<String> out = new ArrayList<>();
        String outcome = fairness.path("target").asText() + " = " + fairness.path("positiveClass").asText().strip();
        fairness.path("protected").properties().forEach(column -> {
            String worst = null;
            double worstGap = -1;
            double real = 0;
            double synthetic = 0;
            for (Map.Entry<String, JsonNode> g : column.getValue().path("groups").properties()) {
                double r = g.getValue().path("realBaseRate").asDouble();
                double s = g.getValue().path("syntheticBaseRate").asDouble();
                if (Math.abs(s - r) > worstGap) {
                    worst = g.getKey().strip();
                    worstGap = Math.abs(s - r);
                    real = r;
                    synthetic = s;
                }
            }
            if (worst != null) {
                out.add("By " + column.getKey() + ", the share with " + outcome + " changed most for " + worst + ": "
                        + String.format(Locale.ROOT, PERCENT, 100 * real) + " in the real data, "
                        + String.format(Locale.ROOT, PERCENT, 100 * synthetic) + " here.");
            }
        });
        return out;
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
