package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareCategories;
import io.tabsynth.spi.disclosure.RareValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.Extension;

/**
 * Fairness ({@code fairness}) across the groups of each protected column ({@code protected} option) for the
 * {@code target}: each group's share of rows, real versus synthetic; the target's base rate (share of the
 * positive class) per group and the disparate-impact ratio (lowest rate / highest rate), real versus
 * synthetic; and with a holdout, for a gradient-boosting model trained on synthetic data (as many rows as the
 * real data, {@link Models#syntheticTrainingRows}) versus one trained on real data, predicting the holdout: the
 * demographic-parity difference (spread of positive-prediction rates across groups) and the equalised-odds
 * difference (the larger spread of true- and false-positive rates). {@code score} = mean over protected
 * columns of 1 − (total variation of group shares + |Δ disparate impact|) / 2: how faithfully the synthetic
 * data keeps the real data's group structure, biases included. Groups fewer than {@link RareValues#DEFAULT_MIN_COUNT}
 * real rows hold are reported together as one group, {@link RareCategories#label}, so the report names no rare value.
 *
 * <p>With other synthetic data to compare ({@link EvaluationInput#compared}, {@code evaluate --compare}), such as the
 * plain sample of a model whose remediated sample is evaluated, the same figures are reported for it beside the
 * synthetic data's ({@code comparedShare}, {@code comparedBaseRate}, {@code comparedDisparateImpact},
 * {@code comparedTrainedModel}); each trained model's figures include the F1 of the positive class on the holdout.
 */
@Extension
public final class FairnessEvaluator implements Evaluator {
    /** How many of the most frequent classes an unknown {@code positive} option's message names. */
    private static final int FREQUENT_CLASSES_NAMED = 5;

    @Override
    public String id() {
        return "fairness";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(EvaluationOptions.TARGET, EvaluationOptions.PROTECTED, EvaluationOptions.POSITIVE);
    }

