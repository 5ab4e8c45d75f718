package io.tabsynth.plugins.dp;

import java.util.Arrays;
import java.util.List;

/**
 * A tree-augmented model around a target column (the structure of tree-augmented naive Bayes, Friedman, Geiger,
 * Goldszmidt 1997, fitted to noisy measurements as PrivBayes and MST fit theirs): the target from its one-way
 * marginal, the other columns along a tree chosen privately among them, each column given its tree parent and the
 * target. Every non-target column is measured once with the target: the tree's root in a noisy two-way table
 * (target, root), every other column in a noisy three-way table (target, parent, column). A model that predicts
 * the target from the others then sees each column's dependence on it directly, where in a plain tree the target
 * sees only its neighbours.
 *
 * <p>All of it is post-processing of released counts: a slice of a table (one cell of the target, or of target
 * and parent) is projected onto non-negative counts with zero where the column's one-way marginal is zero, then
 * shrunk towards the column's distribution given the target alone with {@link #PRIOR_NOISE_UNITS} times the
 * noise's size in pseudo-counts, so that a slice holding few rows follows the target rather than its noise.
 */
final class TargetTree {
    /** The pseudo-counts of the shrinkage, in units of the noise's ℓ2 size in a slice (σ·√cells). */
    static final double PRIOR_NOISE_UNITS = 1;

    private TargetTree() {
    }

    /**
     * The table of column {@code child} measured with the target (and its parent, if any): flat, target cell
     * outermost, then the parent's cell, then the child's.
     */
    static long[] counts(int[] targetCells, int[] parentCells, int parentSize, int[] childCells, int childSize,
                         int targetSize) {
        long[] counts = new long[targetSize * Math.max(1, parentSize) * childSize];
        for (int r = 0; r < childCells.length; r++) {
            int slice = parentCells == null ? targetCells[r] : targetCells[r] * parentSize + parentCells[r];
            counts[slice * childSize + childCells[r]]++;
        }
        return counts;
    }

    /**
     * @param first    the estimate from the one-way marginals (rows and consistent one-way marginals)
     * @param sizes    every modelled column's number of cells
     * @param target   the target's modelled index
     * @param edges    the tree's edges among the other columns
     * @param tables   every non-target column's measured table ({@link #counts}), null for the target
     * @param sigma    the tables' noise standard deviation
     */
    static TreeEstimate of(TreeEstimate first, int[] sizes, int target, List<TreeSelection.Edge> edges,
                           long[][] tables, double sigma) {
        int k = sizes.length;
        double[][] oneWay = first.oneWay();
        int[] parent = new int[k];
        int[] order = order(k, target, edges, parent);
        double[][][] conditional = new double[k][][];
        conditional[target] = new double[][] {oneWay[target].clone()};
        int t = sizes[target];
        for (int c = 0; c < k; c++) {
            if (c == target) {
                continue;
            }
            boolean[] empty = new boolean[sizes[c]];
            for (int j = 0; j < sizes[c]; j++) {
                empty[j] = oneWay[c][j] == 0;
            }
            int parentSize = parent[c] == target ? 1 : sizes[parent[c]];
            double[][] givenTarget = new double[t][];
            for (int i = 0; i < t; i++) {
                double[] row = new double[sizes[c]];
                for (int q = 0; q < parentSize; q++) {
                    for (int j = 0; j < sizes[c]; j++) {
                        row[j] += tables[c][(i * parentSize + q) * sizes[c] + j];
                    }
                }
                double[] projected = SimplexProjection.project(row, first.rows() * oneWay[target][i], empty);
                givenTarget[i] = Arrays.stream(projected).sum() > 0 ? SimplexProjection.normalised(projected)
                        : oneWay[c].clone();
            }
            if (parent[c] == target) {
                conditional[c] = givenTarget;
                continue;
            }
            double prior = PRIOR_NOISE_UNITS * sigma * Math.sqrt(sizes[c]);
            double[][] rows = new double[t * parentSize][];
            for (int i = 0; i < t; i++) {
                for (int q = 0; q < parentSize; q++) {
                    int slice = i * parentSize + q;
                    double[] row = new double[sizes[c]];
                    double total = 0;
                    for (int j = 0; j < sizes[c]; j++) {
                        row[j] = tables[c][slice * sizes[c] + j];
                        total += row[j];
                    }
                    double[] projected = SimplexProjection.project(row, Math.max(0, total), empty);
                    for (int j = 0; j < sizes[c]; j++) {
                        projected[j] += prior * givenTarget[i][j];
                    }
                    rows[slice] = SimplexProjection.normalised(projected);
                }
            }
            conditional[c] = rows;
        }
        return new TreeEstimate(first.rows(), oneWay, order, parent, conditional, target);
    }

    /** The target, then the other columns breadth-first along the tree from its first root, filling in parents. */
    static int[] order(int k, int target, List<TreeSelection.Edge> edges, int[] parent) {
        return TreeEstimate.breadthFirst(k, edges, target, parent);
    }
}
