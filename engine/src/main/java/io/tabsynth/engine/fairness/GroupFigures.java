package io.tabsynth.engine.fairness;

import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a remediation is about, counted on rows: each group's share of the rows and, with a fairness target,
 * each group's positive rate (share of its rows with the target's positive value) and the disparate impact (lowest
 * rate over highest; {@code null} without a fairness target, or when no group has a positive row). Groups are in
 * text order; a missing value is the group {@code ""}.
 */
public record GroupFigures(Map<String, Double> shares, Map<String, Double> positiveRates, Double disparateImpact) {
    /** Counts the figures on the frame; {@code fairness} may be {@code null} (shares only). */
    public static GroupFigures of(Frame rows, String protectedColumn, FairnessTarget fairness) {
        int g = rows.schema().indexOf(protectedColumn);
        int t = fairness == null ? -1 : rows.schema().indexOf(fairness.target());
        Map<String, long[]> counts = new TreeMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            long[] c = counts.computeIfAbsent(text(rows, g, r), k -> new long[2]);
            c[0]++;
            if (t >= 0 && fairness.positive().equals(text(rows, t, r))) {
                c[1]++;
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            shares.put(e.getKey(), e.getValue()[0] / (double) rows.rowCount());
            if (t >= 0) {
                double rate = e.getValue()[1] / (double) e.getValue()[0];
                rates.put(e.getKey(), rate);
                lowest = Math.min(lowest, rate);
                highest = Math.max(highest, rate);
            }
        }
        // with no positive row in any group the ratio is 0/0: undefined, not parity
        Double impact = t < 0 || counts.isEmpty() || highest == 0 ? null : lowest / highest;
        return new GroupFigures(shares, rates, impact);
    }

    /** A cell as the text conditions compare, the empty text for a missing one. */
    static String text(Frame rows, int column, int row) {
        String s = CellText.of(rows, column, row);
        return s == null ? "" : s;
    }

    /** The figures as lineage results: {@code groupShares}, {@code positiveRates}, {@code disparateImpact}. */
    public Map<String, Object> recorded() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupShares", shares);
        if (!positiveRates.isEmpty()) {
            out.put("positiveRates", positiveRates);
        }
        if (disparateImpact != null) {
            out.put("disparateImpact", disparateImpact);
        }
        return out;
    }
}
