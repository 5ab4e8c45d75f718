package io.tabsynth.plugins.arf;

import java.util.Arrays;

/**
 * The rows a forest learns to tell apart: real rows (class 1) then synthetic rows (class 0), one array of values
 * per feature. Numbers are also kept as ranks (missing below every value, ties sharing a rank), so that a node
 * sorts its rows by a primitive sort of packed keys. Immutable once made.
 */
final class TrainingSet {
    private final double[][] values;
    private final boolean[] category;
    private final int[] levels;
    private final int realRows;
    private final int rows;
    /** Per number feature: each row's rank; null for categories. */
    private final int[][] ranks;
    /** Per number feature: the value of each rank (missing as negative infinity). */
    private final double[][] rankValues;

    /**
     * @param real      the real rows' values, per feature
     * @param synthetic the synthetic rows' values, per feature
     * @param features  the features, for their kinds and category counts
     */
    TrainingSet(double[][] real, double[][] synthetic, Feature[] features) {
        int f = features.length;
        this.realRows = f == 0 ? 0 : real[0].length;
        this.rows = realRows + (f == 0 ? 0 : synthetic[0].length);
        this.values = new double[f][];
        this.category = new boolean[f];
        this.levels = new int[f];
        this.ranks = new int[f][];
        this.rankValues = new double[f][];
        for (int j = 0; j < f; j++) {
            double[] v = Arrays.copyOf(real[j], rows);
            System.arraycopy(synthetic[j], 0, v, realRows, rows - realRows);
            category[j] = features[j].isCategory();
            if (category[j]) {
                levels[j] = features[j].levels();
            } else {
                for (int i = 0; i < rows; i++) {
                    if (Double.isNaN(v[i])) {
                        v[i] = Double.NEGATIVE_INFINITY;
                    }
                }
                rank(j, v);
            }
            values[j] = v;
        }
    }

    private void rank(int j, double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        double[] byRank = Arrays.copyOf(sorted, distinct);
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Arrays.binarySearch(byRank, v[i]);
        }
        ranks[j] = r;
        rankValues[j] = byRank;
    }

    int features() {
        return values.length;
    }

    int rows() {
        return rows;
    }

    int realRows() {
        return realRows;
    }

    boolean isReal(int row) {
        return row < realRows;
    }

    boolean isCategory(int feature) {
        return category[feature];
    }

    int levels(int feature) {
        return levels[feature];
    }

    /** A row's value of a feature (a code for a category; missing numbers are negative infinity). */
    double value(int feature, int row) {
        return values[feature][row];
    }

    int rank(int feature, int row) {
        return ranks[feature][row];
    }

    double rankValue(int feature, int rank) {
        return rankValues[feature][rank];
    }
}
