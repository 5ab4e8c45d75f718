package io.tabsynth.plugins.evaluators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the rows a predicate matches without reading every row: each condition narrows the rows to a run of one
 * column's sorted order (a numeric bound, equality or missing cells) or to the rows holding one code, and only the
 * shortest run is read, testing the other conditions on it. Writing singling-out predicates tries many thousands
 * of candidates against the synthetic rows; most are rejected after reading a few rows.
 */
final class PredicateIndex {
    private final CodedRows rows;
    /** Per ordered column, the row positions by ascending value, missing cells last. */
    private final int[][] order;
    /** Per ordered column, the values in that order. */
    private final double[][] sorted;
    /** Per ordered column, how many cells are present. */
    private final int[] present;
    /** Per coded column, the row positions holding each code. */
    private final int[][][] byCode;

    PredicateIndex(CodedRows rows) {
        this.rows = rows;
        int d = rows.columns();
        order = new int[d][];
        sorted = new double[d][];
        present = new int[d];
        byCode = new int[d][][];
        for (int j = 0; j < d; j++) {
            double[] v = rows.values[j];
            if (rows.ordered[j]) {
                Integer[] boxed = new Integer[v.length];
                for (int r = 0; r < v.length; r++) {
                    boxed[r] = r;
                }
                // Double.compare puts NaN after every number
                Arrays.sort(boxed, (a, b) -> Double.compare(v[a], v[b]));
                order[j] = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
                sorted[j] = Arrays.stream(order[j]).mapToDouble(r -> v[r]).toArray();
                present[j] = (int) Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
            } else {
                List<List<Integer>> lists = new ArrayList<>();
                for (int r = 0; r < v.length; r++) {
                    int code = (int) v[r];
                    while (lists.size() <= code) {
                        lists.add(new ArrayList<>());
                    }
                    lists.get(code).add(r);
                }
                byCode[j] = lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            }
        }
    }

    /** How many rows the predicate matches, counting no further than {@code limit}. */
    int count(Predicate p, int limit) {
        int[] best = null;
        int from = 0;
        int to = rows.size();
        for (int k = 0; k < p.columns().length; k++) {
            int j = p.columns()[k];
            double value = p.values()[k];
            int[] run;
            int lo = 0;
            int hi;
            if (rows.ordered[j]) {
                run = order[j];
                hi = present[j];
                switch (p.ops()[k]) {
                    case AT_LEAST -> lo = firstAtLeast(sorted[j], hi, value);
                    case AT_MOST -> hi = firstAbove(sorted[j], hi, value);
                    case EQUALS -> {
                        lo = firstAtLeast(sorted[j], hi, value);
                        hi = firstAbove(sorted[j], hi, value);
                    }
                    case MISSING -> {
                        lo = hi;
                        hi = run.length;
                    }
                    default -> hi = run.length;
                }
            } else if (p.ops()[k] == Predicate.Op.EQUALS) {
                int code = (int) value;
                run = code < byCode[j].length ? byCode[j][code] : new int[0];
                hi = run.length;
            } else {
                continue;
            }
            if (best == null || hi - lo < to - from) {
                best = run;
                from = lo;
                to = hi;
            }
        }
        if (best == null) {
            return p.count(rows, limit);
        }
        int n = 0;
        for (int i = from; i < to && n < limit; i++) {
            n += p.matches(rows, best[i]) ? 1 : 0;
        }
        return n;
    }

    /** The first position among the first {@code n} sorted values holding at least {@code value}. */
    private static int firstAtLeast(double[] sorted, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position among the first {@code n} sorted values holding more than {@code value}. */
    private static int firstAbove(double[] sorted, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
