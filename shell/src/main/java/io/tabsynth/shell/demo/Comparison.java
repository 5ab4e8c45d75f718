package io.tabsynth.shell.demo;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** A side-by-side summary of real and synthetic columns for the demo's printout. */
final class Comparison {
    private Comparison() {
    }

    /** One line per column: kind, then real vs synthetic summary, in columns as wide as their widest cell. */
    static String columns(Frame real, Frame synthetic, Map<String, String> models) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"column", "kind", "real", "synthetic", "model"});
        for (ColumnSpec c : real.schema().columns()) {
            rows.add(new String[] {c.name(), c.kind().jsonName(), summary(real, c), summary(synthetic, c),
                    models.getOrDefault(c.name(), "")});
        }
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append("  ");
            for (int i = 0; i < width.length; i++) {
                sb.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(r[4]).append('\n');
        }
        return sb.toString();
    }

    private static String summary(Frame f, ColumnSpec c) {
        Column<?> col = f.column(c.name());
        String missing = String.format(Locale.ROOT, "%4.1f%% null", 100 * f.missingRate(c.name()));
        switch (c.kind()) {
            case CONTINUOUS:
            case INTEGER: {
                double[] v = values(col);
                Arrays.sort(v);
                long zeros = Arrays.stream(v).filter(x -> x == 0).count();
                return String.format(Locale.ROOT, "median %-9.6s %3.0f%% zero %s", fmt(v[v.length / 2]),
                        100.0 * zeros / Math.max(1, v.length), missing);
            }
            case DATETIME: {
                DateTimeColumn d = (DateTimeColumn) col;
                return d.min().toLocalDate() + ".." + d.max().toLocalDate() + " " + missing;
            }
            case BOOLEAN: {
                BooleanColumn b = (BooleanColumn) col;
                return String.format(Locale.ROOT, "%4.1f%% true %s", 100.0 * b.isTrue().size() / f.rowCount(), missing);
            }
            default: {
                StringColumn s = (StringColumn) col;
                if (c.kind() == ColumnKind.IDENTIFIER) {
                    return s.countUnique() + " unique, e.g. " + s.get(0);
                }
                Map<String, Integer> counts = new HashMap<>();
                for (String x : s) {
                    if (!x.isEmpty()) {
                        counts.merge(x, 1, Integer::sum);
                    }
                }
                var top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
                return String.format(Locale.ROOT, "%d levels, top %s %.0f%% %s", counts.size(),
                        top.getKey().length() > 8 ? top.getKey().substring(0, 8) : top.getKey(),
                        100.0 * top.getValue() / f.rowCount(), missing);
            }
        }
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Spearman rank correlation of two numeric columns over rows where both are present. */
    static double spearman(Frame f, String a, String b) {
        return RankCorrelation.spearman(allValues(f.column(a)), allValues(f.column(b)));
    }

    private static double[] values(Column<?> col) {
        return Arrays.stream(allValues(col)).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double[] allValues(Column<?> col) {
        double[] v = new double[col.size()];
        for (int i = 0; i < v.length; i++) {
            if (col.isMissing(i)) {
                v[i] = Double.NaN;
            } else if (col instanceof DoubleColumn) {
                v[i] = ((DoubleColumn) col).getDouble(i);
            } else {
                v[i] = ((LongColumn) col).getLong(i);
            }
        }
        return v;
    }
}
