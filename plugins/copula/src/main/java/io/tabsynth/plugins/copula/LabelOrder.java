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
 * first. The other categories' scores depend on their own order, so the order is found in {@link #ROUNDS}
 * rounds, each against every other dimension with the other categories in the previous round's order (most
 * frequent first in the first). Columns go in parallel, each on its own, so the result does not depend on the
 * number of threads. The labels' shares are unchanged: only their places move.
 */
final class LabelOrder {
    /** Rounds of reordering: the second sees the other columns' first-round orders; a third did not help on adult. */
    static final int ROUNDS = 2;
    /** A first axis whose eigenvalue (the summed squared correlation it explains) is below this: no association. */
    private static final double NO_ASSOCIATION = 1e-12;
    /**
     * A column with both more labels and more other dimensions than this keeps its order: the eigen-decomposition of
     * the smaller of its two Gram matrices grows with the cube of this.
     */
    static final int MAX_AXIS = 500;
    /**
     * A column whose labels times the other dimensions exceed this many means keeps its order (its table of means
     * would take more memory than the rest of the fit); 4,000 labels against 1,000 other columns fit.
     */
    static final long MAX_MEANS = 4_000_000;
    /**
     * Ordering reads every other dimension about once per categorical column: a table where categorical columns ×
     * dimensions × rows exceed this keeps its order, so ordering costs at most about 0.6 s of CPU in a warm JVM
     * (measured 3 ns a cell read; more in a fresh one, see docs/performance.md) and a wide table's fit is not
     * dominated by it. Adult (9 × 15 × 26,048) reads
     * 3.5 million; 200 categorical columns over 3,000 rows would read 120 million.
     */
    static final long MAX_CELLS_READ = 200_000_000;

    private LabelOrder() {
    }

    /**
     * What ordering reads of the data, however it is held: rows in memory ({@link #arrange}) or tables gathered
     * batch by batch ({@link StreamedLabelSums}). {@code P} is a categorical column's standardised scores under one
     * order of its labels, in whatever form its sums by another column's labels are taken from.
     */
    interface LabelSums<P> {
        /** Column o's scores with its labels in {@code order}, standardised; null if they do not vary. */
        P partner(int o, int[] order);

        /** Each label of column c's sum of the partner's standardised scores over its rows (nulls left out). */
        double[] sums(int c, P partner);
    }

    /**
     * The fitted columns with every categorical column's labels in their optimal order (the others unchanged).
     * A table with at least as many copula dimensions as rows (fitted by the factor model) keeps its order: its
     * label means would be noise; so does one past {@link #MAX_CELLS_READ}.
     */
    static ColumnModels.Fitted[] arrange(ColumnModels.Fitted[] fitted) {
        int dims = 0;
        for (ColumnModels.Fitted f : fitted) {
            dims += (f.scores() != null ? 1 : 0) + (f.nullScores() != null ? 1 : 0);
        }
        List<Integer> categorical = new ArrayList<>();
        List<double[]> fixed = new ArrayList<>();
        int rows = 0;
        for (int c = 0; c < fitted.length; c++) {
            boolean reordered = reorderable(fitted[c].categories(), dims);
            if (reordered) {
                categorical.add(c);
            }
            if (fitted[c].scores() != null) {
                rows = fitted[c].scores().length;
                if (!reordered) {
                    fixed.add(fitted[c].scores());
                }
            }
            if (fitted[c].nullScores() != null) {
                fixed.add(fitted[c].nullScores());
            }
        }
        if (categorical.isEmpty() || dims >= rows || (long) categorical.size() * dims * rows > MAX_CELLS_READ) {
            return fitted;
        }
        // the dimensions no order changes (numbers, booleans, missingness) are summed by label once for both rounds
        List<double[]> fixedPartners = standardised(fixed);
        List<CategoryCounts> counts = categorical.stream().map(c -> fitted[c].categories()).toList();
        double[][][] fixedSums = new double[counts.size()][][];
        IntStream.range(0, counts.size()).parallel().forEach(i -> fixedSums[i] = labelSums(counts.get(i), fixedPartners));
        int[][] orders = orders(counts, fixedSums, new LabelSums<double[]>() {
            @Override
            public double[] partner(int o, int[] order) {
                return StandardScores.of(ColumnModels.categories(fitted[categorical.get(o)].model().spec(),
                        counts.get(o), order).scores());
            }

            @Override
            public double[] sums(int c, double[] partner) {
                double[][] a = labelSums(counts.get(c), List.of(partner));
                double[] out = new double[a.length];
                for (int k = 0; k < a.length; k++) {
                    out[k] = a[k][0];
                }
                return out;
            }
        });
        ColumnModels.Fitted[] out = fitted.clone();
        for (int i = 0; i < counts.size(); i++) {
            int c = categorical.get(i);
            if (orders[i] != null) {
                out[c] = ColumnModels.categories(fitted[c].model().spec(), counts.get(i), orders[i]);
            }
        }
        return out;
    }

