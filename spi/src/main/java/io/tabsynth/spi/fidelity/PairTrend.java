package io.tabsynth.spi.fidelity;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.stats.TwoSample;

/**
 * How well a pair of columns keeps its real relationship, by SDMetrics' definitions: correlation similarity
 * (1 − |ρ_real − ρ_synthetic| / 2, Pearson) for two numeric columns, contingency similarity (1 − total
 * variation distance of the joint shares, numbers in bins as {@link Codes} makes them) otherwise. A pair
 * counts towards the quality score when the real data shows a relationship: |Pearson| &gt; 0.5, or Cramér's
 * V &gt; 0.3.
 *
 * @param metric         {@code CorrelationSimilarity} or {@code ContingencySimilarity}
 * @param score          the similarity, null when a correlation is undefined (a constant column)
 * @param real           the real correlation, or the real Cramér's V; null when undefined
 * @param synthetic      the synthetic correlation (null for contingency pairs or when undefined)
 * @param meetsThreshold whether the real data shows a relationship
 */
public record PairTrend(String metric, Double score, Double real, Double synthetic, boolean meetsThreshold) {
    /** |Pearson| above which two numeric columns count as related. */
    public static final double CORRELATION_THRESHOLD = 0.5;
    /** Cramér's V above which a pair with a category counts as related. */
    public static final double ASSOCIATION_THRESHOLD = 0.3;

    /** The trend of columns {@code a} and {@code b}, synthetic against real. */
    public static PairTrend of(Frame real, Frame synthetic, ColumnSpec a, ColumnSpec b) {
        return of(new CodeBook(real, synthetic), a, b);
    }

    /** The trend of columns {@code a} and {@code b}, with their codes and numbers from the book. */
    public static PairTrend of(CodeBook book, ColumnSpec a, ColumnSpec b) {
        if (a.kind().isNumeric() && b.kind().isNumeric()) {
            double r = TwoSample.pearson(book.realNumbers(a.name()), book.realNumbers(b.name()));
            double s = TwoSample.pearson(book.syntheticNumbers(a.name()), book.syntheticNumbers(b.name()));
            return new PairTrend("CorrelationSimilarity", Double.isNaN(r) || Double.isNaN(s) ? null : 1 - Math.abs(r - s) / 2,
                    Double.isNaN(r) ? null : r, Double.isNaN(s) ? null : s, !Double.isNaN(r) && Math.abs(r) > CORRELATION_THRESHOLD);
        }
        Codes x = book.codes(a);
        Codes y = book.codes(b);
        double[] joint = new double[x.levels() * y.levels()];
        int n = x.real().length;
        for (int i = 0; i < n; i++) {
            joint[x.real()[i] * y.levels() + y.real()[i]] += 1.0 / n;
        }
        double association = cramersV(joint, x.levels(), y.levels());
        int m = x.synthetic().length;
        for (int i = 0; i < m; i++) {
            joint[x.synthetic()[i] * y.levels() + y.synthetic()[i]] -= 1.0 / m;
        }
        double tv = 0;
        for (double d : joint) {
            tv += Math.abs(d);
        }
        return new PairTrend("ContingencySimilarity", 1 - 0.5 * tv, association, null, association > ASSOCIATION_THRESHOLD);
    }

    /** Cramér's V of a joint share table: sqrt(χ² / (min(r, c) − 1)) over its non-empty rows and columns. */
    public static double cramersV(double[] shares, int rows, int cols) {
        double[] rowSum = new double[rows];
        double[] colSum = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowSum[i] += shares[i * cols + j];
                colSum[j] += shares[i * cols + j];
            }
        }
        int r = 0;
        int c = 0;
        for (double v : rowSum) {
            r += v > 0 ? 1 : 0;
        }
        for (double v : colSum) {
            c += v > 0 ? 1 : 0;
        }
        if (Math.min(r, c) < 2) {
            return 0;
        }
        double chi2 = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = rowSum[i] * colSum[j];
                if (e > 0) {
                    double d = shares[i * cols + j] - e;
                    chi2 += d * d / e;
                }
            }
        }
        return Math.sqrt(chi2 / (Math.min(r, c) - 1));
    }
}
