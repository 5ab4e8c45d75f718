package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.ArrowFrames;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.Frame;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/** Numeric views of columns: continuous and integer as they are, datetimes as seconds; NaN for missing. */
final class Numbers {
    private Numbers() {
    }

    static double[] values(Frame f, String column) {
        Column<?> c = f.column(column);
        double[] v = new double[c.size()];
        ColumnKind kind = f.schema().column(column).kind();
        for (int i = 0; i < v.length; i++) {
            if (c.isMissing(i)) {
                v[i] = Double.NaN;
            } else if (kind == ColumnKind.CONTINUOUS) {
                v[i] = ((DoubleColumn) c).getDouble(i);
            } else if (kind == ColumnKind.INTEGER) {
                v[i] = ((LongColumn) c).getLong(i);
            } else {
                v[i] = ArrowFrames.toMicros(((DateTimeColumn) c).get(i)) / 1e6;
            }
        }
        return v;
    }

    /** Two-sample Kolmogorov-Smirnov statistic over the non-missing values. */
    static double ks(double[] a, double[] b) {
        double[] x = java.util.Arrays.stream(a).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] y = java.util.Arrays.stream(b).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (x.length == 0 || y.length == 0) {
            return x.length == y.length ? 0 : 1;
        }
        double d = 0;
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs(i / (double) x.length - j / (double) y.length));
        }
        return d;
    }

    /** Pearson correlation over rows where both are present; NaN if undefined. */
    static double pearson(double[] a, double[] b) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sx += a[i];
                sy += b[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                sxy += (a[i] - mx) * (b[i] - my);
                sxx += (a[i] - mx) * (a[i] - mx);
                syy += (b[i] - my) * (b[i] - my);
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
