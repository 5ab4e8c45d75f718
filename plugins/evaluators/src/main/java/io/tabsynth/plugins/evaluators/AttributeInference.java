package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute inference, after Anonymeter's inference attack: an attacker who knows a real person's
 * quasi-identifiers finds the nearest synthetic row over those columns (Gower distance) and guesses its
 * sensitive value. The same attack against the holdout (real people who are not in the training data) is the
 * baseline of what the attacker could guess anyway. Up to 5,000 training rows are attacked, with up to 5,000
 * rows of knowledge on each side. {@code risk} = max(0, synthetic accuracy − holdout accuracy): what the
 * synthetic data gives away beyond population-level knowledge; a memorised row is found and read exactly.
 */
final class AttributeInference {
    private static final int MAX_ROWS = 5000;
    private static final int MAX_KNOWLEDGE = 5_000;

    private AttributeInference() {
    }

    static Map<String, Object> of(Frame train, Frame holdout, Frame synthetic, List<String> quasi, String sensitive) {
        List<String> cols = new ArrayList<>();
        quasi.forEach(q -> cols.add(q.trim()));
        if (cols.contains(sensitive)) {
            throw new BadInputException("the sensitive column '" + sensitive + "' is also a quasi-identifier");
        }
        for (String c : cols) {
            if (!train.schema().has(c)) {
                throw train.schema().noSuchColumn("quasi-identifier", c);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sensitive", sensitive);
        if (!train.schema().column(sensitive).kind().isText() && train.schema().column(sensitive).kind() != ColumnKind.BOOLEAN) {
            out.put("note", "attribute inference is measured for categorical sensitive columns");
            return out;
        }
        Frame victims = train.head(MAX_ROWS);
        List<ColumnSpec> keys = new ArrayList<>();
        cols.forEach(c -> keys.add(train.schema().column(c)));
        String[] truth = values(victims, sensitive);
        double synAcc = accuracy(truth, victims, synthetic.head(MAX_KNOWLEDGE), keys, sensitive, train);
        double holdAcc = accuracy(truth, victims, holdout.head(MAX_KNOWLEDGE), keys, sensitive, train);
        Map<String, Integer> counts = new HashMap<>();
        int known = 0;
        for (String t : truth) {
            if (t != null) {
                counts.merge(t, 1, Integer::sum);
                known++;
            }
        }
        int majority = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        out.put("syntheticTrainedAccuracy", synAcc);
        out.put("holdoutTrainedAccuracy", holdAcc);
        out.put("majorityClassAccuracy", known == 0 ? 0.0 : majority / (double) known);
        out.put("risk", Math.max(0, synAcc - holdAcc));
        out.put("victims", victims.rowCount());
        return out;
    }

    /** The share of victims (with a known sensitive value) whose nearest knowledge row has their value. */
    private static double accuracy(String[] truth, Frame victims, Frame knowledge, List<ColumnSpec> keys, String sensitive,
                                   Frame reference) {
        if (knowledge.rowCount() == 0) {
            return 0;
        }
        int[] nearest = GowerSpace.nearestIndex(victims, knowledge, keys, reference);
        String[] guesses = values(knowledge, sensitive);
        int right = 0;
        int known = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != null) {
                known++;
                right += truth[i].equals(guesses[nearest[i]]) ? 1 : 0;
            }
        }
        return known == 0 ? 0 : right / (double) known;
    }

    private static String[] values(Frame f, String column) {
        int c = f.schema().indexOf(column);
        String[] v = new String[f.rowCount()];
        for (int r = 0; r < v.length; r++) {
            v[r] = f.isMissing(c, r) ? null : CellText.of(f, c, r);
        }
        return v;
    }
}
