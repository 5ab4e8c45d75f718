package io.tabsynth.plugins.copula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Lays each categorical column's labels on its latent axis in the order that makes its association with the
 * other columns as monotone as one axis can (optimal scaling). A category column takes one copula dimension, so
 * only the order of its labels on that axis lets the correlation carry what a label says about the other
 * columns; counted most frequent first, education and its number of school years, say, look unrelated.
 *
 * <p>For a column with labels k and the other dimensions' standardised normal scores x_j, each label gets its mean
 * of every x_j, weighted by the square root of its share: a_kj = √(n_k/n) · mean_{rows of k}(x_j). The labels are
 * ordered by their coordinate on the first principal axis of these means (the top eigenvector v of A·Aᵀ,
 * q_k = v_k / √n_k, that is each label's mean of the composite score that the labels separate best). That axis
 * maximises the sum over the other dimensions of the squared correlation between the column's scores and theirs.
 * The axis points so that the most frequent label comes before the least frequent; ties go by label; nulls stay
 * first. The other columns' scores depend on their own order, so the order is found in {@link #ROUNDS} rounds,
 * each from the previous round's scores (columns in parallel, each on its own, so the result does not depend on
 * the number of threads). The labels' shares are unchanged: only their places move.
 */
final class LabelOrder {
    /** Rounds of reordering: the second sees the other columns' first-round orders; more rounds did not help on adult. */
    static final int ROUNDS = 2;
    /** Power iteration stops when the axis moves less than this, or after {@link #MAX_ITERATIONS}. */
    private static final double TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 1000;
    /**
     * A column whose labels times the other dimensions exceed this many means keeps its order (its table of means
     * would take more memory than the rest of the fit); 4,000 labels against 1,000 other columns fit.
     */
    static final long MAX_MEANS = 4_000_000;
    /**
     * Each round reads every other dimension once per categorical column: a table where categorical columns ×
     * dimensions × rows exceed this keeps its order, so ordering costs at most about 0.6 s of CPU (measured
     * 1.5 ns a cell a round) and a wide table's fit is not dominated by it. Adult (9 × 15 × 26,048) reads
     * 3.5 million; 200 categorical columns over 3,000 rows would read 120 million.
     */
    static final long MAX_CELLS_READ = 200_000_000;

    private LabelOrder() {
    }

    /**
     * The fitted columns with every categorical column's labels in their optimal order (the others unchanged).
     * A table with at least as many copula dimensions as rows (fitted by the factor model) keeps its order: its
     * label means would be noise; so does one past {@link #MAX_CELLS_READ}.
     */
    static ColumnModels.Fitted[] arrange(ColumnModels.Fitted[] fitted) {
        List<Integer> categorical = new ArrayList<>();
        int dims = 0;
        int rows = 0;
        for (int c = 0; c < fitted.length; c++) {
            if (fitted[c].scores() != null) {
                dims++;
                rows = fitted[c].scores().length;
            }
            if (fitted[c].nullScores() != null) {
                dims++;
            }
            if (fitted[c].categories() != null && fitted[c].categories().size() > 1) {
                categorical.add(c);
            }
        }
        if (categorical.isEmpty() || dims >= rows || (long) categorical.size() * dims * rows > MAX_CELLS_READ) {
            return fitted;
        }
        ColumnModels.Fitted[] current = fitted.clone();
        for (int round = 0; round < ROUNDS; round++) {
            double[][] standard = standardised(current);
            ColumnModels.Fitted[] previous = current;
            ColumnModels.Fitted[] next = current.clone();
            IntStream.range(0, categorical.size()).parallel().forEach(i -> {
                int c = categorical.get(i);
                CategoryCounts counts = previous[c].categories();
                int[] order = order(counts, partners(standard, previous, c));
                if (order != null) {
                    next[c] = ColumnModels.categories(previous[c].model().spec(), counts, order);
                }
            });
            current = next;
        }
        return current;
    }

    /** Every copula dimension's scores standardised (NaN as the mean, 0), or null where a dimension has no spread. */
    private static double[][] standardised(ColumnModels.Fitted[] fitted) {
        List<double[]> dims = new ArrayList<>();
        for (ColumnModels.Fitted f : fitted) {
            if (f.scores() != null) {
                dims.add(f.scores());
            }
            if (f.nullScores() != null) {
                dims.add(f.nullScores());
            }
        }
        double[][] out = new double[dims.size()][];
        IntStream.range(0, out.length).parallel().forEach(a -> out[a] = standardised(dims.get(a)));
        return out;
    }

