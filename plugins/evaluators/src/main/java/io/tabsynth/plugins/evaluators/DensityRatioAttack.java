package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;

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
        Frame members = train.head(outsiders.rowCount());
        Frame syn = synthetic.head(MAX_ROWS);
        Features fs = new Features(population, schema, null);
        double[][] xs = fs.trees(syn);
        double[][] xp = fs.trees(population);
        double[][] x = new double[xs.length + xp.length][];
        int[] y = new int[x.length];
        for (int i = 0; i < xs.length; i++) {
            x[i] = xs[i];
            y[i] = 1;
        }
        System.arraycopy(xp, 0, x, xs.length, xp.length);
        // Fully grown trees (leaves of one row): the estimate stays sharp where rows repeat, as memorised rows do.
        double[][] xm = fs.trees(members);
        double[][] xo = fs.trees(outsiders);
        double[][] test = new double[xm.length + xo.length][];
        System.arraycopy(xm, 0, test, 0, xm.length);
        System.arraycopy(xo, 0, test, xm.length, xo.length);
        double[] all = odds(Models.classOneProbability(x, y, test, 50, 40, 100_000, 1, SEED));
        double[] m = java.util.Arrays.copyOfRange(all, 0, xm.length);
        double[] o = java.util.Arrays.copyOfRange(all, xm.length, all.length);
        // PrivacyEvaluator.auc measures P(first < second); negated odds make it P(member ratio > outsider ratio).
        return PrivacyEvaluator.auc(m, o);
    }

    /** Negated odds p / (1 - p), probabilities kept off 0 and 1. */
    private static double[] odds(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < out.length; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
            out[i] = -q / (1 - q);
        }
        return out;
    }
}
