package io.tabsynth.spi.privacy.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A column's domain that its owner publishes and accepts as not private, declared in the metadata file: a number
 * column's bounds ({@code "bounds": [0, 120]}) or a categorical column's categories
 * ({@code "categories": ["a", "b"]}). A differentially private generator uses it instead of spending budget on
 * the domain: values beyond declared bounds are clipped to them, values outside declared categories share the
 * cell of the rest.
 *
 * @param low        the low bound (NaN when categories are declared)
 * @param high       the high bound (NaN when categories are declared)
 * @param categories the categories, in the order declared (empty when bounds are declared)
 */
public record DeclaredDomain(double low, double high, List<String> categories) {
    public DeclaredDomain {
        categories = List.copyOf(categories);
        boolean bounds = !Double.isNaN(low) || !Double.isNaN(high);
        if (bounds && !(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("declared bounds must be finite with low < high: " + low + ", " + high);
        }
        if (bounds == !categories.isEmpty()) {
            throw new IllegalArgumentException("a declared domain is either bounds or categories");
        }
    }

    /** Declared bounds of a number column. */
    public static DeclaredDomain bounds(double low, double high) {
        return new DeclaredDomain(low, high, List.of());
    }

    /** Declared categories of a categorical column (at least one, no repeats). */
    public static DeclaredDomain categories(List<String> categories) {
        if (categories.isEmpty() || categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("declared categories must be at least one, each once: " + categories);
        }
        return new DeclaredDomain(Double.NaN, Double.NaN, categories);
    }

    public boolean hasBounds() {
        return categories.isEmpty();
    }

    /** For a lineage record: {@code {"bounds": [low, high]}} or {@code {"categories": [...]}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (hasBounds()) {
            out.put("bounds", List.of(low, high));
        } else {
            out.put("categories", categories);
        }
        return out;
    }
}
