package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linkability, after Anonymeter: the attacker holds two separate pieces of a person's record (the columns
 * split in two halves) and links them through the synthetic data: the two pieces are linked when the same
 * synthetic row is nearest (Gower distance) to both. Success on training rows is compared with control rows
 * (the holdout, never seen by the generator); the naive baseline links a random pair, 1 / synthetic rows.
 */
final class Linkability {
    static final int TARGETS = 1000;

    private Linkability() {
    }

    static Map<String, Object> of(Frame train, Frame control, Frame synthetic, List<ColumnSpec> columns) {
        List<ColumnSpec> left = new ArrayList<>();
        List<ColumnSpec> right = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            (i % 2 == 0 ? left : right).add(columns.get(i));
        }
        int n = Math.min(TARGETS, Math.min(train.rowCount(), control.rowCount()));
        Frame t = train.head(n);
        Frame c = control.head(n);
        int trainHits = links(t, synthetic, left, right, train);
        int controlHits = links(c, synthetic, left, right, train);
        int baseline = (int) Math.round(n / (double) Math.max(1, synthetic.rowCount()));
        Map<String, Object> out = AttackRate.of(n, trainHits, controlHits, baseline);
        out.put("columnsA", left.stream().map(ColumnSpec::name).toList());
        out.put("columnsB", right.stream().map(ColumnSpec::name).toList());
        return out;
    }

    private static int links(Frame targets, Frame synthetic, List<ColumnSpec> a, List<ColumnSpec> b, Frame reference) {
        int[] na = GowerSpace.nearestIndex(targets, synthetic, a, reference);
        int[] nb = GowerSpace.nearestIndex(targets, synthetic, b, reference);
        int hits = 0;
        for (int i = 0; i < na.length; i++) {
            hits += na[i] >= 0 && na[i] == nb[i] ? 1 : 0;
        }
        return hits;
    }
}
