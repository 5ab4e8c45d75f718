package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.JsonOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The data card's account of a fairness remediation (Art. 10(2)(f) and (g)), in plain words: what the sample step
 * changed ({@code --fairness}, {@code --rebalance}) and why (the disparate impact the model had learned), what it
 * achieved (the figures lineage recorded), and what it cost in fidelity and utility (the evaluation report's figures
 * where it has them: the fidelity score, and the fairness evaluator's comparison with the plain sample).
 */
final class RemediationWords {
    private static final String UTILITY_UNMEASURED = ", so the cost in utility is not measured";

    private final Map<String, String> params;
    private final JsonNode results;
    private final JsonNode report;

    private RemediationWords(Step sample, JsonNode report) {
        this.params = sample.parameters();
        this.results = JsonOutput.mapper().valueToTree(sample.results());
        this.report = report;
    }

    /** The words for the sample step, or {@code null} when it made no remediation (or there is no sample step). */
    static RemediationWords of(Step sample, JsonNode report) {
        return sample == null || !sample.parameters().containsKey("remediation.method") ? null
                : new RemediationWords(sample, report);
    }

    /** What was changed, why, what was achieved, and what it cost: the sentences of section (g). */
    List<String> measures() {
        List<String> out = new ArrayList<>();
        String column = params.getOrDefault("fairness.protected", params.get("rebalance.column"));
        StringBuilder changed = new StringBuilder("Mitigation applied when sampling: ");
        if (params.containsKey("fairness.target")) {
            String ratio = params.get("fairness.ratio");
            changed.append(String.format(Locale.ROOT, "the share of rows with %s = '%s' was set %s across the groups of %s",
                    params.get("fairness.target"), params.get("fairness.positive"),
                    "1".equals(ratio) ? "equal (demographic parity)" : "to at least " + ratio + " times the most favoured group's",
                    column));
        }
        if (params.containsKey("rebalance.column")) {
            changed.append(params.containsKey("fairness.target") ? "; " : "").append("the groups of ").append(column)
                    .append(" were given ").append("equal".equals(params.get("rebalance.shares")) ? "equal shares of the rows"
                            : "the shares " + params.get("rebalance.shares"));
        }
        changed.append(". Everything else was drawn as the model learned it: the group and the target value of each row"
                + " were allocated first, and the rest of the row was drawn conditioned on them (method: ")
                .append(params.get("remediation.method")).append(").");
        out.add(changed.toString());
        JsonNode learned = results.path("remediation.learned");
        JsonNode achieved = results.path("remediation.achieved");
        if (learned.has("disparateImpact")) {
            out.add(String.format(Locale.ROOT, "Why: the model had learned a disparate impact of %.3f (lowest group's"
                    + " share of '%s' over the highest's; positive rates %s), as it learned from the real data.",
                    learned.path("disparateImpact").asDouble(), params.get("fairness.positive"),
                    rates(learned.path("positiveRates"))));
            out.add(String.format(Locale.ROOT, "Achieved in this data: disparate impact %.3f (positive rates %s); group"
                    + " shares %s.", achieved.path("disparateImpact").asDouble(), rates(achieved.path("positiveRates")),
                    rates(achieved.path("groupShares"))));
        } else {
            out.add("Why: to change the groups' representation from the learned shares " + rates(learned.path("groupShares"))
                    + ". Achieved in this data: group shares " + rates(achieved.path("groupShares")) + ".");
        }
        out.add(cost(column));
        return out;
    }

    /**
     * The cost in fidelity and utility, from the report; what the report lacks to measure the rest is named with the
     * option that adds it: a fidelity score ({@code --evaluators fidelity}), a fairness evaluation of the protected
     * column, a comparison with the plain sample ({@code --compare}), and a real holdout to score the models trained
     * on each ({@code --holdout}).
     */
    private String cost(String column) {
        List<String> measured = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (report.path("fidelity").has("score")) {
            measured.add(String.format(Locale.ROOT, "fidelity score of this data %.3f", report.path("fidelity").path("score").asDouble()));
        } else {
            missing.add("no fidelity score (tabsynth evaluate --evaluators fidelity), so the cost in fidelity is not measured");
        }
        JsonNode byColumn = report.path("fairness").path("protected").path(column);
        JsonNode mine = byColumn.path("syntheticTrainedModel");
        JsonNode plain = byColumn.path("comparedTrainedModel");
        if (mine.has("f1") && plain.has("f1")) {
            measured.add(String.format(Locale.ROOT, "a model trained on this data scores F1 %.3f on the real holdout against"
                    + " %.3f for one trained on the plain sample (%+.3f), with a demographic-parity difference of %.3f"
                    + " against %.3f and an equalised-odds difference of %.3f against %.3f",
                    mine.path("f1").asDouble(), plain.path("f1").asDouble(),
                    mine.path("f1").asDouble() - plain.path("f1").asDouble(),
                    mine.path("demographicParityDifference").asDouble(), plain.path("demographicParityDifference").asDouble(),
                    mine.path("equalizedOddsDifference").asDouble(), plain.path("equalizedOddsDifference").asDouble()));
        } else if (byColumn.isMissingNode()) {
            missing.add("no fairness evaluation of " + column + " (tabsynth evaluate --evaluators fairness --protected "
                    + column + " --target T --compare PLAIN --holdout H)" + UTILITY_UNMEASURED);
        } else {
            missing.add(missingComparison(byColumn.has("comparedDisparateImpact"), mine.has("f1")));
        }
        StringBuilder b = new StringBuilder("Cost: ");
        b.append(measured.isEmpty() ? "not measured" : String.join("; ", measured));
        if (!missing.isEmpty()) {
            b.append("; the report holds ").append(String.join("; it holds ", missing));
        }
        return b.append('.').toString();
    }

    /** What keeps the report from measuring the cost in utility, given whether it compared and had a holdout. */
    private static String missingComparison(boolean compared, boolean holdout) {
        if (compared) {
            return "a comparison with the plain sample (--compare) but no real holdout (--holdout H) to score models"
                    + " trained on each" + UTILITY_UNMEASURED;
        }
        if (holdout) {
            return "no comparison with the plain sample (--compare PLAIN): a model trained on this data was scored on"
                    + " the real holdout, but none trained on the plain sample to set beside it" + UTILITY_UNMEASURED;
        }
        return "no comparison with the plain sample (--compare PLAIN) and no real holdout (--holdout H), so no model"
                + " trained on either was scored and the cost in utility is not measured";
    }

    /** {@code ' Female' 0.114, ' Male' 0.305}. */
    private static String rates(JsonNode byGroup) {
        List<String> parts = new ArrayList<>();
        byGroup.fields().forEachRemaining(e -> parts.add(String.format(Locale.ROOT, "'%s' %.3f", e.getKey(),
                e.getValue().asDouble())));
        return String.join(", ", parts);
    }
}
