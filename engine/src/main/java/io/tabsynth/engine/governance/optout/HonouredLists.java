package io.tabsynth.engine.governance.optout;

import io.tabsynth.engine.lineage.SignedRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which opt-out lists a file's history honoured, as its fits' records say: for {@code tabsynth lineage show}. */
public final class HonouredLists {
    private static final int SHORT_HEX = 16;
    /** The result name of a fit's opt-out list in a sample record that fitted in the same step ({@code synth}). */
    private static final String IN_SYNTH = "fit." + Exclusion.RESULT;

    private HonouredLists() {
    }

    /**
     * One line per opt-out list a fit in the records honoured: "honours the opt-out list F (sha256 …, dated D): N rows
     * removed by K in the fit of T"; empty when none did.
     */
    public static List<String> describe(List<SignedRecord> records) {
        Set<String> lines = new LinkedHashSet<>();
        for (SignedRecord r : records) {
            Map<String, Object> results = r.step().results();
            Object list = results.containsKey(Exclusion.RESULT) ? results.get(Exclusion.RESULT) : results.get(IN_SYNTH);
            if (list instanceof Map<?, ?> m) {
                String sha = String.valueOf(m.get("sha256"));
                lines.add("honours the opt-out list " + m.get("list") + " (sha256 "
                        + (sha.length() > SHORT_HEX ? sha.substring(0, SHORT_HEX) + "…" : sha) + ", dated "
                        + m.get("listModified") + "): " + Exclusion.removedText(m) + " by " + m.get("key")
                        + " in the " + r.step().step() + " of " + r.step().finished());
            }
        }
        return List.copyOf(lines);
    }
}
