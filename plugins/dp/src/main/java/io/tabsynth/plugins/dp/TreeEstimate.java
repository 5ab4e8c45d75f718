package io.tabsynth.plugins.dp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Turns the noisy measurements into a tree-shaped model: consistent, non-negative one-way marginals and, for each
 * column but the root, its distribution given its parent's cell. All of it is post-processing of released counts.
 * <ol>
 *   <li>the number of rows: the inverse-variance weighted mean of every measurement's total;</li>
 *   <li>each column's one-way marginal: the inverse-variance weighted mean of its own noisy marginal and the
 *       margins of the two-way tables it is in, projected onto the non-negative counts with that total
 *       ({@link SimplexProjection}). The missing cell (every domain's last) is set to zero first when its estimate
 *       is below {@link #MISSING_THRESHOLD} standard deviations of that mean's noise: a column without missing
 *       values would otherwise get the noise's positive part there (the projection keeps what it lifts above
 *       zero) and write missing values into a column that has none, while a column whose missing values are
 *       more than a few noise deviations keeps them;</li>
 *   <li>each two-way table: the least-squares change that makes both its margins equal those one-way marginals,
 *       then each parent cell's row projected onto the non-negative counts of the parent's marginal, with zero
 *       where the child's marginal is zero (a cell no row is in is in no row of any parent's cell); normalised,
 *       the rows are the child's conditional distributions.</li>
 * </ol>
 * Private-PGM fits a graphical model to the measurements by optimisation; on a tree, these closed forms make the
 * measurements agree without it.
 *
 * @param rows        the estimated number of rows
 * @param oneWay      every modelled column's distribution over its cells
 * @param order       the modelled columns from the root, each after its parent
 * @param parent      every modelled column's parent, -1 for the root
 * @param conditional every modelled column's distribution given its parent's cell (one row for the root); with a
 *                    target, a column whose parent is not the target is conditioned on both, its rows indexed by
 *                    target cell × parent's cells + parent cell
 * @param target      the modelled column every other is conditioned on ({@link TargetTree}), -1 for none
 */
record TreeEstimate(double rows, double[][] oneWay, int[] order, int[] parent, double[][][] conditional, int target) {

    /**
     * How many standard deviations of its noise a missing cell's estimate must reach to be kept: a column without
     * missing values gets none with probability 1 − P(Z ≥ 3) ≈ 99.87%, and a column with missing values loses at
     * most 3 standard deviations of them, about what the noise moves the cell by anyway.
     */
    static final double MISSING_THRESHOLD = 3;

    /** A noisy two-way table of edge (a, b), a's cell as the row. */
    record Measured(TreeSelection.Edge edge, long[] counts) {
    }

