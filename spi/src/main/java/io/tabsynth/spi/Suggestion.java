package io.tabsynth.spi;

import java.util.Collection;
import java.util.Locale;

/** The known name nearest a misspelt one, for the "did you mean" of a {@link BadInputException}. */
public final class Suggestion {
    /** The most edits a misspelling is from the name meant: a letter wrong, missing or extra, or two swapped. */
    static final int MISSPELLING_EDITS = 2;

    private Suggestion() {
    }

    /**
     * The candidate the name is a misspelling of: the nearest by edit distance, ignoring case, if it is at most
     * {@link #MISSPELLING_EDITS} edits away; {@code null} otherwise. Stricter than {@link #nearest}, for deciding
     * that a name is wrong rather than only suggesting another.
     */
    public static String misspelt(String name, Collection<String> candidates) {
        String near = nearest(name, candidates);
        return near != null && distance(name.toLowerCase(Locale.ROOT), near.toLowerCase(Locale.ROOT)) <= MISSPELLING_EDITS
                ? near : null;
    }

    /**
     * The candidate nearest the name by edit distance, ignoring case, or {@code null} if none is within a third of
     * the name's length (at least 2 edits), or it takes as many edits as the name has characters ('w' suggests
     * nothing, not 'x').
     */
    public static String nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) && bestDistance < name.length() ? best : null;
    }

    /** {@code " (did you mean 'x'?)"} for the nearest candidate, or the empty text if none is near. */
    public static String didYouMean(String name, Collection<String> candidates) {
        String near = nearest(name, candidates);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