    @Override
    public Result evaluate(EvaluationInput input) {
        String target = input.options().get("target");
        String prot = input.options().get("protected");
        Map<String, Object> d = new LinkedHashMap<>();
        if (target == null || prot == null || prot.isBlank()) {
            d.put("note", "fairness needs --target and --protected columns");
            return new Result(null, Map.of(), d);
        }
        Features fs = new Features(input.real(), input.schema(), target);
        if (!fs.classification) {
            throw new BadInputException("fairness needs a categorical target; '" + target + "' is numeric");
        }
        int positive = positiveClass(input.options().get("positive"), fs, input.real());
        Map<String, int[]> synPred = null;
        Map<String, int[]> realPred = null;
        int[] comparedPred = null;
        int[] truth = null;
        Frame holdout = input.holdout();
        if (holdout != null) {
            Features onSyn = new Features(Models.syntheticTrainingRows(input), input.schema(), target);
            BoostedPredictions.Both boosted = BoostedPredictions.of(input, onSyn, fs);
            synPred = Map.of("p", onSyn.relabel(boosted.synthetic(), fs));
            realPred = Map.of("gradientBoosting", boosted.real());
            truth = fs.labels(holdout);
            if (input.compared() != null) {
                Frame rows = Models.syntheticTrainingRows(input, input.compared());
                Features onCompared = new Features(rows, input.schema(), target);
                comparedPred = onCompared.relabel(Models.classify(rows, holdout, onCompared,
                        List.of(BoostedPredictions.MODEL)).get(BoostedPredictions.MODEL), fs);
            }
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        double scoreSum = 0;
        for (String column : prot.split(",")) {
            String c = column.trim();
            input.schema().indexOf(c);
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> realValues = values(input.real(), c);
            Set<String> rare = RareCategories.of(counts(realValues), RareValues.DEFAULT_MIN_COUNT);
            String rareLabel = RareCategories.label(rare.size());
            List<String> realGroups = grouped(realValues, rare, rareLabel);
            List<String> synGroups = grouped(values(input.synthetic(), c), rare, rareLabel);
            List<String> groups = new ArrayList<>(new TreeSet<>(realGroups));
            Map<String, Object> byGroup = new LinkedHashMap<>();
            double tv = 0;
            double realMin = Double.POSITIVE_INFINITY;
            double realMax = 0;
            double synMin = Double.POSITIVE_INFINITY;
            double synMax = 0;
            double cmpMin = Double.POSITIVE_INFINITY;
            double cmpMax = 0;
            List<String> cmpGroups = input.compared() == null ? null
                    : grouped(values(input.compared(), c), rare, rareLabel);
            for (String g : groups) {
                double[] r = shareAndRate(input.real(), realGroups, g, fs, positive);
                double[] s = shareAndRate(input.synthetic(), synGroups, g, fs, positive);
                tv += Math.abs(r[0] - s[0]);
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("realShare", r[0]);
                gm.put("syntheticShare", s[0]);
                gm.put("realBaseRate", Double.isNaN(r[1]) ? null : r[1]);
                gm.put("syntheticBaseRate", Double.isNaN(s[1]) ? null : s[1]);
                if (cmpGroups != null) {
                    double[] k = shareAndRate(input.compared(), cmpGroups, g, fs, positive);
                    gm.put("comparedShare", k[0]);
                    gm.put("comparedBaseRate", Double.isNaN(k[1]) ? null : k[1]);
                    if (!Double.isNaN(k[1])) {
                        cmpMin = Math.min(cmpMin, k[1]);
                        cmpMax = Math.max(cmpMax, k[1]);
                    }
                }
                byGroup.put(g, gm);
                if (!Double.isNaN(r[1])) {
                    realMin = Math.min(realMin, r[1]);
                    realMax = Math.max(realMax, r[1]);
                }
                if (!Double.isNaN(s[1])) {
                    synMin = Math.min(synMin, s[1]);
                    synMax = Math.max(synMax, s[1]);
                }
            }
            double realDi = realMax > 0 ? realMin / realMax : 1;
            double synDi = synMax > 0 ? synMin / synMax : 1;
            out.put("groups", byGroup);
            out.put("groupShareDifference", tv / 2);
            out.put("realDisparateImpact", realDi);
            out.put("syntheticDisparateImpact", synDi);
            if (cmpGroups != null) {
                out.put("comparedDisparateImpact", cmpMax > 0 ? cmpMin / cmpMax : 1);
            }
            if (truth != null) {
                List<String> holdoutGroups = grouped(values(holdout, c), rare, rareLabel);
                out.put("syntheticTrainedModel", modelGaps(synPred.get("p"), truth, holdoutGroups, groups, positive));
                out.put("realTrainedModel", modelGaps(realPred.get("gradientBoosting"), truth, holdoutGroups, groups, positive));
                if (comparedPred != null) {
                    out.put("comparedTrainedModel", modelGaps(comparedPred, truth, holdoutGroups, groups, positive));
                }
            }
            double colScore = 1 - (tv / 2 + Math.abs(realDi - synDi)) / 2;
            out.put("score", colScore);
            scoreSum += colScore;
            columns.put(c, out);
        }
        d.put("target", target);
        d.put("positiveClass", fs.classes.get(positive));
        d.put("protected", columns);
        return new Result(Math.max(0, Math.min(1, scoreSum / columns.size())), Map.of(), d);
    }

    /**
     * The positive class: the {@code positive} option, else the rarer class of a binary target, else the most
     * frequent class (a many-class target's rarest class may be a value one real row holds, and the report would
     * publish it). An unknown class is bad input naming the most frequent classes, never a rare one.
     */
    private static int positiveClass(String given, Features fs, Frame real) {
        if (given == null || given.isEmpty()) {
            return fs.classes.size() == 2 ? 1 : 0;
        }
        if (!fs.classes.contains(given)) {
            Set<String> rare = RareCategories.of(counts(values(real, fs.target)), RareValues.DEFAULT_MIN_COUNT);
            List<String> frequent = fs.classes.stream().filter(c -> !rare.contains(c)).limit(FREQUENT_CLASSES_NAMED).toList();
            throw new BadInputException("--option positive=" + given + " is not a class of the target '" + fs.target
                    + "' in the real data; its most frequent classes are " + String.join(", ", frequent));
        }
        return fs.classes.indexOf(given);
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> out = new HashMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    /** The values with each rare one replaced by the label that stands for them all, so no report names it. */
    private static List<String> grouped(List<String> values, Set<String> rare, String rareLabel) {
        return values.stream().map(v -> rare.contains(v) ? rareLabel : v).toList();
    }

    private static List<String> values(Frame f, String column) {
        int col = f.schema().indexOf(column);
        List<String> out = new ArrayList<>(f.rowCount());
        for (int r = 0; r < f.rowCount(); r++) {
            out.add(String.valueOf(CellText.of(f, col, r)));
        }
        return out;
    }

    /** The group's share of rows (by each row's group {@code g}) and its positive-class rate (NaN when the group is empty). */
    private static double[] shareAndRate(Frame f, List<String> g, String group, Features fs, int positive) {
        int[] y = fs.labels(f);
        int n = 0;
        int pos = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.get(i).equals(group)) {
                n++;
                pos += y[i] == positive ? 1 : 0;
            }
        }
        return new double[] {f.rowCount() == 0 ? 0 : n / (double) f.rowCount(), n == 0 ? Double.NaN : pos / (double) n};
    }

    private static Map<String, Object> modelGaps(int[] pred, int[] truth, List<String> rowGroups, List<String> groups,
                                                 int positive) {
        double ppMin = 1;
        double ppMax = 0;
        double tprMin = 1;
        double tprMax = 0;
        double fprMin = 1;
        double fprMax = 0;
        for (String g : groups) {
            int n = 0;
            int predPos = 0;
            int pos = 0;
            int tp = 0;
            int neg = 0;
            int fp = 0;
            for (int i = 0; i < pred.length; i++) {
                if (!rowGroups.get(i).equals(g) || truth[i] < 0) {
                    continue;
                }
                n++;
                boolean p = pred[i] == positive;
                predPos += p ? 1 : 0;
                if (truth[i] == positive) {
                    pos++;
                    tp += p ? 1 : 0;
                } else {
                    neg++;
                    fp += p ? 1 : 0;
                }
            }
            if (n == 0) {
                continue;
            }
            ppMin = Math.min(ppMin, predPos / (double) n);
            ppMax = Math.max(ppMax, predPos / (double) n);
            if (pos > 0) {
                tprMin = Math.min(tprMin, tp / (double) pos);
                tprMax = Math.max(tprMax, tp / (double) pos);
            }
            if (neg > 0) {
                fprMin = Math.min(fprMin, fp / (double) neg);
                fprMax = Math.max(fprMax, fp / (double) neg);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("demographicParityDifference", Math.max(0, ppMax - ppMin));
        out.put("equalizedOddsDifference", Math.max(Math.max(0, tprMax - tprMin), Math.max(0, fprMax - fprMin)));
        out.put("f1", Metrics.f1(truth, pred, positive));
        return out;
    }
}
