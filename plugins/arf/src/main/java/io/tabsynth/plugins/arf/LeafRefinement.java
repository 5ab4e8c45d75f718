package io.tabsynth.plugins.arf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a leaf's real rows further where its columns are plainly not independent, which the leaf's density assumes
 * (an addition to the paper's FORGE step). A forest stops splitting a node that holds real rows only, so a leaf may
 * still mix, say, two cities with their two states, and drawing each column on its own would then pair a city with
 * the other's state. Each column is seen through its values (a category's codes; a number's spikes, deciles of the
 * rest, and missing); a leaf is split by the values of the column whose mutual information with the others, n·I summed over
 * the columns, most exceeds the BIC penalty ½·(r−1)(s−1)·ln n of each pair; then again in each part. Every part keeps
 * at least {@code least} real rows: values fewer rows hold go together into one part, which joins the largest part
 * when it is still smaller.
 */
final class LeafRefinement {
    /** A pair whose contingency table would have more cells than this is left out (it cannot be learned from a leaf). */
    private static final int MAX_CELLS = 1 << 20;
    /** A number's values off its spikes are seen as this many bins of equal counts (deciles). */
    private static final int REST_BINS = 10;

    private final int[][] codes;
    private final int[] levels;
    private final int least;

    /**
     * @param real     the real rows' values, per feature
     * @param features the features
     * @param least    the least real rows of a part
     */
    LeafRefinement(double[][] real, Feature[] features, int least) {
        this.least = least;
        this.codes = new int[features.length][];
        this.levels = new int[features.length];
        for (int j = 0; j < features.length; j++) {
            double[] v = real[j];
            int[] c = new int[v.length];
            Feature f = features[j];
            if (f.isCategory()) {
                for (int i = 0; i < v.length; i++) {
                    c[i] = (int) v[i];
                }
                levels[j] = f.levels();
            } else {
                double[] cuts = restCuts(v, f);
                int firstBin = f.spikes().length + 1;
                for (int i = 0; i < v.length; i++) {
                    c[i] = Double.isNaN(v[i]) ? 0 : f.spike(v[i]) >= 0 ? f.spike(v[i]) + 1
                            : firstBin + bin(cuts, v[i]);
                }
                levels[j] = firstBin + cuts.length + 1;
            }
            codes[j] = c;
        }
    }

    /** The values between the {@link #REST_BINS} equal-count bins of a number's values off its spikes. */
    private static double[] restCuts(double[] v, Feature f) {
        double[] rest = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x) && f.spike(x) < 0).sorted().toArray();
        if (rest.length == 0) {
            return new double[0];
        }
        double[] cuts = new double[REST_BINS - 1];
        for (int b = 1; b < REST_BINS; b++) {
            cuts[b - 1] = rest[(int) ((long) b * (rest.length - 1) / REST_BINS)];
        }
        return cuts;
    }

    /** The bin of a value: how many cuts lie below it. */
    private static int bin(double[] cuts, double x) {
        int i = java.util.Arrays.binarySearch(cuts, x);
        return i >= 0 ? i : -i - 1;
    }

    /** The parts of a leaf's rows (the rows themselves, in one part, when nothing is gained by splitting). */
    List<int[]> parts(int[] rows) {
        List<int[]> out = new ArrayList<>();
        split(rows, out);
        return out;
    }

    private void split(int[] rows, List<int[]> out) {
        int by = rows.length < 2 * least ? -1 : bestColumn(rows);
        if (by < 0) {
            out.add(rows);
            return;
        }
        List<int[]> parts = partsBy(by, rows);
        if (parts.size() < 2) {
            out.add(rows);
            return;
        }
        for (int[] p : parts) {
            split(p, out);
        }
    }

    /** The column whose values tell most about the others beyond the penalty, or -1 when none does. */
    private int bestColumn(int[] rows) {
        int f = codes.length;
        int[][] local = new int[f][];
        int[] distinct = new int[f];
        for (int j = 0; j < f; j++) {
            local[j] = compact(codes[j], levels[j], rows);
            distinct[j] = local[j].length == 0 ? 0 : max(local[j]) + 1;
        }
        double n = rows.length;
        double logN = Math.log(n);
        int best = -1;
        double bestGain = 0;
        for (int c = 0; c < f; c++) {
            if (distinct[c] < 2) {
                continue;
            }
            double gain = 0;
            for (int d = 0; d < f; d++) {
                if (d == c || distinct[d] < 2 || (long) distinct[c] * distinct[d] > MAX_CELLS) {
                    continue;
                }
                double term = n * mutualInformation(local[c], distinct[c], local[d], distinct[d])
                        - 0.5 * (distinct[c] - 1) * (distinct[d] - 1) * logN;
                gain += Math.max(0, term);
            }
            if (gain > bestGain) {
                bestGain = gain;
                best = c;
            }
        }
        return best;
    }

    /** The rows' codes renumbered 0, 1, ... in order of first appearance. */
    private static int[] compact(int[] codes, int levels, int[] rows) {
        int[] map = new int[levels];
        Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int c = codes[rows[i]];
            if (map[c] < 0) {
                map[c] = next++;
            }
            out[i] = map[c];
        }
        return out;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The mutual information (nats) of two columns' codes over the same rows. */
    static double mutualInformation(int[] a, int ra, int[] b, int rb) {
        int n = a.length;
        int[] joint = new int[ra * rb];
        int[] ma = new int[ra];
        int[] mb = new int[rb];
        for (int i = 0; i < n; i++) {
            joint[a[i] * rb + b[i]]++;
            ma[a[i]]++;
            mb[b[i]]++;
        }
        double mi = 0;
        for (int x = 0; x < ra; x++) {
            for (int y = 0; y < rb; y++) {
                int c = joint[x * rb + y];
                if (c > 0) {
                    mi += c * Math.log((double) c * n / ((double) ma[x] * mb[y]));
                }
            }
        }
        return mi / n;
    }

    /** The rows grouped by the column's value, values fewer than {@code least} rows hold together in one group. */
    private List<int[]> partsBy(int column, int[] rows) {
        int[] count = new int[levels[column]];
        for (int r : rows) {
            count[codes[column][r]]++;
        }
        int[] group = new int[levels[column]];
        int groups = 0;
        for (int v = 0; v < count.length; v++) {
            group[v] = count[v] >= least ? groups++ : -1;
        }
        int small = groups;
        int smallRows = 0;
        for (int v = 0; v < count.length; v++) {
            if (group[v] < 0) {
                smallRows += count[v];
            }
        }
        if (smallRows > 0) {
            int target = small;
            if (smallRows < least) {
                int largest = -1;
                for (int v = 0; v < count.length; v++) {
                    if (group[v] >= 0 && (largest < 0 || count[v] > count[largest])) {
                        largest = v;
                    }
                }
                target = largest < 0 ? small : group[largest];
            }
            for (int v = 0; v < count.length; v++) {
                if (group[v] < 0) {
                    group[v] = target;
                }
            }
            groups = Math.max(groups, target + 1);
        }
        int[] size = new int[groups];
        for (int r : rows) {
            size[group[codes[column][r]]]++;
        }
        int[][] parts = new int[groups][];
        for (int g = 0; g < groups; g++) {
            parts[g] = new int[size[g]];
        }
        int[] filled = new int[groups];
        for (int r : rows) {
            int g = group[codes[column][r]];
            parts[g][filled[g]++] = r;
        }
        return List.of(parts);
    }
}
