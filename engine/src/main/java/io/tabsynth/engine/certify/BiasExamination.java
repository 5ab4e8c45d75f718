package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section (f) of the data card, the examination of possible biases: the report's fairness evaluation in sentences
 * (disparate impact, the models trained on each data scored on the real holdout, and what the fairness score
 * measures) and a small table of each group's share and rate of the positive class, real beside synthetic (and beside
 * the compared sample, such as the plain sample beside a remediated one, when the report has one).
 */
final class BiasExamination {
    private static final String NUMBER = "%.3f";

    private final JsonNode fairness;
    private final String outcome;

    /** @param fairness the report's {@code fairness} section (a missing node when it has none) */
    BiasExamination(JsonNode fairness) {
        this.fairness = fairness;
        this.outcome = fairness.path("target").asText() + " = '" + fairness.path("positiveClass").asText() + "'";
    }

    /** The sentences of the section. */
    List<String> paragraphs() {
        if (fairness.isMissingNode()) {
            return List.of("The report holds no fairness evaluation; run the fairness evaluator with --target and"
                    + " --protected columns.");
        }
        if (!fairness.has("protected")) {
            return List.of("The fairness evaluator did not examine any group: "
                    + fairness.path("note").asText("it was given no --target and --protected columns") + ".");
        }
        List<String> out = new ArrayList<>();
        out.add("The fairness evaluator compared the groups of " + String.join(", ", columns()) + " for " + outcome
                + ": each group's share of the rows and its rate of " + outcome + " (the table below), and the"
                + " disparate impact, the lowest group's rate over the highest's (1: every group has the same rate).");
        for (Map.Entry<String, JsonNode> column : fairness.path("protected").properties()) {
            out.add(impact(column.getKey(), column.getValue()));
            String models = trainedModels(column.getKey(), column.getValue());
            if (models != null) {
                out.add(models);
            }
        }
        if (fairness.has("score")) {
            out.add(String.format(Locale.ROOT, "Fairness score " + NUMBER + " out of 1. It measures how faithfully this"
                    + " data keeps the real data's group shares and disparate impact (1: the same as the real data,"
                    + " biases included), not how fair the data is: data sampled towards parity departs from the real"
                    + " data's disparate impact on purpose, and its score is lower by design.",
                    fairness.path("score").asDouble()));
        }
        return out;
    }

    /** The table: one row per protected column and group. */
    List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> column : fairness.path("protected").properties()) {
            for (Map.Entry<String, JsonNode> group : column.getValue().path("groups").properties()) {
                JsonNode g = group.getValue();
                rows.add(new String[] {column.getKey() + " = '" + group.getKey() + "'",
                        "share of the rows: " + sideBySide(g, "Share") + "; rate of " + outcome + ": "
                                + sideBySide(g, "BaseRate")});
            }
        }
        return rows;
    }

    private String impact(String column, JsonNode c) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "By %s: disparate impact of the real data "
                + NUMBER, column, c.path("realDisparateImpact").asDouble()));
        if (c.has("comparedDisparateImpact")) {
            b.append(String.format(Locale.ROOT, ", of the sample compared with it (--compare) " + NUMBER,
                    c.path("comparedDisparateImpact").asDouble()));
        }
        return b.append(String.format(Locale.ROOT, ", of this data " + NUMBER + "; the group shares differ from the"
                + " real data's by " + NUMBER + " (total variation distance).", c.path("syntheticDisparateImpact")
                .asDouble(), c.path("groupShareDifference").asDouble())).toString();
    }

    /** The models trained on each data and scored on the real holdout, or {@code null} when there was no holdout. */
    private static String trainedModels(String column, JsonNode c) {
        if (!c.has("syntheticTrainedModel")) {
            return null;
        }
        StringBuilder b = new StringBuilder("Gradient-boosting models predicting the real holdout, by " + column
                + " (demographic-parity difference, equalised-odds difference, F1): trained on this data "
                + modelFigures(c.path("syntheticTrainedModel")));
        if (c.has("comparedTrainedModel")) {
            b.append(", on the compared sample ").append(modelFigures(c.path("comparedTrainedModel")));
        }
        return b.append(", on the real data ").append(modelFigures(c.path("realTrainedModel"))).append('.').toString();
    }

    private static String modelFigures(JsonNode model) {
        return String.format(Locale.ROOT, NUMBER + ", " + NUMBER + ", " + NUMBER,
                model.path("demographicParityDifference").asDouble(), model.path("equalizedOddsDifference").asDouble(),
                model.path("f1").asDouble());
    }

    /** {@code real 0.305, compared sample 0.299, this data 0.500} from {@code realShare}, {@code comparedShare}, ... */
    private static String sideBySide(JsonNode group, String figure) {
        StringBuilder b = new StringBuilder("real ").append(figure(group.path("real" + figure)));
        if (group.has("compared" + figure)) {
            b.append(", compared sample ").append(figure(group.path("compared" + figure)));
        }
        return b.append(", this data ").append(figure(group.path("synthetic" + figure))).toString();
    }

    /** A figure, or "no rows" for the rate of a group with none. */
    private static String figure(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, NUMBER, value.asDouble()) : "no rows";
    }

    private List<String> columns() {
        List<String> names = new ArrayList<>();
        fairness.path("protected").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
