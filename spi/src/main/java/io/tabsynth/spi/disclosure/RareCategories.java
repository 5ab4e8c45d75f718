package io.tabsynth.spi.disclosure;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The categories a report must not name: those fewer than {@code minCount} real rows hold (the rare-value
 * rule's k, {@link RareValues#DEFAULT_MIN_COUNT} by default), which may be one person's value. Reports show them
 * together under one label, "(N rare values)", with their summed share.
 */
public final class RareCategories {
    private RareCategories() {
    }

    /** The categories of {@code realCounts} (category to real rows holding it) that fewer than {@code minCount} rows hold. */
    public static Set<String> of(Map<String, Integer> realCounts, int minCount) {
        Set<String> rare = new TreeSet<>();
        realCounts.forEach((category, rows) -> {
            if (rows < minCount) {
                rare.add(category);
            }
        });
        return rare;
    }

    /** The label that stands for {@code count} rare categories together. */
    public static String label(int count) {
        return "(" + count + (count == 1 ? " rare value)" : " rare values)");
    }
}
