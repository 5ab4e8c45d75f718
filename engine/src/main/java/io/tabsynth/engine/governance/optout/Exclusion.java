package io.tabsynth.engine.governance.optout;

import io.tabsynth.spi.data.Frame;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Data with the opted-out rows removed, and what a fit's record says about it.
 *
 * @param kept    the rows left, still naming the file they were read from
 * @param removed how many rows the list removed
 * @param list    the list applied
 */
public record Exclusion(Frame kept, int removed, OptOutList list) {
    /** The result name under which a fit's record says which list it honoured. */
    public static final String RESULT = "optOut";

    /** Says, for a differentially private fit, that the list removed rows without saying how many. */
    static final String COUNT_KEPT_OUT = "rowsRemovedRecorded";

    /**
     * What the fit's record carries: the list's file name, digest and date, the key column and the rows removed; never
     * a key. A differentially private fit ({@code exactCount} false) records that the list removed rows, not how many:
     * no mechanism paid for that count.
     */
    public Map<String, Object> record(boolean exactCount) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("list", list.file().getFileName().toString());
        r.put("sha256", list.sha256());
        r.put("listModified", list.modified().toString());
        r.put("key", list.keyColumn());
        if (exactCount) {
            r.put("rowsRemoved", removed);
        } else {
            r.put(COUNT_KEPT_OUT, false);
        }
        return r;
    }

    /**
     * "12 rows removed", or, from the record of a differentially private fit, "the rows it lists removed (how many is
     * not recorded: differentially private)".
     */
    public static String removedText(Map<?, ?> record) {
        if (!(record.get("rowsRemoved") instanceof Number n)) {
            return "the rows it lists removed (how many is not recorded: differentially private)";
        }
        long count = n.longValue();
        return String.format(Locale.ROOT, "%,d row%s removed", count, count == 1 ? "" : "s");
    }
}
