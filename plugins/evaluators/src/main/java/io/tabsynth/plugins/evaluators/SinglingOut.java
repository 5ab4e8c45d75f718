package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Singling out, after Anonymeter's multivariate attack: the attacker picks a synthetic row and writes the
 * predicate "column = value" over three random columns, adding columns until the predicate matches exactly
 * one synthetic row. A predicate succeeds when it matches exactly one training row. The same predicates are
 * tried on control rows (a holdout sample of the same size as the training sample), and naive predicates from
 * random values of each column give the baseline.
 */
final class SinglingOut {
    static final int ATTACKS = 500;
    /** The code key of a missing cell, shared by every frame coded with one dictionary. */
    private static final Object MISSING = new Object();
    private static final int START_COLUMNS = 3;

    private SinglingOut() {
    }

    static Map<String, Object> of(Frame train, Frame control, Frame synthetic, List<ColumnSpec> columns, long seed) {
        Rng rng = new Rng(seed);
        int size = Math.min(train.rowCount(), control.rowCount());
        Frame t = train.head(size);
        Frame c = control.head(size);
        List<Map<Object, Integer>> dict = new ArrayList<>();
        columns.forEach(x -> dict.add(new HashMap<>()));
        int[][] syn = codes(synthetic, columns, dict);
        int[][] tr = codes(t, columns, dict);
        int[][] co = codes(c, columns, dict);
        int d = columns.size();
        int trainHits = 0;
        int controlHits = 0;
        int baselineHits = 0;
        int attacks = 0;
        for (int a = 0; a < ATTACKS && syn.length > 0; a++) {
            int[] row = syn[rng.nextInt(syn.length)];
            int[] order = rng.permutation(d);
            List<Integer> used = new ArrayList<>();
            // Rows of the synthetic data still matching the predicate: filtered as columns are added.
            int first = order[0];
            used.add(first);
            List<int[]> candidates = new ArrayList<>();
            for (int[] r : syn) {
                if (r[first] == row[first]) {
                    candidates.add(r);
                }
            }
            for (int k = 1; k < d && (k < START_COLUMNS || candidates.size() > 1); k++) {
                int col = order[k];
                used.add(col);
                candidates.removeIf(r -> r[col] != row[col]);
            }
            if (candidates.size() != 1) {
                continue;
            }
            attacks++;
            trainHits += matches(tr, row, used) == 1 ? 1 : 0;
            controlHits += matches(co, row, used) == 1 ? 1 : 0;
            int[] guess = new int[d];
            for (int j : used) {
                guess[j] = tr[rng.nextInt(tr.length)][j];
            }
            baselineHits += matches(tr, guess, used) == 1 ? 1 : 0;
        }
        Map<String, Object> out = AttackRate.of(attacks, trainHits, controlHits, baselineHits);
        out.put("rowsPerSide", size);
        return out;
    }

    private static int matches(int[][] rows, int[] predicate, List<Integer> columns) {
        int n = 0;
        for (int[] r : rows) {
            boolean all = true;
            for (int j : columns) {
                if (r[j] != predicate[j]) {
                    all = false;
                    break;
                }
            }
            if (all && ++n > 1) {
                return n;
            }
        }
        return n;
    }

    /** Rows as integer codes of their cell texts, one dictionary per column shared by all frames. */
    /** Each cell as a code per column, equal values (compared as values, not as text) sharing one code. */
    static int[][] codes(Frame f, List<ColumnSpec> columns, List<Map<Object, Integer>> dict) {
        int[] idx = columns.stream().mapToInt(c -> f.schema().indexOf(c.name())).toArray();
        int[][] out = new int[f.rowCount()][idx.length];
        for (int j = 0; j < idx.length; j++) {
            Map<Object, Integer> d = dict.get(j);
            for (int r = 0; r < out.length; r++) {
                Object v = f.cell(idx[j], r);
                if (v instanceof Double x && x == 0.0) {
                    v = 0.0;   // -0.0 and 0.0 are one value
                }
                out[r][j] = d.computeIfAbsent(v == null ? MISSING : v, x -> d.size());
            }
        }
        return out;
    }
}
