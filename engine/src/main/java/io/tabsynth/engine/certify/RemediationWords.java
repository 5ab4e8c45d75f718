package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.JsonOutput;
import java.util.ArrayList;
import java.util.Iterator;
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

    /** The cost in fidelity and utility, from the report; says so when the report does not measure it. */
    private String cost(String column) {
        List<String> parts = new ArrayList<>();
        if (report.path("fidelity").has("score")) {
            parts.add(String.format(Locale.ROOT, "fidelity score of this data %.3f", report.path("fidelity").path("score").asDouble()));
        }
        JsonNode byColumn = report.path("fairness").path("protected").path(column);
        JsonNode mine = byColumn.path("syntheticTrainedModel");
        JsonNode plain = byColumn.path("comparedTrainedModel");
        if (mine.has("f1") && plain.has("f1")) {
            parts.add(String.format(Locale.ROOT, "a model trained on this data scores F1 %.3f on the real holdout against"
                    + " %.3f for one trained on the plain sample (%+.3f), with a demographic-parity difference of %.3f"
                    + " against %.3f and an equalised-odds difference of %.3f against %.3f",
                    mine.path("f1").asDouble(), plain.path("f1").asDouble(),
                    mine.path("f1").asDouble() - plain.path("f1").asDouble(),
                    mine.path("demographicParityDifference").asDouble(), plain.path("demographicParityDifference").asDouble(),
                    mine.path("equalizedOddsDifference").asDouble(), plain.path("equalizedOddsDifference").asDouble()));
        }
        if (parts.isEmpty()) {
            return "Cost: not measured; the report holds no fidelity score and no comparison with the plain sample"
                    + " (tabsynth evaluate --compare PLAIN --holdout H).";
        }
        return "Cost: " + String.join("; ", parts) + (plain.has("f1") ? "." : "; the report holds no comparison with the"
                + " plain sample (tabsynth evaluate --compare PLAIN --holdout H), so the cost in utility is not measured.");
    }

    /** The comparison of section (f), in words, for each protected column the fairness evaluator compared. */
    static List<String> examination(JsonNode fairness) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fairness.path("protected").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            if (!c.has("comparedDisparateImpact")) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "By %s: disparate impact of the real data %.3f, of the plain synthetic"
                    + " sample %.3f, of this data %.3f.", e.getKey(), c.path("realDisparateImpact").asDouble(),
                    c.path("comparedDisparateImpact").asDouble(), c.path("syntheticDisparateImpact").asDouble()));
        }
        return out;
    }

    /** {@code ' Female' 0.114, ' Male' 0.305}. */
    private static String rates(JsonNode byGroup) {
        List<String> parts = new ArrayList<>();
        byGroup.fields().forEachRemaining(e -> parts.add(String.format(Locale.ROOT, "'%s' %.3f", e.getKey(),
                e.getValue().asDouble())));
        return String.join(", ", parts);
    }
}