    static TreeEstimate of(int[] sizes, long[][] oneWayNoisy, double oneWayVariance, List<Measured> tables,
                           double twoWayVariance) {
        int k = sizes.length;
        double rows = rows(sizes, oneWayNoisy, oneWayVariance, tables, twoWayVariance);
        double[][] marginals = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] sum = new double[sizes[c]];
            double weight = 1 / oneWayVariance;
            for (int i = 0; i < sizes[c]; i++) {
                sum[i] = oneWayNoisy[c][i] / oneWayVariance;
            }
            for (Measured m : tables) {
                int a = m.edge().a();
                int b = m.edge().b();
                if (a != c && b != c) {
                    continue;
                }
                double[] margin = margin(m.counts(), sizes[a], sizes[b], a == c);
                double variance = twoWayVariance * (a == c ? sizes[b] : sizes[a]);
                for (int i = 0; i < sizes[c]; i++) {
                    sum[i] += margin[i] / variance;
                }
                weight += 1 / variance;
            }
            for (int i = 0; i < sizes[c]; i++) {
                sum[i] /= weight;
            }
            boolean[] zero = new boolean[sizes[c]];
            int missing = sizes[c] - 1;
            zero[missing] = sizes[c] > 1 && sum[missing] < MISSING_THRESHOLD * Math.sqrt(1 / weight);
            marginals[c] = SimplexProjection.project(sum, rows, zero);
        }
        int[] parent = new int[k];
        int[] order = breadthFirst(k, tables.stream().map(Measured::edge).toList(), -1, parent);
        double[][][] conditional = new double[k][][];
        for (int c = 0; c < k; c++) {
            if (parent[c] < 0) {
                conditional[c] = new double[][] {SimplexProjection.normalised(marginals[c])};
            }
        }
        for (Measured m : tables) {
            int a = m.edge().a();
            int b = m.edge().b();
            double[] fitted = fitMargins(m.counts(), marginals[a], marginals[b]);
            boolean aIsParent = parent[b] == a;
            int p = aIsParent ? a : b;
            int child = aIsParent ? b : a;
            double[][] rowsOfParent = new double[sizes[p]][];
            boolean[] empty = new boolean[sizes[child]];
            for (int j = 0; j < sizes[child]; j++) {
                empty[j] = marginals[child][j] == 0;
            }
            for (int i = 0; i < sizes[p]; i++) {
                double[] row = new double[sizes[child]];
                for (int j = 0; j < sizes[child]; j++) {
                    row[j] = aIsParent ? fitted[i * sizes[b] + j] : fitted[j * sizes[b] + i];
                }
                double[] projected = SimplexProjection.project(row, marginals[p][i], empty);
                rowsOfParent[i] = Arrays.stream(projected).sum() > 0 ? SimplexProjection.normalised(projected)
                        : SimplexProjection.normalised(marginals[child]);
            }
            conditional[child] = rowsOfParent;
        }
        double[][] oneWay = new double[k][];
        for (int c = 0; c < k; c++) {
            oneWay[c] = SimplexProjection.normalised(marginals[c]);
        }
        return new TreeEstimate(rows, oneWay, order, parent, conditional, -1);
    }

    /** The row of {@code column}'s conditional distribution for a sampled row's cells. */
    int conditionalRow(int column, int[] cellsOfRow) {
        int p = parent[column];
        if (p < 0) {
            return 0;
        }
        if (target < 0 || p == target) {
            return cellsOfRow[p];
        }
        return cellsOfRow[target] * oneWay[p].length + cellsOfRow[p];
    }

    private static double rows(int[] sizes, long[][] oneWayNoisy, double oneWayVariance, List<Measured> tables,
                               double twoWayVariance) {
        double sum = 0;
        double weight = 0;
        for (int c = 0; c < sizes.length; c++) {
            double variance = oneWayVariance * sizes[c];
            sum += Arrays.stream(oneWayNoisy[c]).sum() / variance;
            weight += 1 / variance;
        }
        for (Measured m : tables) {
            double variance = twoWayVariance * m.counts().length;
            sum += Arrays.stream(m.counts()).sum() / variance;
            weight += 1 / variance;
        }
        return weight > 0 ? Math.max(1, sum / weight) : 1;
    }

    /** The margin of a flat table (rows of size {@code sizeB}) over a's cells, or over b's. */
    private static double[] margin(long[] table, int sizeA, int sizeB, boolean overA) {
        double[] margin = new double[overA ? sizeA : sizeB];
        for (int i = 0; i < sizeA; i++) {
            for (int j = 0; j < sizeB; j++) {
                margin[overA ? i : j] += table[i * sizeB + j];
            }
        }
        return margin;
    }

    /**
     * The least-squares change of {@code table} whose margins are {@code rowTarget} and {@code columnTarget}
     * (of equal totals): each cell moves by its row's and its column's shortfall shared out, less the total's
     * shortfall shared out, which would otherwise count twice.
     */
    private static double[] fitMargins(long[] table, double[] rowTarget, double[] columnTarget) {
        int n = rowTarget.length;
        int m = columnTarget.length;
        double[] rowShort = rowTarget.clone();
        double[] columnShort = columnTarget.clone();
        double totalShort = Arrays.stream(rowTarget).sum();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                rowShort[i] -= table[i * m + j];
                columnShort[j] -= table[i * m + j];
                totalShort -= table[i * m + j];
            }
        }
        double[] fitted = new double[table.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                fitted[i * m + j] = table[i * m + j] + rowShort[i] / m + columnShort[j] / n - totalShort / (n * m);
            }
        }
        return fitted;
    }

    /**
     * The columns in breadth-first order along the tree's edges, filling in each one's parent: {@code hub} first (the
     * target of a tree-augmented model; -1 for none), then each part of the tree from its lowest column, whose parent is
     * the hub (or -1 without one).
     */
    static int[] breadthFirst(int k, List<TreeSelection.Edge> edges, int hub, int[] parent) {
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            neighbours.add(new ArrayList<>());
        }
        for (TreeSelection.Edge e : edges) {
            neighbours.get(e.a()).add(e.b());
            neighbours.get(e.b()).add(e.a());
        }
        Arrays.fill(parent, -2);
        int[] order = new int[k];
        int placed = 0;
        if (hub >= 0) {
            parent[hub] = -1;
            order[placed++] = hub;
        }
        for (int root = 0; root < k; root++) {
            if (parent[root] != -2) {
                continue;
            }
            parent[root] = hub;
            Deque<Integer> queue = new ArrayDeque<>(List.of(root));
            while (!queue.isEmpty()) {
                int c = queue.poll();
                order[placed++] = c;
                for (int next : neighbours.get(c)) {
                    if (parent[next] == -2) {
                        parent[next] = c;
                        queue.add(next);
                    }
                }
            }
        }
        return order;
    }
}
