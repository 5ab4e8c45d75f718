package io.tabsynth.plugins.arf;

import io.tabsynth.spi.random.Rng;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * One classification tree (CART) telling real rows from synthetic ones. It grows from a subsample of the rows,
 * splitting a node on the best of {@code tried} features drawn at random ({@link SplitSearch}; when none of them
 * gives an allowed split, further features are drawn until one does), until a node is pure or no allowed split
 * improves the Gini criterion. Every leaf holds at least {@code minRealRows} real rows of
 * its subsample. Immutable once grown.
 */
final class Tree {
    /** A split must improve the criterion by more than this (rounding noise is no improvement). */
    private static final double MIN_GAIN = 1e-9;
    private final List<Split> splits = new ArrayList<>();
    /** Per node: the left and right child, or -1 and the leaf number for a leaf. */
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int nodes;
    private int leaves;
    /** Per leaf: the share of real rows among the subsample rows that reached it. */
    private double[] realShare = new double[16];

    private Tree() {
    }

    /**
     * Grows a tree on {@code rows} (a subsample of the training set's rows, reordered in place).
     *
     * @param tried       how many features each node draws and tries
     * @param minRealRows the least real rows each leaf keeps
     */
    static Tree grow(TrainingSet set, int[] rows, int tried, int minRealRows, Rng rng) {
        Tree tree = new Tree();
        SplitSearch search = new SplitSearch(set, minRealRows);
        int[] order = new int[set.features()];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Deque<int[]> pending = new ArrayDeque<>(); // node, from, to
        pending.push(new int[] {tree.newNode(), 0, rows.length});
        while (!pending.isEmpty()) {
            int[] job = pending.pop();
            int node = job[0];
            int from = job[1];
            int to = job[2];
            int real = 0;
            for (int i = from; i < to; i++) {
                real += set.isReal(rows[i]) ? 1 : 0;
            }
            int n = to - from;
            Split best = null;
            if (real > 0 && real < n && real >= 2 * minRealRows) {
                double parent = SplitSearch.gini(real, n - real);
                // as scikit-learn does: past the features tried, go on drawing until one gives a split
                for (int k = 0; k < order.length && (k < tried || best == null); k++) {
                    int pick = k + rng.nextInt(order.length - k);
                    int j = order[pick];
                    order[pick] = order[k];
                    order[k] = j;
                    Split s = search.best(j, rows, from, to);
                    if (s != null && s.score() > parent + MIN_GAIN && (best == null || s.score() > best.score())) {
                        best = s;
                    }
                }
            }
            if (best == null) {
                tree.makeLeaf(node, real / (double) n);
                continue;
            }
            int mid = partition(set, rows, from, to, best);
            tree.splits.set(node, best);
            int l = tree.newNode();
            int r = tree.newNode();
            tree.left[node] = l;
            tree.right[node] = r;
            pending.push(new int[] {r, mid, to});
            pending.push(new int[] {l, from, mid});
        }
        return tree;
    }

    private static int partition(TrainingSet set, int[] rows, int from, int to, Split split) {
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (split.goesLeft(set.value(split.feature(), rows[i]))) {
                i++;
            } else {
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
                j--;
            }
        }
        return i;
    }

    private int newNode() {
        if (nodes == left.length) {
            left = Arrays.copyOf(left, 2 * nodes);
            right = Arrays.copyOf(right, 2 * nodes);
        }
        splits.add(null);
        return nodes++;
    }

    private void makeLeaf(int node, double share) {
        if (leaves == realShare.length) {
            realShare = Arrays.copyOf(realShare, 2 * leaves);
        }
        left[node] = -1;
        right[node] = leaves;
        realShare[leaves++] = share;
    }

    int leaves() {
        return leaves;
    }

    /** The share of real rows among the subsample rows in a leaf: the tree's probability that a row there is real. */
    double realShare(int leaf) {
        return realShare[leaf];
    }

    /** The leaf a row of the training set reaches. */
    int leafOf(TrainingSet set, int row) {
        int node = 0;
        while (left[node] >= 0) {
            Split s = splits.get(node);
            node = s.goesLeft(set.value(s.feature(), row)) ? left[node] : right[node];
        }
        return right[node];
    }

    /**
     * Each leaf's bounds on every number feature, from the splits on its path: {@code [leaf][feature]} lower
     * (exclusive) and upper (inclusive) bound, infinite where no split bounds it.
     */
    double[][][] bounds(int features) {
        double[][] lower = new double[leaves][];
        double[][] upper = new double[leaves][];
        double[] lo = new double[features];
        double[] hi = new double[features];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        walk(0, lo, hi, lower, upper);
        return new double[][][] {lower, upper};
    }

    private void walk(int node, double[] lo, double[] hi, double[][] lower, double[][] upper) {
        if (left[node] < 0) {
            lower[right[node]] = lo.clone();
            upper[right[node]] = hi.clone();
            return;
        }
        Split s = splits.get(node);
        int j = s.feature();
        if (s.left() != null) {
            walk(left[node], lo, hi, lower, upper);
            walk(right[node], lo, hi, lower, upper);
            return;
        }
        double savedHi = hi[j];
        hi[j] = Math.min(hi[j], s.threshold());
        walk(left[node], lo, hi, lower, upper);
        hi[j] = savedHi;
        double savedLo = lo[j];
        lo[j] = Math.max(lo[j], s.threshold());
        walk(right[node], lo, hi, lower, upper);
        lo[j] = savedLo;
    }
}
