package io.tabsynth.plugins.copula;

import io.tabsynth.spi.random.Rng;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Groups the real rows by their normal scores (k-means), so that the copula can fit one copula per group: rows
 * of one group lie near each other on every copula dimension at once, which is what a single correlation matrix
 * cannot say about curved or many-column relationships. Each dimension is standardised first (a missing score
 * counts as the mean), so every column weighs the same. The first centres are chosen by k-means++ from a
 * generator seeded with the fit's seed; then Lloyd's iterations move each row to its nearest centre until no row
 * moves. A group with fewer than the minimum rows is dissolved into the nearest remaining ones, smallest first,
 * so no group describes a handful of real people. The centres are learnt on at most {@link #LEARNING_ROWS} rows.
 * Rows are assigned in parallel, each on its own, and centres are
 * summed in row order, so the groups do not depend on the number of threads.
 */
final class Clusters {
    /**
     * Lloyd's iterations at most: the groups need to hold similar rows, not to settle exactly (on adult, 15 rounds on
     * 10,000 rows kept as much of its relationships as 50 on every row, in a tenth of the time).
     */
    static final int MAX_ITERATIONS = 15;
    /**
     * The centres are learnt from at most this many rows, evenly spaced through the table, and then every row goes
     * to its nearest centre once: a large table costs one pass over its rows, not one per iteration.
     */
    static final int LEARNING_ROWS = 10_000;

    private Clusters() {
    }

    /**
     * Each row's group (0 .. groups − 1, groups numbered in the order of their first row) for at most {@code k}
     * groups of at least {@code minRows} rows each; every row in group 0 when the rows cannot make two such
     * groups.
     */
    static int[] of(double[][] scores, int k, int minRows, long seed) {
        int n = scores.length == 0 ? 0 : scores[0].length;
        int groups = Math.min(k, n / Math.max(1, minRows));
        if (groups < 2) {
            return new int[n];
        }
        double[][] rows = standardisedRows(scores, n);
        double[][] learning = evenlySpaced(rows, LEARNING_ROWS);
        double[][] centres = firstCentres(learning, groups, new Rng(seed));
        boolean[] alive = new boolean[groups];
        Arrays.fill(alive, true);
        int[] learnt = new int[learning.length];
        Arrays.fill(learnt, -1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            if (!assign(learning, centres, alive, learnt)) {
                break;
            }
            centres = means(learning, learnt, centres);
        }
        int[] group = new int[n];
        Arrays.fill(group, -1);
        assign(rows, centres, alive, group);
        dissolveSmall(rows, centres, alive, group, minRows);
        return renumbered(group, groups);
    }

    /** At most {@code limit} of the rows, evenly spaced through the table (all of them if there are no more). */
    private static double[][] evenlySpaced(double[][] rows, int limit) {
        if (rows.length <= limit) {
            return rows;
        }
        double[][] out = new double[limit][];
        for (int i = 0; i < limit; i++) {
            out[i] = rows[(int) ((long) i * rows.length / limit)];
        }
        return out;
    }

    /** Each row as a point: its scores on every dimension, standardised (missing as 0); constant dimensions left out. */
    private static double[][] standardisedRows(double[][] scores, int n) {
        double[][] columns = Arrays.stream(scores).map(StandardScores::of).filter(c -> c != null)
                .toArray(double[][]::new);
        double[][] rows = new double[n][columns.length];
        for (int j = 0; j < columns.length; j++) {
            for (int i = 0; i < n; i++) {
                rows[i][j] = columns[j][i];
            }
        }
        return rows;
    }

    /** k-means++: the first centre a random row, each next one a row drawn with chance its squared distance to the nearest centre. */
    private static double[][] firstCentres(double[][] rows, int k, Rng rng) {
        int n = rows.length;
        double[][] centres = new double[k][];
        centres[0] = rows[rng.nextInt(n)].clone();
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double[] latest = centres[c - 1];
            IntStream.range(0, n).parallel().forEach(i -> nearest[i] = Math.min(nearest[i], distance(rows[i], latest)));
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            double target = rng.nextDouble() * total;
            int chosen = n - 1;
            double run = 0;
            for (int i = 0; i < n; i++) {
                run += nearest[i];
                if (run > target) {
                    chosen = i;
                    break;
                }
            }
            centres[c] = rows[chosen].clone();
        }
        return centres;
    }

    /** Moves every row to its nearest live centre (ties to the lower number); true if any row moved. */
    private static boolean assign(double[][] rows, double[][] centres, boolean[] alive, int[] group) {
        int[] next = new int[rows.length];
        IntStream.range(0, rows.length).parallel().forEach(i -> next[i] = nearest(rows[i], centres, alive));
        boolean moved = false;
        for (int i = 0; i < rows.length; i++) {
            moved |= next[i] != group[i];
            group[i] = next[i];
        }
        return moved;
    }

    private static int nearest(double[] row, double[][] centres, boolean[] alive) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            if (alive[c]) {
                double d = distance(row, centres[c]);
                if (d < bestDistance) {
                    best = c;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    /** Each group's mean row, summed in row order; a group left empty keeps its centre. */
    private static double[][] means(double[][] rows, int[] group, double[][] previous) {
        int k = previous.length;
        int d = previous[0].length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int i = 0; i < rows.length; i++) {
            double[] s = sums[group[i]];
            for (int j = 0; j < d; j++) {
                s[j] += rows[i][j];
            }
            counts[group[i]]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                sums[c] = previous[c];
            } else {
                for (int j = 0; j < d; j++) {
                    sums[c][j] /= counts[c];
                }
            }
        }
        return sums;
    }

    /** Dissolves the smallest group under {@code minRows} into the nearest remaining centres, until none is left. */
    private static void dissolveSmall(double[][] rows, double[][] centres, boolean[] alive, int[] group, int minRows) {
        while (true) {
            int[] counts = new int[centres.length];
            for (int g : group) {
                counts[g]++;
            }
            int smallest = -1;
            for (int c = 0; c < centres.length; c++) {
                if (alive[c] && counts[c] < minRows && (smallest < 0 || counts[c] < counts[smallest])) {
                    smallest = c;
                }
            }
            if (smallest < 0) {
                return;
            }
            alive[smallest] = false;
            for (int i = 0; i < rows.length; i++) {
                if (group[i] == smallest) {
                    group[i] = nearest(rows[i], centres, alive);
                }
            }
        }
    }

    /** The groups numbered 0, 1, ... in the order of their first row. */
    private static int[] renumbered(int[] group, int k) {
        int[] number = new int[k];
        Arrays.fill(number, -1);
        int next = 0;
        int[] out = new int[group.length];
        for (int i = 0; i < group.length; i++) {
            if (number[group[i]] < 0) {
                number[group[i]] = next++;
            }
            out[i] = number[group[i]];
        }
        return out;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double x = a[j] - b[j];
            s += x * x;
        }
        return s;
    }
}