    private static double[] standardised(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(ss / n);
        if (!(sd > 0)) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? 0 : (v[i] - mean) / sd;
        }
        return out;
    }

    /** The standardised dimensions other than column c's own score (those with spread only). */
    private static List<double[]> partners(double[][] standard, ColumnModels.Fitted[] fitted, int c) {
        List<double[]> out = new ArrayList<>();
        int a = 0;
        for (int col = 0; col < fitted.length; col++) {
            if (fitted[col].scores() != null) {
                if (col != c && standard[a] != null) {
                    out.add(standard[a]);
                }
                a++;
            }
            if (fitted[col].nullScores() != null) {
                if (standard[a] != null) {
                    out.add(standard[a]);
                }
                a++;
            }
        }
        return out;
    }

    /** The labels' new order (indices of {@code counts}), or null to keep the current one. */
    static int[] order(CategoryCounts counts, List<double[]> partners) {
        int k = counts.size();
        int p = partners.size();
        if (p == 0 || (long) k * p > MAX_MEANS) {
            return null;
        }
        double[][] means = weightedMeans(counts, partners);
        double[] axis = firstAxis(means, p);
        if (axis == null) {
            return null;
        }
        double[] q = new double[k];
        for (int j = 0; j < k; j++) {
            q[j] = axis[j] / Math.sqrt(counts.count(j));
        }
        // an axis has no direction of its own: point it so the most frequent label comes before the least frequent
        double sign = q[0] > q[k - 1] ? -1 : 1;
        for (int j = 0; j < k; j++) {
            q[j] *= sign;
        }
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> q[j]).thenComparing(counts::label));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** a_kj = Σ_{rows of label k} x_ij / √(n · n_k): the label's mean of x_j times the square root of its share. */
    private static double[][] weightedMeans(CategoryCounts counts, List<double[]> partners) {
        int k = counts.size();
        int p = partners.size();
        double[][] a = new double[k][p];
        double[] sums = new double[k];
        for (int j = 0; j < p; j++) {
            // one pass down the partner with a small array of sums: the rows' order, not the labels', drives memory
            double[] x = partners.get(j);
            Arrays.fill(sums, 0);
            for (int i = 0; i < x.length; i++) {
                int label = counts.code(i);
                if (label != CategoryCounts.NULL) {
                    sums[label] += x[i];
                }
            }
            for (int label = 0; label < k; label++) {
                a[label][j] = sums[label];
            }
        }
        double n = counts.rows();
        for (int label = 0; label < k; label++) {
            double scale = 1 / Math.sqrt(n * counts.count(label));
            for (int j = 0; j < p; j++) {
                a[label][j] *= scale;
            }
        }
        return a;
    }

    /**
     * The top eigenvector of A·Aᵀ by power iteration, started from the column of A with the largest norm (the
     * single most associated dimension, whose label means the axis refines), or null when no dimension varies
     * with the labels.
     */
    private static double[] firstAxis(double[][] a, int p) {
        int k = a.length;
        int best = -1;
        double bestNorm = 0;
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double[] row : a) {
                s += row[j] * row[j];
            }
            if (s > bestNorm) {
                bestNorm = s;
                best = j;
            }
        }
        if (best < 0) {
            return null;
        }
        double[] v = new double[k];
        for (int label = 0; label < k; label++) {
            v[label] = a[label][best];
        }
        normalise(v);
        double[] w = new double[p];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            Arrays.fill(w, 0);
            for (int label = 0; label < k; label++) {
                double vl = v[label];
                double[] row = a[label];
                for (int j = 0; j < p; j++) {
                    w[j] += row[j] * vl;
                }
            }
            double[] next = new double[k];
            for (int label = 0; label < k; label++) {
                double s = 0;
                double[] row = a[label];
                for (int j = 0; j < p; j++) {
                    s += row[j] * w[j];
                }
                next[label] = s;
            }
            if (!normalise(next)) {
                return v;
            }
            double moved = 0;
            for (int label = 0; label < k; label++) {
                moved += (next[label] - v[label]) * (next[label] - v[label]);
            }
            v = next;
            if (moved < TOLERANCE * TOLERANCE) {
                break;
            }
        }
        return v;
    }

    /** Scales v to unit length; false if it is zero. */
    private static boolean normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        if (!(s > 0)) {
            return false;
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return true;
    }
}