    /** True if a column with these counts (null for one that is not categorical) in a copula of {@code dims} is ordered. */
    static boolean reorderable(CategoryCounts counts, int dims) {
        return counts != null && counts.size() > 1 && (long) counts.size() * dims <= MAX_MEANS;
    }

    /**
     * The categorical columns' label orders (indices of their counts), or null for a column that keeps its
     * frequency order: {@link #ROUNDS} rounds, each ordering every column against its label sums of the fixed
     * dimensions ({@code fixedSums}, labels × partners) and of the other columns in the previous round's orders.
     */
    static <P> int[][] orders(List<CategoryCounts> counts, double[][][] fixedSums, LabelSums<P> data) {
        int m = counts.size();
        int[][] current = new int[m][];
        for (int round = 0; round < ROUNDS; round++) {
            int[][] previous = current;
            List<P> partners = new ArrayList<>(java.util.Collections.nCopies(m, null));
            IntStream.range(0, m).parallel().forEach(o -> partners.set(o, data.partner(o,
                    previous[o] != null ? previous[o] : counts.get(o).frequencyOrder())));
            int[][] next = previous.clone();
            IntStream.range(0, m).parallel().forEach(c -> {
                List<double[]> others = new ArrayList<>();
                for (int o = 0; o < m; o++) {
                    if (o != c && partners.get(o) != null) {
                        others.add(data.sums(c, partners.get(o)));
                    }
                }
                int k = counts.get(c).size();
                double[][] sums = new double[k][];
                for (int label = 0; label < k; label++) {
                    sums[label] = new double[fixedSums[c][label].length + others.size()];
                    System.arraycopy(fixedSums[c][label], 0, sums[label], 0, fixedSums[c][label].length);
                    for (int j = 0; j < others.size(); j++) {
                        sums[label][fixedSums[c][label].length + j] = others.get(j)[label];
                    }
                }
                int[] order = order(counts.get(c), sums);
                if (order != null) {
                    next[c] = order;
                }
            });
            current = next;
        }
        return current;
    }

    /** The scores standardised, leaving out those without spread. */
    private static List<double[]> standardised(List<double[]> scores) {
        List<double[]> out = new ArrayList<>();
        for (double[] v : scores) {
            double[] s = StandardScores.of(v);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** The labels' order against standardised partner scores (indices of {@code counts}), or null to keep it. */
    static int[] order(CategoryCounts counts, List<double[]> partners) {
        return order(counts, labelSums(counts, partners));
    }

    /**
     * The labels' order (indices of {@code counts}) from each label's sums of the partners' standardised scores,
     * or null to keep the current one (no partner, no association, or too large to decompose).
     */
    static int[] order(CategoryCounts counts, double[][] sums) {
        int k = counts.size();
        int p = k == 0 ? 0 : sums[0].length;
        if (p == 0 || Math.min(k, p) > MAX_AXIS) {
            return null;
        }
        double n = counts.rows();
        double[][] means = new double[k][p];
        for (int label = 0; label < k; label++) {
            double scale = 1 / Math.sqrt(n * counts.count(label));
            for (int j = 0; j < p; j++) {
                means[label][j] = sums[label][j] * scale;
            }
        }
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

    /** Each label's sum of each partner's values over its rows: labels × partners. */
    static double[][] labelSums(CategoryCounts counts, List<double[]> partners) {
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
        return a;
    }

    /**
     * The top eigenvector of A·Aᵀ (labels × labels), or null when no dimension varies with the labels. It is found
     * from the smaller of A·Aᵀ and Aᵀ·A (the symmetric eigen-decomposition of {@link Correlation#eigen}): with u the
     * top eigenvector of Aᵀ·A, A·u is the top eigenvector of A·Aᵀ.
     */
    private static double[] firstAxis(double[][] a, int p) {
        int k = a.length;
        boolean byPartners = p <= k;
        int size = byPartners ? p : k;
        double[][] gram = new double[size][size];
        for (int x = 0; x < size; x++) {
            for (int y = 0; y <= x; y++) {
                double s = 0;
                if (byPartners) {
                    for (double[] row : a) {
                        s += row[x] * row[y];
                    }
                } else {
                    for (int j = 0; j < p; j++) {
                        s += a[x][j] * a[y][j];
                    }
                }
                gram[x][y] = s;
                gram[y][x] = s;
            }
        }
        double[][] vectors = new double[size][size];
        double[] values = Correlation.eigen(gram, vectors);
        if (!(values[0] > NO_ASSOCIATION)) {
            return null;
        }
        double[] v = new double[k];
        for (int label = 0; label < k; label++) {
            if (byPartners) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += a[label][j] * vectors[j][0];
                }
                v[label] = s;
            } else {
                v[label] = vectors[label][0];
            }
        }
        return normalise(v) ? v : null;
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
