package io.tabsynth.engine.governance.optout;

import io.tabsynth.spi.data.Frame;
import java.util.LinkedHashMap;
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

    /**
     * What the fit's record carries: the list's file name, digest and date, the key column and the rows removed; never
     * a key.
     */
    public Map<String, Object> record() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("list", list.file().getFileName().toString());
        r.put("sha256", list.sha256());
        r.put("listModified", list.modified().toString());
        r.put("key", list.keyColumn());
        r.put("rowsRemoved", removed);
        return r;
    }
}
