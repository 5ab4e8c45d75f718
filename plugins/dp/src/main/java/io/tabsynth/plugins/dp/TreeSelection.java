package io.tabsynth.plugins.dp;

import io.tabsynth.spi.privacy.ExponentialMechanism;
import io.tabsynth.spi.privacy.Rational;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the pairs of columns whose two-way marginals are measured: a maximum spanning tree over how strongly
 * each pair depends, built as Kruskal builds it but with each edge chosen by the exponential mechanism, as MST
 * does (McKenna, Sheldon, Miklau 2021, Section 4). A pair's weight is MST's: the L1 distance between its true
 * two-way counts and what the noisy one-way marginals predict under independence (the count of rows that
 * independence misplaces, a private stand-in for mutual information), less the L1 size of the noise its
 * measurement would add (√(2/π)·σ per cell), so that a pair is chosen for the information its measurement
 * brings. One row changes a weight by at most 1, and rounding down keeps that, so each round has sensitivity 1.
 */
final class TreeSelection {
    private static final double HALF_NORMAL_MEAN = Math.sqrt(2 / Math.PI);

    /** A measured pair of modelled columns. */
    record Edge(int a, int b) {
    }

    private TreeSelection() {
    }

    /**
     * @param cells    every modelled column's cells per row
     * @param sizes    every modelled column's number of cells
     * @param oneWay   every modelled column's fitted one-way distribution
     * @param rows     the estimated number of rows
     * @param names    the modelled columns' names, for the mechanism records
     */
    static List<Edge> select(int[][] cells, int[] sizes, double[][] oneWay, double rows, List<String> names,
                             ExponentialMechanism mechanism, Rational epsilon, Rational twoWaySigma2) {
        int k = sizes.length;
        double sigma = Math.sqrt(twoWaySigma2.doubleValue());
        long[][] weight = new long[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                long[] counts = TwoWay.counts(cells[a], cells[b], sizes[b], sizes[a] * sizes[b]);
                double distance = 0;
                for (int i = 0; i < sizes[a]; i++) {
                    for (int j = 0; j < sizes[b]; j++) {
                        distance += Math.abs(counts[i * sizes[b] + j] - rows * oneWay[a][i] * oneWay[b][j]);
                    }
                }
                weight[a][b] = (long) Math.floor(distance - HALF_NORMAL_MEAN * sigma * sizes[a] * sizes[b]);
            }
        }
        int[] component = new int[k];
        for (int i = 0; i < k; i++) {
            component[i] = i;
        }
        List<Edge> tree = new ArrayList<>();
        for (int round = 1; round < k; round++) {
            List<Edge> candidates = new ArrayList<>();
            List<Rational> utilities = new ArrayList<>();
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    if (component[a] != component[b]) {
                        candidates.add(new Edge(a, b));
                        utilities.add(Rational.of(weight[a][b]));
                    }
                }
            }
            int chosen = mechanism.select("which pair of columns depends most, among " + candidates.size()
                            + " pairs of " + k + " columns (tree edge " + round + " of " + (k - 1) + ")",
                    utilities, Rational.ONE, epsilon);
            Edge edge = candidates.get(chosen);
            tree.add(edge);
            int merged = component[edge.b()];
            for (int i = 0; i < k; i++) {
                if (component[i] == merged) {
                    component[i] = component[edge.a()];
                }
            }
        }
        return tree;
    }
}
