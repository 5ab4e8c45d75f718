package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns frames into model inputs for a prediction task, learned from the training frame only: numbers as they
 * are (missing replaced by the training median), other columns as codes ordered by training frequency
 * (unseen values get the code of "other"); for linear models the same columns standardised and, for
 * categories, one-hot over the 20 most frequent values. The target becomes class indices (classification) or
 * numbers (regression).
 */
final class Features {
    private static final int ONE_HOT_LIMIT = 20;

    final String target;
    final boolean classification;
    final List<String> classes = new ArrayList<>();
    private final List<ColumnSpec> inputs = new ArrayList<>();
    private final Map<String, Map<String, Integer>> codes = new HashMap<>();
    private final Map<String, Double> medians = new HashMap<>();
    private final Map<String, double[]> scale = new HashMap<>();

    /** Learns the encoding from the training frame; with a {@code null} target every column is an input. */
    Features(Frame train, Schema schema, String target) {
        if (target != null && !schema.has(target)) {
            throw schema.noSuchColumn("target", target);
        }
        this.target = target;
        ColumnKind tk = target == null ? ColumnKind.CATEGORICAL : schema.column(target).kind();
        this.classification = target != null
                && (!(tk == ColumnKind.CONTINUOUS || tk == ColumnKind.INTEGER) || distinct(train, target) <= 10);
        for (ColumnSpec c : schema.columns()) {
            if (c.name().equals(target) || c.kind() == ColumnKind.IDENTIFIER || c.kind() == ColumnKind.FREE_TEXT) {
                continue;
            }
            inputs.add(c);
            if (c.kind().isNumeric()) {
                double[] v = Arrays.stream(train.numbers(c.name())).filter(x -> !Double.isNaN(x)).sorted().toArray();
                double median = v.length == 0 ? 0 : v[v.length / 2];
                medians.put(c.name(), median);
                double mean = Arrays.stream(v).average().orElse(0);
                double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(1));
                scale.put(c.name(), new double[] {mean, sd > 0 ? sd : 1});
            } else {
                codes.put(c.name(), frequencyCodes(train, c.name()));
            }
        }
        if (classification) {
            Map<String, Integer> t = frequencyCodes(train, target);
            String[] byCode = new String[t.size()];
            t.forEach((k, v) -> byCode[v] = k);
            classes.addAll(Arrays.asList(byCode));
        }
    }

    private static int distinct(Frame f, String column) {
        return (int) Arrays.stream(f.numbers(column)).filter(x -> !Double.isNaN(x)).distinct().count();
    }

    private static Map<String, Integer> frequencyCodes(Frame f, String column) {
        Map<String, Integer> counts = new HashMap<>();
        int col = f.schema().indexOf(column);
        for (int r = 0; r < f.rowCount(); r++) {
            counts.merge(String.valueOf(CellText.of(f, col, r)), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<String, Integer> e : order) {
            out.put(e.getKey(), out.size());
        }
        return out;
    }

    List<String> names() {
        return inputs.stream().map(ColumnSpec::name).toList();
    }

    /** Rows as features for tree models: numbers and category codes. */
    double[][] trees(Frame f) {
        double[][] x = new double[f.rowCount()][inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            ColumnSpec c = inputs.get(j);
            if (c.kind().isNumeric()) {
                double[] v = f.numbers(c.name());
                double m = medians.get(c.name());
                for (int i = 0; i < v.length; i++) {
                    x[i][j] = Double.isNaN(v[i]) ? m : v[i];
                }
            } else {
                Map<String, Integer> dict = codes.get(c.name());
                int col = f.schema().indexOf(c.name());
                for (int i = 0; i < f.rowCount(); i++) {
                    x[i][j] = dict.getOrDefault(String.valueOf(CellText.of(f, col, i)), dict.size());
                }
            }
        }
        return x;
    }

    /** Rows as features for linear models: standardised numbers, one-hot categories. */
    double[][] linear(Frame f) {
        List<double[]> cols = new ArrayList<>();
        for (ColumnSpec c : inputs) {
            if (c.kind().isNumeric()) {
                double[] v = f.numbers(c.name());
                double[] ms = scale.get(c.name());
                double m = medians.get(c.name());
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = ((Double.isNaN(v[i]) ? m : v[i]) - ms[0]) / ms[1];
                }
                cols.add(out);
            } else {
                Map<String, Integer> dict = codes.get(c.name());
                int col = f.schema().indexOf(c.name());
                int k = Math.min(ONE_HOT_LIMIT, dict.size()) - 1;
                double[][] hot = new double[Math.max(0, k)][f.rowCount()];
                for (int i = 0; i < f.rowCount(); i++) {
                    Integer code = dict.get(String.valueOf(CellText.of(f, col, i)));
                    if (code != null && code >= 1 && code <= k) {
                        hot[code - 1][i] = 1;
                    }
                }
                cols.addAll(Arrays.asList(hot));
            }
        }
        double[][] x = new double[f.rowCount()][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            for (int i = 0; i < x.length; i++) {
                x[i][j] = cols.get(j)[i];
            }
        }
        return x;
    }

    /** Class indices of this encoding as indices of another encoding of the same target (-1 for a class it lacks). */
    int[] relabel(int[] predictions, Features to) {
        int[] out = new int[predictions.length];
        for (int i = 0; i < out.length; i++) {
            int p = predictions[i];
            out[i] = p >= 0 && p < classes.size() ? to.classes.indexOf(classes.get(p)) : -1;
        }
        return out;
    }

    /** Class indices of the target (unknown classes get -1), for classification. */
    int[] labels(Frame f) {
        int col = f.schema().indexOf(target);
        int[] y = new int[f.rowCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(String.valueOf(CellText.of(f, col, i)));
        }
        return y;
    }

    /** Target values, for regression (missing replaced by the training median is not done: rows keep NaN). */
    double[] targets(Frame f) {
        return f.numbers(target);
    }
}
