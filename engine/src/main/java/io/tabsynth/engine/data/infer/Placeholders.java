package io.tabsynth.engine.data.infer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts that stand in for a value in a column of numbers or datetimes: spellings of "not available"
 * ({@code n/a}, {@code unknown}, {@code none}, {@code #N/A} and the like, any case), infinities ({@code inf},
 * {@code -Infinity}), and texts of punctuation alone ({@code -}, {@code ?}, {@code .}). Inference reads a
 * column whose other cells are all numbers (or datetimes) as numbers (datetimes), these texts as missing,
 * instead of as categories or keys; at most {@link #MAX} different ones, since more suggest real text.
 * Collected while inference scans a column's cells.
 */
public final class Placeholders {
    /** The most different placeholder texts one column may have. */
    static final int MAX = 10;
    private static final Set<String> WORDS = Set.of("n/a", "na", "n.a.", "nan", "-nan", "none", "null", "nil",
            "missing", "unknown", "not known", "not available", "not applicable", "tbd", "tba", "undefined",
            "error", "blank", "empty", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "#n/a",
            "#value!", "#div/0!", "#ref!", "#num!", "#null!", "#name?");
    private final TreeSet<String> texts = new TreeSet<>();
    private boolean onlyThese = true;

    /** Whether a cell text is a placeholder. */
    public static boolean isPlaceholder(String cell) {
        String t = cell.trim().toLowerCase(Locale.ROOT);
        if (WORDS.contains(t)) {
            return true;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetterOrDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Notes a cell that is not a value of the kind tried; returns whether the column can still be of that kind
     * (the cell is a placeholder and there are at most {@link #MAX} different ones so far).
     */
    boolean add(String cell) {
        if (onlyThese && !texts.contains(cell)) {
            if (isPlaceholder(cell) && texts.size() < MAX) {
                texts.add(cell);
            } else {
                onlyThese = false;
            }
        }
        return onlyThese;
    }

    /** Whether the cell is a placeholder already noted. */
    boolean seen(String cell) {
        return texts.contains(cell);
    }

    /** Whether every cell noted was a placeholder (and there were not too many). */
    boolean onlyThese() {
        return onlyThese;
    }

    /** The placeholder texts noted, sorted. */
    List<String> texts() {
        return List.copyOf(texts);
    }
}
