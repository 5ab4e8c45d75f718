package io.tabsynth.engine.data.io;

import java.util.HashMap;
import java.util.Map;

/**
 * One string per distinct cell text of a column, while the column has at most {@link #LIMIT} of them. A reader
 * keeps every cell until its column is built; a million copies of {@code " Private"} were most of what the
 * collector had to copy on a 1,000,000-row file. Past the limit (keys, free text, measurements) texts pass as
 * they are.
 */
final class SharedTexts {
    static final int LIMIT = 50_000;
    private Map<String, String> seen = new HashMap<>();

    /** The first string seen with this text. */
    String of(String text) {
        if (seen == null) {
            return text;
        }
        String first = seen.putIfAbsent(text, text);
        if (first == null && seen.size() > LIMIT) {
            seen = null;
        }
        return first == null ? text : first;
    }
}
