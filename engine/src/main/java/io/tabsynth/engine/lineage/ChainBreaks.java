package io.tabsynth.engine.lineage;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a ledger's chain of records breaks: a record whose previous-record digest is not the line before it, or whose
 * sequence number does not follow the record before it. Removing one line breaks the chain once, at the line after it;
 * the records after that still follow each other and are not reported again. The first break is reported in full,
 * the others by count and line.
 */
final class ChainBreaks {
    /** How many lines of further breaks are named; the rest are counted. */
    private static final int LINES_NAMED = 10;

    private final int lines;
    private final List<String> found = new ArrayList<>();
    private final List<Integer> at = new ArrayList<>();

    /** For a ledger of {@code lines} lines. */
    ChainBreaks(int lines) {
        this.lines = lines;
    }

    /**
     * Notes a break at line {@code index} (0-based; {@code where} names it) when its previous-record digest does not
     * match ({@code digestDiffers}) or its {@code sequence} is not the {@code expected} one.
     */
    void check(String where, int index, boolean digestDiffers, long sequence, long expected) {
        if (!digestDiffers && sequence == expected) {
            return;
        }
        List<String> why = new ArrayList<>();
        if (digestDiffers) {
            why.add(index == 0 ? "it names a previous record but it is the first line"
                    : "its previous-record digest does not match line " + index);
        }
        if (sequence != expected) {
            why.add("its sequence number is " + sequence + " where " + expected + " was expected");
        }
        long gap = sequence - expected;
        String cause = gap > 0 ? gap + " record" + (gap == 1 ? " was" : "s were") + " removed before it (or records were "
                + "reordered)" : "a record was removed, inserted or reordered";
        int after = lines - index - 1;
        found.add(where + ": the chain breaks here: " + String.join(" and ", why) + "; " + cause
                + (after == 0 ? "" : "; " + after + " later record" + (after == 1 ? " follows" : "s follow")
                + " on from this break and " + (after == 1 ? "is" : "are") + " not listed"));
        at.add(index + 1);
    }

    /** Adds the first break, and how many more there are and where, to {@code problems}. */
    void report(List<String> problems) {
        if (found.isEmpty()) {
            return;
        }
        if (found.size() == 1) {
            problems.add(found.get(0));
            return;
        }
        int more = found.size() - 1;
        List<String> named = at.subList(1, Math.min(at.size(), 1 + LINES_NAMED)).stream().map(String::valueOf).toList();
        problems.add(found.get(0) + "; " + more + " more break" + (more == 1 ? "" : "s") + " further on, at line"
                + (more == 1 ? " " : "s ") + String.join(", ", named) + (more > named.size() ? ", …" : ""));
    }
}
