package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;

/**
 * Replay of values unique to one real row ({@code privacy.uniqueValueReplay}). In each categorical and
 * free-text column, the values that occur in exactly one training row (and, given a holdout, not in the
 * holdout: a value other people have too is not one person's) are one person's, like an e-mail address or a
 * customer number learned as a category; the check counts the synthetic rows that carry any of them. Whole-row
 * checks miss this, since the row around a replayed address can be new. Identifiers are left out: generators
 * make new keys, and a running number may equal a real one without anything having been learned.
 */
final class ValueReplay {
    private ValueReplay() {
    }

    /**
     * {@code rows} (synthetic rows carrying a replayed value), {@code share} (of all synthetic rows) and, per
     * column checked, {@code uniqueValues} (in training), {@code replayedValues} (of those, found in the
     * synthetic data) and {@code rows}.
     */
    static Map<String, Object> of(Frame real, Frame holdout, Frame synthetic, Schema schema) {
        boolean[] replayed = new boolean[synthetic.rowCount()];
        Map<String, Object> columns = new LinkedHashMap<>();
        for (ColumnSpec c : schema.columns()) {
            if (c.kind() != ColumnKind.CATEGORICAL && c.kind() != ColumnKind.FREE_TEXT) {
                continue;
            }
            Set<String> unique = uniqueValues(real.strings(c.name()));
            if (holdout != null) {
                holdout.strings(c.name()).forEach(unique::remove);
            }
            Set<String> found = new HashSet<>();
            int rows = 0;
            StringColumn syn = synthetic.strings(c.name());
            for (int r = 0; r < syn.size(); r++) {
                String v = syn.get(r);
                if (unique.contains(v)) {
                    found.add(v);
                    rows++;
                    replayed[r] = true;
                }
            }
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("uniqueValues", unique.size());
            column.put("replayedValues", found.size());
            column.put("rows", rows);
            columns.put(c.name(), column);
        }
        int rows = 0;
        for (boolean b : replayed) {
            rows += b ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("share", replayed.length == 0 ? 0.0 : rows / (double) replayed.length);
        out.put("columns", columns);
        return out;
    }

    /** The non-missing values that occur exactly once. */
    private static Set<String> uniqueValues(StringColumn column) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : column) {
            if (!v.isEmpty()) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        Set<String> unique = new HashSet<>();
        counts.forEach((v, n) -> {
            if (n == 1) {
                unique.add(v);
            }
        });
        return unique;
    }
}
