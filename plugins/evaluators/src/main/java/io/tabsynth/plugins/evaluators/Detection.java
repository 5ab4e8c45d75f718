package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection score: a random forest (Smile, {@link #TREES} trees, fixed seeds) learns to tell real rows from synthetic
 * ones on 70 % of up to 5,000 rows of each, and its AUC is measured on the other 30 %. An AUC of 0.5 means the
 * classifier cannot tell them apart; {@code score} = 1 − 2·max(0, AUC − 0.5).
 */
final class Detection {
    private static final int MAX_ROWS = 5000;
    /**
     * Trees of the forest. Training time grows with the trees; on adult's copula sample, half of the 100 used
     * before moved the AUC by less than 0.01 (docs/evaluation.md).
     */
    static final int TREES = 50;
    private static final long SEED = 0xD37EC7L;

    private Detection() {
    }

    static Map<String, Object> of(Frame real, Frame synthetic, Schema schema) {
        Frame r = real.sample(MAX_ROWS, SEED);
        Frame s = synthetic.sample(MAX_ROWS, SEED + 1);
        Features fs = new Features(r, schema, null);
        double[][] xr = fs.trees(r);
        double[][] xs = fs.trees(s);
        int n = xr.length + xs.length;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < xr.length; i++) {
            x[i] = xr[i];
        }
        for (int i = 0; i < xs.length; i++) {
            x[xr.length + i] = xs[i];
            y[xr.length + i] = 1;
        }
        int[] order = new Rng(SEED + 2).permutation(n);
        int cut = (int) (0.7 * n);
        List<double[]> trainX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<double[]> testX = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            (k < cut ? trainX : testX).add(x[i]);
            (k < cut ? trainY : testY).add(y[i]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (x.length == 0 || x[0].length == 0 || testX.isEmpty()) {
            out.put("auc", null);
            return out;
        }
        double[] p = Models.classOneProbability(trainX.toArray(new double[0][]),
                trainY.stream().mapToInt(Integer::intValue).toArray(), testX.toArray(new double[0][]), TREES, 20, 500, 5, SEED);
        double[] synScores = new double[(int) testY.stream().filter(v -> v == 1).count()];
        double[] realScores = new double[testY.size() - synScores.length];
        int a = 0;
        int b = 0;
        for (int i = 0; i < testY.size(); i++) {
            if (testY.get(i) == 1) {
                synScores[a++] = -p[i];
            } else {
                realScores[b++] = -p[i];
            }
        }
        // PrivacyEvaluator.auc measures P(first < second); with negated scores that is P(p_syn > p_real).
        double auc = PrivacyEvaluator.auc(synScores, realScores);
        out.put("auc", auc);
        out.put("score", 1 - 2 * Math.max(0, auc - 0.5));
        out.put("rows", n);
        return out;
    }
}
