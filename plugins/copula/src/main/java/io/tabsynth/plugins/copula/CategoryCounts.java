package io.tabsynth.plugins.copula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A category column's rows as codes: its labels most frequent first (ties by label), how many rows hold each
 * and how many are null, and each row's label index ({@link #NULL} for a null). What the copula needs to lay the
 * labels on the latent axis in any order.
 */
final class CategoryCounts {
    /** The code of a null cell. */
    static final int NULL = -1;
    private final String[] labels;
    private final int[] counts;
    private final int nulls;
    private final int rows;
    /** Each row's label index, or null where the rows are not held (counts gathered batch by batch). */
    private final int[] codes;

    private CategoryCounts(String[] labels, int[] counts, int nulls, int rows, int[] codes) {
        this.labels = labels;
        this.counts = counts;
        this.nulls = nulls;
        this.rows = rows;
        this.codes = codes;
    }

    /** The counts of a column's labels and nulls without its rows (a streamed fit's {@link ColumnSummary}). */
    static CategoryCounts of(ColumnSummary.Categories summary) {
        List<Map.Entry<String, Long>> order = ColumnSummary.byFrequency(summary);
        String[] labels = new String[order.size()];
        int[] n = new int[order.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = order.get(k).getKey();
            n[k] = Math.toIntExact(order.get(k).getValue());
        }
        return new CategoryCounts(labels, n, Math.toIntExact(summary.nulls), Math.toIntExact(summary.rows), null);
    }

    /** The counts of the cells, an empty string being null. */
    static CategoryCounts of(List<String> cells) {
        Map<String, Integer> counts = new HashMap<>();
        int nulls = 0;
        for (String c : cells) {
            if (c.isEmpty()) {
                nulls++;
            } else {
                counts.merge(c, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        String[] labels = new String[order.size()];
        int[] n = new int[order.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < labels.length; k++) {
            labels[k] = order.get(k).getKey();
            n[k] = order.get(k).getValue();
            index.put(labels[k], k);
        }
        int[] codes = new int[cells.size()];
        for (int i = 0; i < codes.length; i++) {
            String c = cells.get(i);
            codes[i] = c.isEmpty() ? NULL : index.get(c);
        }
        return new CategoryCounts(labels, n, nulls, codes.length, codes);
    }

    /** How many labels (nulls not counted). */
    int size() {
        return labels.length;
    }

    /** The k-th label, most frequent first. */
    String label(int k) {
        return labels[k];
    }

    /** How many rows hold the k-th label. */
    int count(int k) {
        return counts[k];
    }

    /** How many rows are null. */
    int nulls() {
        return nulls;
    }

    /** How many rows. */
    int rows() {
        return rows;
    }

    /** The label index of row i, or {@link #NULL} (counts made from rows only). */
    int code(int i) {
        return codes[i];
    }

    /** The order in which the labels are counted: most frequent first. */
    int[] frequencyOrder() {
        int[] order = new int[labels.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        return order;
    }
}
