package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.Frame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import org.pf4j.Extension;

/**
 * Utility ({@code utility}): train on synthetic, test on the real holdout (TSTR), and train on real, test on
 * the same holdout (TRTR), with gradient boosting, random forest and logistic regression (Smile); the synthetic
 * side trains on as many rows as the real side ({@code syntheticRows}, {@link Models#syntheticTrainingRows}), and
 * either side on at most {@link Models#MAX_TRAINING_ROWS} ({@code realRows}).
 * The target is the {@code target} option. Classification reports accuracy, macro F1 and the F1 of the positive
 * class (the {@code positive} option, else the rarer class of a binary target); {@code syntheticF1}/{@code realF1}
 * are the positive-class F1 for binary targets and macro F1 otherwise, averaged over the models. Regression
 * (numeric targets with more than 10 values) reports R². {@code score} = min(1, synthetic / real); none when the
 * real-trained models score below 0.05 themselves (nothing to compare against).
 */
@Extension
public final class UtilityEvaluator implements Evaluator {
    /** Below this real-trained F1 or R² the target carries no learnable signal and no score is given. */
    static final double MIN_REAL = 0.05;
    /** The classifiers utility trains itself; gradient boosting's predictions are shared with fairness. */
    private static final java.util.List<String> OTHER_CLASSIFIERS = Models.CLASSIFIERS.stream()
            .filter(m -> !m.equals(BoostedPredictions.MODEL)).toList();

    @Override
    public String id() {
        return "utility";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(EvaluationOptions.TARGET, EvaluationOptions.POSITIVE);
    }

    @Override
    public Result evaluate(EvaluationInput input) {
        String target = input.options().get("target");
        Map<String, Object> d = new LinkedHashMap<>();
        if (target == null || target.isBlank()) {
            d.put("note", "utility needs a target column (--target)");
            return new Result(null, Map.of(), d);
        }
        if (input.holdout() == null) {
            d.put("target", target);
            d.put("note", "utility trains on synthetic and tests on a real holdout (--holdout)");
            return new Result(null, Map.of(), d);
        }
        Frame holdout = input.holdout();
        Frame synthetic = Models.syntheticTrainingRows(input);
        Frame realRows = Models.realTrainingRows(input);
        Features onSynthetic = new Features(synthetic, input.schema(), target);
        Features onReal = new Features(input.real(), input.schema(), target);
        d.put("target", target);
        d.put("task", onReal.classification ? "classification" : "regression");
        d.put("syntheticRows", synthetic.rowCount());
        d.put("realRows", realRows.rowCount());
        Map<String, Object> models = new LinkedHashMap<>();
        double syn = 0;
        double real = 0;
        if (onReal.classification) {
            int[] truth = onReal.labels(holdout);
            int positive = positiveClass(input, onReal, truth);
            // the two sides' models are independent and seeded: train them side by side
            ForkJoinTask<Map<String, int[]>> others = ForkJoinTask.adapt(
                    () -> Models.classify(synthetic, holdout, onSynthetic, OTHER_CLASSIFIERS));
            ForkJoinTask<Map<String, int[]>> realOthers = ForkJoinTask.adapt(
                    () -> Models.classify(realRows, holdout, onReal, OTHER_CLASSIFIERS));
            ForkJoinTask.invokeAll(others, realOthers);
            // gradient boosting is shared with fairness: asked for on this evaluator's own thread, which may wait
            BoostedPredictions.Both boosted = BoostedPredictions.of(input, onSynthetic, onReal);
            Map<String, int[]> tstr = new LinkedHashMap<>();
            tstr.put(BoostedPredictions.MODEL, onSynthetic.relabel(boosted.synthetic(), onReal));
            others.join().forEach((m, p) -> tstr.put(m, onSynthetic.relabel(p, onReal)));
            Map<String, int[]> trtr = new LinkedHashMap<>();
            trtr.put(BoostedPredictions.MODEL, boosted.real());
            trtr.putAll(realOthers.join());
            boolean binary = onReal.classes.size() == 2;
            double synAcc = 0;
            double realAcc = 0;
            for (String m : Models.CLASSIFIERS) {
                Map<String, Object> r = new LinkedHashMap<>();
                double sf = binary ? Metrics.f1(truth, tstr.get(m), positive) : Metrics.macroF1(truth, tstr.get(m), onReal.classes.size());
                double rf = binary ? Metrics.f1(truth, trtr.get(m), positive) : Metrics.macroF1(truth, trtr.get(m), onReal.classes.size());
                r.put("syntheticF1", sf);
                r.put("realF1", rf);
                r.put("syntheticMacroF1", Metrics.macroF1(truth, tstr.get(m), onReal.classes.size()));
                r.put("realMacroF1", Metrics.macroF1(truth, trtr.get(m), onReal.classes.size()));
                double sa = Metrics.accuracy(truth, tstr.get(m));
                double ra = Metrics.accuracy(truth, trtr.get(m));
                r.put("syntheticAccuracy", sa);
                r.put("realAccuracy", ra);
                models.put(m, r);
                syn += sf;
                real += rf;
                synAcc += sa;
                realAcc += ra;
            }
            int k = Models.CLASSIFIERS.size();
            syn /= k;
            real /= k;
            d.put("positiveClass", binary ? onReal.classes.get(positive) : null);
            d.put("syntheticF1", syn);
            d.put("realF1", real);
            d.put("syntheticAccuracy", synAcc / k);
            d.put("realAccuracy", realAcc / k);
        } else {
            double[] truth = onReal.targets(holdout);
            Map<String, double[]> tstr = Models.regress(synthetic, holdout, onSynthetic);
            Map<String, double[]> trtr = Models.regress(realRows, holdout, onReal);
            for (String m : Models.REGRESSORS) {
                double s = Metrics.r2(truth, tstr.get(m));
                double r = Metrics.r2(truth, trtr.get(m));
                models.put(m, Map.of("syntheticR2", s, "realR2", r));
                syn += s;
                real += r;
            }
            syn /= Models.REGRESSORS.size();
            real /= Models.REGRESSORS.size();
            d.put("syntheticR2", syn);
            d.put("realR2", real);
        }
        d.put("models", models);
        if (real < MIN_REAL) {
            d.put("note", String.format(java.util.Locale.ROOT, "models trained on the real data cannot predict '%s' "
                    + "either (%s %.3f), so the ratio is not a meaningful utility score", target,
                    onReal.classification ? "F1" : "R²", real));
            return new Result(null, Map.of(), d);
        }
        return new Result(Math.max(0, Math.min(1, syn / real)), Map.of(), d);
    }

    /** The positive class: the {@code positive} option, else the rarer class in the real data. */
    private static int positiveClass(EvaluationInput input, Features fs, int[] truth) {
        String given = input.options().get("positive");
        if (given != null && fs.classes.contains(given)) {
            return fs.classes.indexOf(given);
        }
        return Math.max(0, fs.classes.size() - 1);
    }
}
