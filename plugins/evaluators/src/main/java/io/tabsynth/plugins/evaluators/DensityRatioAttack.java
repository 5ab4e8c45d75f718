package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;

/**
 * Membership inference by density ratio: a random forest (Smile, 50 fully grown trees, fixed seeds) learns to tell
 * synthetic rows from one half of the holdout (the population); its odds P(synthetic | x) / P(population | x)
 * estimate the density ratio p_synthetic(x) / p_population(x), which is high where the generator put more
 * mass than the population has, for instance around memorised training rows. The attack scores training rows
 * (members) and the other half of the holdout (non-members, never seen by either model); its AUC is reported.
 * Up to 2,000 rows of each kind are used.
 */
final class DensityRatioAttack {
    private static final int MAX_ROWS = 2000;
    private static final long SEED = 0xDE45L;

    private DensityRatioAttack() {
    }

    /** The attack's AUC (0.5 = no leak), or NaN when the holdout is too small to split. */
    static double auc(Frame train, Frame holdout, Frame synthetic, Schema schema) {
        int half = Math.min(MAX_ROWS, holdout.rowCount() / 2);
        if (half < 10) {
            return Double.NaN;
        }
        Frame population = Frame.of(holdout.table().inRange(0, half), holdout.schema());
        Frame outsiders = Frame.of(holdout.table().inRange(half, Math.min(holdout.rowCount(), 2 * half)), holdout.schema());
        Frame members = SinglingOut.first(train, outsiders.rowCount());
        Frame syn = SinglingOut.first(synthetic, MAX_ROWS);
        Features fs = new Features(population, schema, null);
        double[][] xs = fs.trees(syn);
        double[][] xp = fs.trees(population);
        List<double[]> x = new ArrayList<>(List.of(xs));
        x.addAll(List.of(xp));
        int[] y = new int[x.size()];
        for (int i = 0; i < xs.length; i++) {
            y[i] = 1;
        }
        String[] names = new String[xs[0].length];
        for (int j = 0; j < names.length; j++) {
            names[j] = "x" + j;
        }
        DataFrame data = DataFrame.of(x.toArray(new double[0][]), names).merge(IntVector.of("y", y));
        // Fully grown trees (leaves of one row): the estimate stays sharp where rows repeat, as memorised rows do.
        RandomForest rf = RandomForest.fit(Formula.lhs("y"), data, 50, Math.max(1, (int) Math.sqrt(names.length)),
                SplitRule.GINI, 40, 100_000, 1, 1.0, null, LongStream.range(SEED, SEED + 50));
        double[] m = ratios(rf, fs.trees(members), names);
        double[] o = ratios(rf, fs.trees(outsiders), names);
        // PrivacyEvaluator.auc measures P(first < second); negated ratios make it P(member ratio > outsider ratio).
        return PrivacyEvaluator.auc(m, o);
    }

    private static double[] ratios(RandomForest rf, double[][] x, String[] names) {
        List<double[]> post = new ArrayList<>();
        rf.predict(DataFrame.of(x, names), post);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, post.get(i)[1]));
            out[i] = -p / (1 - p);
        }
        return out;
    }
}
