package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.chart.Readable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * How a numeric column is cut into bars, chosen from the real values: whole numbers that span at most
 * {@value #MAX_BINS} values get one bin each, other whole numbers bins of a whole width starting on a whole
 * number; a heavy-tailed column (no negative values, and a largest value more than {@value #HEAVY_TAIL} times its
 * 90th percentile, such as capital gains that are mostly 0) gets bins even on a log scale (of 1 + x), and its
 * shares are drawn on a log axis too ({@link io.tabsynth.spi.chart.ValueAxis#log}); any other column {@value #BINS} even bins. Each
 * bin is labelled by its lowest value, or by its first and last whole number.
 */
final class Bins {
    static final int BINS = 20;
    static final int MAX_BINS = 30;
    static final double HEAVY_TAIL = 10;
    private static final double TAIL_QUANTILE = 0.9;

    /** How values map to bin positions: the identity, or log10(1 + x) for a heavy tail. */
    private final boolean log;
    private final double start;
    private final double width;
    private final int count;
    private final List<String> labels = new ArrayList<>();

    private Bins(boolean log, double start, double width, int count, boolean whole, double max, DoubleFunction<String> text) {
        this.log = log;
        this.start = start;
        this.width = width;
        this.count = count;
        for (int i = 0; i < count; i++) {
            double low = unscale(start + i * width);
            double high = unscale(start + (i + 1) * width);
            String from = text.apply(whole ? Math.ceil(low - 1e-9) : low);
            if (whole && width == 1 && !log) {
                labels.add(from);
            } else {
                labels.add(from + (whole && !log ? "–" + text.apply(Math.min(max, Math.ceil(high - 1e-9) - 1)) : ""));
            }
        }
    }

    /** The bins for a column's real values (NaN marks a missing value), labelled as numbers. */
    static Bins of(double[] real) {
        return of(real, Readable::number);
    }

    /** The bins for a datetime column's real values in days since 1970-01-01, labelled with dates. */
    static Bins ofDays(double[] realDays) {
        return of(realDays, day -> LocalDate.ofEpochDay((long) Math.floor(day)).toString());
    }

    /** The bins for a column's real values, each bin labelled by {@code text} of its bounds. */
    private static Bins of(double[] real, DoubleFunction<String> text) {
        double[] v = Arrays.stream(real).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Bins(false, 0, 1, 1, false, 0, text);
        }
        double min = v[0];
        double max = v[v.length - 1];
        boolean whole = Arrays.stream(v).allMatch(x -> x == Math.rint(x));
        double p90 = v[(int) Math.floor(TAIL_QUANTILE * (v.length - 1))];
        if (whole && max - min + 1 <= MAX_BINS) {
            return new Bins(false, min, 1, (int) (max - min) + 1, true, max, text);
        }
        if (min >= 0 && max > HEAVY_TAIL * Math.max(p90, 1)) {
            double top = Math.log10(1 + max);
            return new Bins(true, 0, top / BINS, BINS, whole, max, text);
        }
        if (whole) {
            double w = Math.ceil((max - min + 1) / BINS);
            return new Bins(false, min, w, (int) Math.ceil((max - min + 1) / w), true, max, text);
        }
        return new Bins(false, min, max > min ? (max - min) / BINS : 1, BINS, false, max, text);
    }

    boolean logScale() {
        return log;
    }

    List<String> labels() {
        return labels;
    }

    /** The share of the present values in each bin; values outside the real range go to the first or last bin. */
    double[] shares(double[] values) {
        double[] counts = new double[count];
        int n = 0;
        for (double x : values) {
            if (!Double.isNaN(x)) {
                double position = ((log ? Math.log10(1 + Math.max(0, x)) : x) - start) / width;
                counts[(int) Math.max(0, Math.min(count - 1, Math.floor(position)))]++;
                n++;
            }
        }
        for (int i = 0; i < count; i++) {
            counts[i] = n == 0 ? 0 : counts[i] / n;
        }
        return counts;
    }

    private double unscale(double position) {
        return log ? Math.pow(10, position) - 1 : position;
    }
}
