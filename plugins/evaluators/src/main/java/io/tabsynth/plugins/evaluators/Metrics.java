package io.tabsynth.plugins.evaluators;

/** Prediction quality: accuracy, F1 per class and macro F1, R². */
final class Metrics {
    private Metrics() {
    }

    /** Share of rows with a known true class that were predicted right. */
    static double accuracy(int[] truth, int[] pred) {
        int n = 0;
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] >= 0) {
                n++;
                right += truth[i] == pred[i] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : right / (double) n;
    }

    /** F1 of one class: harmonic mean of its precision and recall (0 when it is never predicted or present). */
    static double f1(int[] truth, int[] pred, int cls) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                continue;
            }
            boolean t = truth[i] == cls;
            boolean p = pred[i] == cls;
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** Unweighted mean of the F1 of every class. */
    static double macroF1(int[] truth, int[] pred, int classes) {
        double s = 0;
        for (int c = 0; c < classes; c++) {
            s += f1(truth, pred, c);
        }
        return classes == 0 ? 0 : s / classes;
    }

    /** Coefficient of determination over rows whose truth is known. */
    static double r2(double[] truth, double[] pred) {
        double mean = 0;
        int n = 0;
        for (double t : truth) {
            if (!Double.isNaN(t)) {
                mean += t;
                n++;
            }
        }
        mean /= Math.max(1, n);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isNaN(truth[i])) {
                ssRes += (truth[i] - pred[i]) * (truth[i] - pred[i]);
                ssTot += (truth[i] - mean) * (truth[i] - mean);
            }
        }
        return ssTot == 0 ? 0 : 1 - ssRes / ssTot;
    }
}
