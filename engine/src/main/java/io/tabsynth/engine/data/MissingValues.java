package io.tabsynth.engine.data;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The cell texts read as missing. By default the empty cell and the common spellings of "not available"
 * ({@code NA}, {@code N/A}, {@code NaN}, {@code nan}, {@code null}, {@code NULL}); a metadata file can
 * replace the set, e.g. to add the {@code " ?"} that the UCI Adult data uses. A column may add its own
 * ({@link ColumnSpec#missingValues()}).
 *
 * @param tokens the exact cell texts (no trimming) that mean missing
 */
public record MissingValues(Set<String> tokens) {
    /** The default set. */
    public static final MissingValues DEFAULT = new MissingValues(Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL"));

    public MissingValues {
        tokens = Set.copyOf(tokens);
    }

    public boolean isMissing(String cell) {
        return cell == null || tokens.contains(cell);
    }

    /** These texts and the given ones; this set itself when there are none. */
    public MissingValues and(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> all = new HashSet<>(tokens);
        all.addAll(more);
        return new MissingValues(all);
    }
}
