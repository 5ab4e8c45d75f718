package io.tabsynth.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evaluation result: a tree of named parts with an optional {@code score} in [0, 1] at each node, and
 * details (numbers, strings, lists) for reports.
 *
 * @param score   the node's score in [0, 1], or {@code null} where a score makes no sense
 * @param parts   named sub-results, in order
 * @param details named values for reports, in order
 */
public record Result(Double score, Map<String, Result> parts, Map<String, Object> details) {
    public Result {
        if (score != null && !(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
