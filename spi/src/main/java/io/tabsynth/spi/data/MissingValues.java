package io.tabsynth.spi.data;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The cell texts read as missing. By default the empty cell and the common spellings of "not available"
 * ({@code NA}, {@code N/A}, {@code NaN}, {@code nan}, {@code null}, {@code NULL}); a metadata file can
 * replace the set, e.g. to add the {@code " ?"} that the UCI Adult data uses. A column may add its own
 * ({@link ColumnSpec#missingValues()}).
 *
 * <p>Every cell of a file is looked up here, several times while kinds are inferred: a cell whose length or
 * first character no token has is answered without hashing it (on 1,000,000 rows of 15 columns the lookups
 * took a quarter of reading the file).
 */
public final class MissingValues {
    /** The default set. */
    public static final MissingValues DEFAULT = new MissingValues(Set.of("", "NA", "N/A", "NaN", "nan", "null", "NULL"));

    private final Set<String> tokens;
    private final int maxLength;
    private final boolean[] lengths;
    private final String firstChars;

    /** @param tokens the exact cell texts (no trimming) that mean missing */
    public MissingValues(Set<String> tokens) {
        this.tokens = Set.copyOf(tokens);
        int max = 0;
        StringBuilder first = new StringBuilder();
        for (String t : this.tokens) {
            max = Math.max(max, t.length());
            if (!t.isEmpty() && first.indexOf(t.substring(0, 1)) < 0) {
                first.append(t.charAt(0));
            }
        }
        this.maxLength = max;
        this.lengths = new boolean[max + 1];
        this.tokens.forEach(t -> lengths[t.length()] = true);
        this.firstChars = first.toString();
    }

    /** The exact cell texts that mean missing. */
    public Set<String> tokens() {
        return tokens;
    }

    public boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        int n = cell.length();
        if (n > maxLength || !lengths[n] || n > 0 && firstChars.indexOf(cell.charAt(0)) < 0) {
            return false;
        }
        return tokens.contains(cell);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof MissingValues m && m.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "MissingValues" + tokens;
    }
}
