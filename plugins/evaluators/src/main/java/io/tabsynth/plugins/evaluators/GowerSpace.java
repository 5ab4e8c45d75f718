package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Rows of mixed columns as points for Gower's distance: the mean over columns of |x − y| / range for numbers
 * (range of the reference data) and 0/1 mismatch for everything else; a missing value is 0 from another
 * missing value and 1 from anything else. Rows are stored column-interleaved and categorical columns come
 * first, so a nearest-neighbour search can stop adding a candidate's terms as soon as they exceed the best
 * distance found so far (the search is exact). Category codes are also packed into 64-bit words, a field of
 * {@code width} bits per column, so the mismatches of all categorical columns cost an XOR, a few shifts and
 * a population count per word.
 */
final class GowerSpace {
    /** The most elements one Java array holds on common JVMs. */
    static final int MAX_CELLS = Integer.MAX_VALUE - 8;
    private final List<ColumnSpec> columns;
    private final int cats;
    private final int nums;
    private final double[] min;
    private final double[] range;
    private final Map<String, Integer>[] dictionaries;

    @SuppressWarnings("unchecked")
    GowerSpace(Frame reference, List<ColumnSpec> scored) {
        List<ColumnSpec> ordered = new ArrayList<>();
        scored.stream().filter(c -> !c.kind().isNumeric()).forEach(ordered::add);
        this.cats = ordered.size();
        scored.stream().filter(c -> c.kind().isNumeric()).forEach(ordered::add);
        this.columns = ordered;
        this.nums = ordered.size() - cats;
        this.min = new double[nums];
        this.range = new double[nums];
        for (int j = 0; j < nums; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : reference.numbers(ordered.get(cats + j).name())) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            min[j] = lo > hi ? 0 : lo;
            range[j] = hi > lo ? hi - lo : 1;
        }
        this.dictionaries = new Map[cats];
        for (int j = 0; j < cats; j++) {
            dictionaries[j] = new HashMap<>();
        }
    }

    /**
     * The cells of n rows of the given width in one array, refused with what to do where one array cannot hold
     * them (an int product would overflow: 10,000,000 rows of 250 columns).
     */
    static int cells(int n, int width) {
        long cells = (long) n * width;
        if (cells > MAX_CELLS) {
            throw new BadInputException("privacy: " + n + " rows of " + width + " scored columns are " + cells
                    + " cells, more than one array holds (" + MAX_CELLS + "): evaluate a sample of the rows");
        }
        return (int) cells;
    }

    int dimensions() {
        return columns.size();
    }

    /** A frame's rows as points: categorical codes (-1 missing) and scaled numbers (NaN missing). */
    Points points(Frame f) {
        return pack(unpacked(f));
    }

    private Points unpacked(Frame f) {
        int n = f.rowCount();
        int[] codes = new int[cells(n, cats)];
        double[] values = new double[cells(n, nums)];
        for (int j = 0; j < cats; j++) {
            int col = f.schema().indexOf(columns.get(j).name());
            Map<String, Integer> dict = dictionaries[j];
            for (int i = 0; i < n; i++) {
                String t = CellText.of(f, col, i);
                codes[i * cats + j] = t == null ? -1 : dict.computeIfAbsent(t, k -> dict.size());
            }
        }
        for (int j = 0; j < nums; j++) {
            double[] v = f.numbers(columns.get(cats + j).name());
            for (int i = 0; i < n; i++) {
                values[i * nums + j] = Double.isNaN(v[i]) ? Double.NaN : (v[i] - min[j]) / range[j];
            }
        }
        return new Points(n, codes, values, null, 0, 0, 0);
    }

    /**
     * Packs codes + 1 (so missing is 0) into words of {@code 64 / width} fields. The width is fixed from the
     * dictionaries at the time, which only grow; points packed earlier stay comparable because a wider field
     * is never needed for codes they already hold... so all points are packed with the width needed for the
     * largest dictionary, which is recomputed here and passed to {@link #nearest} through the points.
     */
    private Points pack(Points p) {
        int maxCode = 1;
        for (Map<String, Integer> d : dictionaries) {
            maxCode = Math.max(maxCode, d.size() + 1);
        }
        int width = Math.max(1, 64 - Long.numberOfLeadingZeros(maxCode));
        int perWord = Math.max(1, 64 / width);
        int words = Math.max(1, (cats + perWord - 1) / perWord);
        long[] packed = new long[p.size() * words];
        for (int i = 0; i < p.size(); i++) {
            for (int j = 0; j < cats; j++) {
                long code = p.codes()[i * cats + j] + 1L;
                packed[i * words + j / perWord] |= code << ((j % perWord) * width);
            }
        }
        return new Points(p.size(), p.codes(), p.values(), packed, width, perWord, words);
    }

    /** Rows as points: codes and scaled values, and the codes packed {@code perWord} to a word of {@code width}-bit fields. */
    record Points(int size, int[] codes, double[] values, long[] packed, int width, int perWord, int words) {
    }

    /**
     * For each target row, the index of its nearest row of {@code base} over the given columns (first of ties),
     * with numeric ranges taken from {@code reference}.
     */
    static int[] nearestIndex(Frame targets, Frame base, List<ColumnSpec> columns, Frame reference) {
        GowerSpace space = new GowerSpace(reference, columns);
        return space.nearestIndex(space.points(targets), space.points(base));
    }

    /** For each query row, the index of its nearest row of {@code base}. */
    int[] nearestIndex(Points query, Points base) {
        double[] idx = search(query, base, false)[2];
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) idx[i];
        }
        return out;
    }

    /** For each query row, the Gower distance to its nearest row of {@code base}. */
    double[] nearest(Points query, Points base) {
        return search(query, base, false)[0];
    }

    /** For each query row, the Gower distances to its nearest and second-nearest rows of {@code base}. */
    double[][] nearestTwo(Points query, Points base) {
        return search(query, base, true);
    }

    /**
     * The exact search, parallel over query rows. A candidate is abandoned once its partial distance reaches
     * the bound that matters: the second-best distance when both are wanted, else the best.
     */
    private double[][] search(Points query, Points base, boolean two) {
        if (query.width() != base.width()) {
            // Dictionaries grew between packing the two sets of points: repack both with the current width.
            return search(pack(query), pack(base), two);
        }
        Groups g = Groups.of(base, nums);
        double[] first = new double[query.size()];
        double[] second = new double[query.size()];
        double[] index = new double[query.size()];
        int d = dimensions();
        int words = query.words();
        int width = query.width();
        long low = 0;
        for (int f = 0; f < query.perWord(); f++) {
            low |= 1L << (f * width);
        }
        long lowMask = low;
        Groups qg = Groups.of(query, nums);
        double[] qvAll = qg.values;
        // Queries sharing their category codes share every group's mismatch count: one count per query group.
        IntStream.range(0, qg.count).parallel().forEach(qgi -> {
            int[] mismatches = new int[g.count];
            int qw = qgi * words;
            for (int grp = 0; grp < g.count; grp++) {
                int m = 0;
                int gw = grp * words;
                for (int w = 0; w < words; w++) {
                    long x = qg.words[qw + w] ^ g.words[gw + w];
                    if (x != 0) {
                        long t = x;
                        for (int sh = 1; sh < width; sh++) {
                            t |= x >>> sh;
                        }
                        m += Long.bitCount(t & lowMask);
                    }
                }
                mismatches[grp] = m;
            }
            int own = words == 1 ? g.groupOf(qg.words[qw]) : -1;
            for (int qpos = qg.start[qgi]; qpos < qg.start[qgi + 1]; qpos++) {
                int q = qg.rows[qpos];
                int qv = qpos * nums;
                double b1 = Double.POSITIVE_INFINITY;
                double b2 = Double.POSITIVE_INFINITY;
                int i1 = -1;
                // Visit the query's own category group first (if the base has it): its rows are likely nearest,
                // which tightens the bound for every group after it.
                for (int step = own >= 0 ? -1 : 0; step < g.count; step++) {
                    int grp = step < 0 ? own : step;
                    if (step >= 0 && grp == own) {
                        continue;
                    }
                    double limit = (two ? b2 : b1) * d;
                    int mm = mismatches[grp];
                    if (mm >= limit) {
                        continue;
                    }
                    for (int r = g.start[grp]; r < g.start[grp + 1]; r++) {
                        double s = mm;
                        int rv = r * nums;
                        for (int k = 0; k < nums && s < limit; k++) {
                            double a = qvAll[qv + k];
                            double b = g.values[rv + k];
                            if (Double.isNaN(a) || Double.isNaN(b)) {
                                s += Double.isNaN(a) && Double.isNaN(b) ? 0 : 1;
                            } else {
                                s += Math.min(1, Math.abs(a - b));
                            }
                        }
                        if (s >= limit) {
                            continue;
                        }
                        double dist = s / d;
                        if (dist < b1) {
                            b2 = b1;
                            b1 = dist;
                            i1 = g.rows[r];
                        } else if (dist < b2) {
                            b2 = dist;
                        }
                        limit = (two ? b2 : b1) * d;
                    }
                }
                first[q] = b1;
                second[q] = b2;
                index[q] = i1;
            }
        });
        return new double[][] {first, second, index};
    }

    /**
     * Base rows grouped by their packed category codes: each group's words once, and the rows' scaled numbers
     * in group order, so a whole group is skipped when its category mismatches already exceed the bound.
     */
    private static final class Groups {
        int count;
        long[] words;
        int[] start;
        double[] values;
        int[] rows;

        static Groups of(Points base, int nums) {
            int n = base.size();
            int w = base.words();
            long[] packed = base.packed();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                for (int k = 0; k < w; k++) {
                    int c = Long.compare(packed[a * w + k], packed[b * w + k]);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a, b);
            });
            Groups g = new Groups();
            g.words = new long[cells(n, w)];
            g.start = new int[n + 1];
            g.values = new double[cells(n, nums)];
            g.rows = new int[n];
            for (int pos = 0; pos < n; pos++) {
                int row = order[pos];
                boolean same = g.count > 0;
                for (int k = 0; k < w && same; k++) {
                    same = g.words[(g.count - 1) * w + k] == packed[row * w + k];
                }
                if (!same) {
                    System.arraycopy(packed, row * w, g.words, g.count * w, w);
                    g.start[g.count++] = pos;
                }
                System.arraycopy(base.values(), row * nums, g.values, pos * nums, nums);
                g.rows[pos] = row;
            }
            g.start[g.count] = n;
            return g;
        }

        /**
         * The group of rows whose one packed word is {@code word}, or -1: groups are in ascending order of their
         * words, so a binary search finds it (a hash map of the packed words collided into long chains).
         */
        int groupOf(long word) {
            int at = java.util.Arrays.binarySearch(words, 0, count, word);
            return at >= 0 ? at : -1;
        }
    }

    /** A row's exact identity over the scored columns, for counting copies. */
    String key(Points p, int row) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < cats; j++) {
            sb.append(p.codes()[row * cats + j]).append('|');
        }
        for (int j = 0; j < nums; j++) {
            sb.append(p.values()[row * nums + j]).append('|');
        }
        return sb.toString();
    }
}
