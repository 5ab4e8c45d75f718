package io.tabsynth.plugins.arf;

import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forest's density (the paper's FORGE step): every leaf of every tree, weighted by the real rows it covers.
 * Picking a tree at random and then one of its leaves by coverage is picking one leaf of them all by coverage,
 * since each tree's leaves cover every real row once. A drawn row picks a leaf, then draws each column from the
 * leaf on its own. Immutable.
 */
final class LeafSet {
    private final List<Leaf> leaves;
    private final double[] cumulative;
    private final int columns;

    LeafSet(List<Leaf> leaves, double[] weights, int columns) {
        this.leaves = List.copyOf(leaves);
        this.columns = columns;
        this.cumulative = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i];
            cumulative[i] = run;
        }
    }

    /** Leaves weighted by their coverage. */
    static LeafSet of(List<Leaf> leaves, int columns) {
        double[] w = new double[leaves.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = leaves.get(i).coverage();
        }
        return new LeafSet(leaves, w, columns);
    }

    /**
     * The forest's density of the real rows: each real row ({@code real}, per column) is passed down every tree
     * ({@code set} holds the real rows first) and each leaf keeps its rows' column distributions.
     *
     * @param least the rare-value rule's k, for {@link NumberDensity}
     */
    static LeafSet forge(Forest forest, TrainingSet set, double[][] real, Feature[] features, int least) {
        double[][] whole = new double[features.length][];
        int[] all = new int[set.realRows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int j = 0; j < features.length; j++) {
            whole[j] = features[j].isCategory() ? null : offSpikes(real[j], features[j]);
        }
        LeafRefinement refinement = new LeafRefinement(real, features, least);
        List<Leaf> leaves = new ArrayList<>();
        for (Tree tree : forest.trees()) {
            int[] leafOf = new int[set.realRows()];
            int[] size = new int[tree.leaves()];
            for (int r = 0; r < leafOf.length; r++) {
                leafOf[r] = tree.leafOf(set, r);
                size[leafOf[r]]++;
            }
            int[][] rows = new int[tree.leaves()][];
            for (int l = 0; l < rows.length; l++) {
                rows[l] = new int[size[l]];
            }
            int[] filled = new int[tree.leaves()];
            for (int r = 0; r < leafOf.length; r++) {
                rows[leafOf[r]][filled[leafOf[r]]++] = r;
            }
            double[][][] bounds = tree.bounds(features.length);
            for (int l = 0; l < rows.length; l++) {
                if (rows[l].length == 0) {
                    continue;
                }
                for (int[] part : refinement.parts(rows[l])) {
                    LeafColumn[] cols = new LeafColumn[features.length];
                    for (int j = 0; j < features.length; j++) {
                        cols[j] = features[j].isCategory() ? CategoryShares.of(real[j], part, features[j].levels())
                                : NumberDensity.of(real[j], part, features[j], bounds[0][l][j], bounds[1][l][j],
                                        whole[j], least);
                    }
                    leaves.add(new Leaf(part.length, cols));
                }
            }
        }
        return of(leaves, features.length);
    }

    /** The mean and spread of a column's present values off its spikes (0 and 0 when there are none). */
    private static double[] offSpikes(double[] values, Feature feature) {
        int n = 0;
        double sum = 0;
        double sumSquares = 0;
        for (double x : values) {
            if (!Double.isNaN(x) && feature.spike(x) < 0) {
                n++;
                sum += x;
                sumSquares += x * x;
            }
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(Math.max(0, sumSquares / n - mean * mean))};
    }

    List<Leaf> leaves() {
        return leaves;
    }

    int columns() {
        return columns;
    }

    /** {@code rows} rows, per column: a leaf each, then every column from that leaf. */
    double[][] draw(int rows, Rng rng) {
        double[][] out = new double[columns][rows];
        double total = cumulative[cumulative.length - 1];
        for (int i = 0; i < rows; i++) {
            double u = rng.nextDouble() * total;
            int l = Arrays.binarySearch(cumulative, u);
            l = Math.min(l >= 0 ? l + 1 : -l - 1, leaves.size() - 1);
            while (weightOf(l) == 0) {
                l--;
            }
            Leaf leaf = leaves.get(l);
            for (int j = 0; j < columns; j++) {
                out[j][i] = leaf.columns()[j].draw(rng);
            }
        }
        return out;
    }

    private double weightOf(int l) {
        return cumulative[l] - (l == 0 ? 0 : cumulative[l - 1]);
    }
}
