package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * The models utility and fairness train, with Smile and fixed seeds: gradient boosting ({@link #TREES} trees),
 * random forest ({@link #TREES} trees) and, for classification, L2-regularised logistic regression (at most
 * {@link #LOGISTIC_ITERATIONS} iterations). Each is trained on one frame
 * and predicts another; the encoding of both comes from {@link Features} learned on the training frame.
 */
final class Models {
    static final long SEED = 20261123L;
    static final List<String> CLASSIFIERS = List.of("gradientBoosting", "randomForest", "logisticRegression");
    static final List<String> REGRESSORS = List.of("gradientBoosting", "randomForest");

    private Models() {
    }

    /**
     * The most rows a model learns from, real or synthetic: a fixed random sample of larger data. Training work
     * grows with the rows while the scores barely move past this size (on adult, each model's F1 by at most 0.02;
     * docs/evaluation.md).
     */
    static final int MAX_TRAINING_ROWS = 10_000;

    /**
     * Trees of each gradient-boosting model and random forest. Training time grows with the trees; on adult, half
     * of the 100 trees used before moved no model's F1 by more than 0.02 (docs/evaluation.md).
     */
    static final int TREES = 50;

    /** The most iterations of a logistic regression's optimiser. */
    static final int LOGISTIC_ITERATIONS = 200;

    /** The real rows the models learn from: all of them, or a fixed random sample of {@link #MAX_TRAINING_ROWS}. */
    static Frame realTrainingRows(EvaluationInput input) {
        return input.real().sample(MAX_TRAINING_ROWS, SEED + 1);
    }

    /**
     * The synthetic rows the models learn from: as many as the real side learns from, a fixed random sample
     * when there are more, so that models trained on synthetic and on real data learn from the same amount of
     * data (and a large synthetic file does not make the evaluation slow).
     */
    static Frame syntheticTrainingRows(EvaluationInput input) {
        return syntheticTrainingRows(input, input.synthetic());
    }

    /** As {@link #syntheticTrainingRows(EvaluationInput)}, from other synthetic data (the input's compared data). */
    static Frame syntheticTrainingRows(EvaluationInput input, Frame synthetic) {
        return synthetic.sample(Math.min(input.real().rowCount(), MAX_TRAINING_ROWS), SEED);
    }

    /**
     * Class predictions for {@code test} of the named classifiers ({@link #CLASSIFIERS}) trained on {@code train};
     * rows with an unknown class are dropped from training.
     */
    static Map<String, int[]> classify(Frame train, Frame test, Features fs, List<String> which) {
        int[] y = fs.labels(train);
        double[][] xt = keep(fs.trees(train), y);
        double[][] xl = keep(fs.linear(train), y);
        int[] yk = java.util.Arrays.stream(y).filter(v -> v >= 0).toArray();
        Map<String, int[]> out = new LinkedHashMap<>();
        if (fs.classes.size() < 2 || yk.length < 2) {
            int[] constant = new int[test.rowCount()];
            which.forEach(m -> out.put(m, constant));
            return out;
        }
        DataFrame trainTrees = frame(xt).merge(IntVector.of("y", yk));
        DataFrame testTrees = frame(fs.trees(test));
        Formula formula = Formula.lhs("y");
        int p = xt[0].length;
        if (which.contains("gradientBoosting")) {
            MathEx.setSeed(SEED);
            GradientTreeBoost gbt = GradientTreeBoost.fit(formula, trainTrees, TREES, 20, 31, 5, 0.1, 0.7);
            out.put("gradientBoosting", gbt.predict(testTrees));
        }
        if (which.contains("randomForest")) {
            RandomForest rf = RandomForest.fit(formula, trainTrees, TREES, Math.max(1, (int) Math.sqrt(p)), SplitRule.GINI,
                    20, 500, 5, 1.0, null, LongStream.range(SEED, SEED + TREES));
            out.put("randomForest", rf.predict(testTrees));
        }
        if (which.contains("logisticRegression")) {
            LogisticRegression lr = LogisticRegression.fit(xl, yk, 0.1, 1e-5, LOGISTIC_ITERATIONS);
            double[][] testLinear = fs.linear(test);
            int[] pred = new int[testLinear.length];
            for (int i = 0; i < pred.length; i++) {
                pred[i] = lr.predict(testLinear[i]);
            }
            out.put("logisticRegression", pred);
        }
        return out;
    }

    /** Predictions for {@code test} of each regressor trained on {@code train}; rows with a missing target are dropped. */
    static Map<String, double[]> regress(Frame train, Frame test, Features fs) {
        double[] y = fs.targets(train);
        double[][] x = fs.trees(train);
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                rows.add(x[i]);
                ys.add(y[i]);
            }
        }
        DataFrame df = frame(rows.toArray(new double[0][])).merge(
                DoubleVector.of("y", ys.stream().mapToDouble(Double::doubleValue).toArray()));
        DataFrame testDf = frame(fs.trees(test));
        Formula formula = Formula.lhs("y");
        Map<String, double[]> out = new LinkedHashMap<>();
        MathEx.setSeed(SEED);
        out.put("gradientBoosting", smile.regression.GradientTreeBoost.fit(formula, df, smile.base.cart.Loss.ls(), TREES, 20,
                31, 5, 0.1, 0.7).predict(testDf));
        out.put("randomForest", smile.regression.RandomForest.fit(formula, df, TREES, Math.max(1, x[0].length / 3), 20, 500,
                5, 1.0, LongStream.range(SEED, SEED + TREES)).predict(testDf));
        return out;
    }

    /**
     * A seeded random forest telling class 1 from class 0, and its probability of class 1 for other rows:
     * the two-sample classifier behind the detection score and the density-ratio attack.
     */
    static double[] classOneProbability(double[][] x, int[] y, double[][] test, int trees, int maxDepth, int maxNodes,
                                        int nodeSize, long seed) {
        DataFrame train = frame(x).merge(IntVector.of("y", y));
        int p = x[0].length;
        RandomForest rf = RandomForest.fit(Formula.lhs("y"), train, trees, Math.max(1, (int) Math.sqrt(p)),
                SplitRule.GINI, maxDepth, maxNodes, nodeSize, 1.0, null, LongStream.range(seed, seed + trees));
        List<double[]> posteriori = new ArrayList<>();
        rf.predict(frame(test), posteriori);
        double[] out = new double[test.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = posteriori.get(i)[1];
        }
        return out;
    }

    private static DataFrame frame(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + j;
        }
        return DataFrame.of(x, names);
    }

    private static double[][] keep(double[][] x, int[] y) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= 0) {
                out.add(x[i]);
            }
        }
        return out.toArray(new double[0][]);
    }
}
