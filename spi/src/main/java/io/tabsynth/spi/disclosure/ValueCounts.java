package io.tabsynth.spi.disclosure;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rows hold each value of each categorical column, counted exactly (a missing cell is no value), from
 * a whole frame or batch by batch: what the rare-value rule ({@link RareValues#learn(ValueCounts, int, long)})
 * decides from, so that data read at once and data read in batches give the same plan. Memory grows with the
 * distinct values, not with the rows.
 */
public final class ValueCounts {
    private final Map<String, Map<String, Integer>> columns = new LinkedHashMap<>();

    /** Empty counts for the categorical columns of {@code schema}. */
    public ValueCounts(Schema schema) {
        for (ColumnSpec spec : schema.columns()) {
            if (spec.kind() == ColumnKind.CATEGORICAL) {
                columns.put(spec.name(), new HashMap<>());
            }
        }
    }

    /** The counts of a whole frame. */
    public static ValueCounts of(Frame data) {
        ValueCounts counts = new ValueCounts(data.schema());
        counts.add(data);
        return counts;
    }

    /** True if the schema has no column whose values are counted (so a pass to count them would learn nothing). */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** Adds the rows of one batch, which has the schema the counts were made for. */
    public void add(Frame batch) {
        columns.forEach((name, counts) -> {
            List<String> values = batch.strings(name).asList();
            for (String v : values) {
                if (!v.isEmpty()) {
                    counts.merge(v, 1, Math::addExact);
                }
            }
        });
    }

    /** The counted columns, in the schema's order. */
    public List<String> names() {
        return List.copyOf(columns.keySet());
    }

    /** How many rows hold each value of the column (unmodifiable). */
    public Map<String, Integer> of(String column) {
        return Collections.unmodifiableMap(columns.get(column));
    }
}
