package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mergeable quantile sketch of a stream of numbers, after the compactor hierarchy of Manku, Rajagopalan and
 * Lindsay (1998) that KLL (Karnin, Lang and Liberty 2016) refines. Level h holds values that each stand for 2^h
 * values of the stream. When a level holds {@link #capacity} values it is sorted and compacted: every other value
 * (starting at the first or the second, alternately, so the choice is deterministic) moves up a level, the rest are
 * dropped. A compaction of level h moves the estimated rank of any x by at most 2^h, so the sum of 2^h over the
 * compactions done ({@link #rankErrorBound()}) bounds the rank error: for every x, the estimated number of values
 * below x differs from the true number by at most that sum. With n values it is at most n·L/capacity for L levels
 * (about 0.3 % of n for ten million values at the default capacity of 4,096). A sketch that never compacted
 * holds every value and is exact. Two sketches merge level by level (the bounds add up); the same values added in
 * the same order give the same sketch.
 */
final class QuantileSketch {
    /** Values a level holds before it is compacted. */
    static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final List<double[]> levels = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    /** Per level, whether its next compaction keeps the values at odd positions. */
    private final List<Boolean> odd = new ArrayList<>();
    private long count;
    private long rankErrorBound;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    QuantileSketch(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a sketch level holds at least 2 values");
        }
        this.capacity = capacity;
    }

    QuantileSketch() {
        this(DEFAULT_CAPACITY);
    }

    /** Adds one value (not NaN). */
    void add(double v) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        append(0, v);
        if (sizes.get(0) >= capacity) {
            compact(0);
        }
    }

    /** Adds every value of {@code other} to this sketch. */
    void merge(QuantileSketch other) {
        for (int h = 0; h < other.levels.size(); h++) {
            double[] values = other.levels.get(h);
            for (int i = 0; i < other.sizes.get(h); i++) {
                append(h, values[i]);
            }
        }
        count += other.count;
        rankErrorBound += other.rankErrorBound;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        for (int h = 0; h < levels.size(); h++) {
            if (sizes.get(h) >= capacity) {
                compact(h);
            }
        }
    }

    private void append(int level, double v) {
        while (levels.size() <= level) {
            levels.add(new double[capacity]);
            sizes.add(0);
            odd.add(false);
        }
        double[] values = levels.get(level);
        int size = sizes.get(level);
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * values.length);
            levels.set(level, values);
        }
        values[size] = v;
        sizes.set(level, size + 1);
    }

    /** Moves every other value of level h up a level; an odd count leaves the largest value behind. */
    private void compact(int h) {
        double[] values = levels.get(h);
        int size = sizes.get(h);
        Arrays.sort(values, 0, size);
        int pairs = size / 2;
        int start = odd.get(h) ? 1 : 0;
        odd.set(h, !odd.get(h));
        for (int p = 0; p < pairs; p++) {
            append(h + 1, values[2 * p + start]);
        }
        double left = values[size - 1];
        int kept = size - 2 * pairs;
        if (kept == 1) {
            values[0] = left;
        }
        sizes.set(h, kept);
        rankErrorBound += 1L << h;
        if (sizes.get(h + 1) >= capacity) {
            compact(h + 1);
        }
    }

    /** How many values were added. */
    long count() {
        return count;
    }

    /** The most by which an estimated rank differs from the true rank (0: the sketch is exact). */
    long rankErrorBound() {
        return rankErrorBound;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The sketch's values sorted, equal values merged, with their weights: what queries read. */
    Sorted sorted() {
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        double[] v = new double[total];
        long[] w = new long[total];
        int k = 0;
        for (int h = 0; h < levels.size(); h++) {
            for (int i = 0; i < sizes.get(h); i++) {
                v[k] = levels.get(h)[i];
                w[k++] = 1L << h;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] values = new double[total];
        long[] below = new long[total + 1];
        int distinct = 0;
        for (int i = 0; i < total; i++) {
            double x = v[order[i]];
            if (distinct == 0 || x != values[distinct - 1]) {
                values[distinct++] = x;
                below[distinct] = below[distinct - 1];
            }
            below[distinct] += w[order[i]];
        }
        return new Sorted(Arrays.copyOf(values, distinct), Arrays.copyOf(below, distinct + 1));
    }

    /**
     * The sketch's distinct values ascending and, for the j-th, the total weight of the values before it
     * ({@code below[j]}) and up to it ({@code below[j + 1]}); {@code below[values.length]} is the count.
     */
    record Sorted(double[] values, long[] below) {
        /** The index of x among the values, or -(insertion point) - 1. */
        int find(double x) {
            return Arrays.binarySearch(values, x);
        }

        long count() {
            return below[values.length];
        }

        /**
         * The value of order statistic r (0-based, 0 ≤ r &lt; count): the first value whose weight up to it
         * exceeds r.
         */
        double orderStatistic(double r) {
            int lo = 0;
            int hi = values.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (below[mid + 1] > r) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return values[lo];
        }

        /** The estimated number of values below x. */
        long rankBelow(double x) {
            int i = find(x);
            return below[i >= 0 ? i : -i - 1];
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("capacity", capacity);
        o.put("count", count);
        o.put("rankErrorBound", rankErrorBound);
        o.put("min", min);
        o.put("max", max);
        ArrayNode ls = o.putArray("levels");
        for (int h = 0; h < levels.size(); h++) {
            ObjectNode level = ls.addObject();
            level.put("odd", odd.get(h));
            ArrayNode values = level.putArray("values");
            for (int i = 0; i < sizes.get(h); i++) {
                values.add(levels.get(h)[i]);
            }
        }
        return o;
    }

    static QuantileSketch fromJson(JsonNode o) {
        QuantileSketch s = new QuantileSketch(o.path("capacity").asInt());
        s.count = o.path("count").asLong();
        s.rankErrorBound = o.path("rankErrorBound").asLong();
        s.min = o.path("min").asDouble();
        s.max = o.path("max").asDouble();
        int h = 0;
        for (JsonNode level : o.path("levels")) {
            s.append(h, 0);
            s.sizes.set(h, 0);
            s.odd.set(h, level.path("odd").asBoolean());
            for (JsonNode v : level.path("values")) {
                s.append(h, v.asDouble());
            }
            h++;
        }
        return s;
    }
}
