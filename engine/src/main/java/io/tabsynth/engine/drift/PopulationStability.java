package io.tabsynth.engine.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The population stability index of a column between an old and a new snapshot:
 * PSI = Σ over bins of (new share − old share) · ln(new share / old share). The bins are the old data's deciles for
 * numbers (cut at its 10th, 20th, ..., 90th percentiles, fewer bins where cut points coincide) and the categories
 * themselves for categories; missing values are a bin of their own. A bin one snapshot leaves empty counts with the
 * share {@link #EMPTY_SHARE} instead of 0, so that the logarithm stays finite.
 *
 * <p>By the usual convention, a PSI below {@link #MODERATE} is a stable column, one from {@link #MODERATE} to below
 * {@link #SHIFTED} a moderate shift, and one of {@link #SHIFTED} or more a shifted column.
 *
 * @param value the index
 * @param bins  the bins it was computed over, by label, in order
 * @param oldShares the old snapshot's share of each bin (before the floor)
 * @param newShares the new snapshot's share of each bin (before the floor)
 */
public record PopulationStability(double value, List<String> bins, double[] oldShares, double[] newShares) {
    /** The share an empty bin counts with. */
    public static final double EMPTY_SHARE = 1e-4;
    /** PSI from which a column has moved moderately. */
    public static final double MODERATE = 0.1;
    /** PSI from which a column has shifted. */
    public static final double SHIFTED = 0.25;
    /** How many quantile bins numbers fall into: deciles. */
    public static final int QUANTILE_BINS = 10;
    /** The label of the bin of missing values. */
    public static final String MISSING = "(missing)";

    /** How far a column moved, by its PSI. */
    public enum Status {
        STABLE, MODERATE, SHIFTED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Status status() {
        return value >= SHIFTED ? Status.SHIFTED : value >= MODERATE ? Status.MODERATE : Status.STABLE;
    }

    /** The PSI of numbers (NaN is missing), binned at the old numbers' deciles. */
    public static PopulationStability ofNumbers(double[] old, double[] current) {
        double[] cuts = decileCuts(old);
        List<String> bins = new ArrayList<>();
        for (int i = 0; i <= cuts.length; i++) {
            bins.add(i == 0 ? (cuts.length == 0 ? "all values" : "<= " + cuts[0])
                    : i == cuts.length ? "> " + cuts[i - 1] : "(" + cuts[i - 1] + ", " + cuts[i] + "]");
        }
        bins.add(MISSING);
        return of(bins, countNumbers(old, cuts), countNumbers(current, cuts));
    }

    /** The PSI of categories, given each snapshot's rows per category (missing values under {@link #MISSING}). */
    public static PopulationStability ofCategories(Map<String, Integer> old, Map<String, Integer> current) {
        Map<String, Integer> index = new LinkedHashMap<>();
        old.keySet().forEach(c -> index.putIfAbsent(c, index.size()));
        current.keySet().forEach(c -> index.putIfAbsent(c, index.size()));
        long[] a = new long[index.size()];
        long[] b = new long[index.size()];
        old.forEach((c, n) -> a[index.get(c)] += n);
        current.forEach((c, n) -> b[index.get(c)] += n);
        return of(new ArrayList<>(index.keySet()), a, b);
    }

    private static PopulationStability of(List<String> bins, long[] old, long[] current) {
        double[] p = shares(old);
        double[] q = shares(current);
        double psi = 0;
        List<String> kept = new ArrayList<>();
        List<Double> keptOld = new ArrayList<>();
        List<Double> keptNew = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            if (old[i] == 0 && current[i] == 0) {
                continue; // a bin neither snapshot uses (no missing values) is no bin
            }
            double e = Math.max(p[i], EMPTY_SHARE);
            double a = Math.max(q[i], EMPTY_SHARE);
            psi += (a - e) * Math.log(a / e);
            kept.add(bins.get(i));
            keptOld.add(p[i]);
            keptNew.add(q[i]);
        }
        return new PopulationStability(psi, List.copyOf(kept), keptOld.stream().mapToDouble(d -> d).toArray(),
                keptNew.stream().mapToDouble(d -> d).toArray());
    }

    /** The distinct cut points at the 10th, ..., 90th percentiles of the present numbers (lower empirical quantile). */
    static double[] decileCuts(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] cuts = new double[QUANTILE_BINS - 1];
        int n = 0;
        for (int k = 1; k < QUANTILE_BINS; k++) {
            int at = (int) Math.ceil(k * sorted.length / (double) QUANTILE_BINS) - 1;
            double cut = sorted[Math.max(0, at)];
            if ((n == 0 || cut > cuts[n - 1]) && cut < sorted[sorted.length - 1]) {
                cuts[n++] = cut;
            }
        }
        return Arrays.copyOf(cuts, n);
    }

    /** Rows per bin: bin i holds values in (cut[i-1], cut[i]]; the last bin the missing values. */
    private static long[] countNumbers(double[] values, double[] cuts) {
        long[] counts = new long[cuts.length + 2];
        for (double v : values) {
            if (Double.isNaN(v)) {
                counts[cuts.length + 1]++;
            } else {
                int at = Arrays.binarySearch(cuts, v);
                counts[at >= 0 ? at : -at - 1]++;
            }
        }
        return counts;
    }

    private static double[] shares(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double[] s = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = total == 0 ? 0 : counts[i] / (double) total;
        }
        return s;
    }
}
