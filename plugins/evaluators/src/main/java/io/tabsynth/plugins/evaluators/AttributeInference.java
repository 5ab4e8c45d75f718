package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Attribute inference as Anonymeter's inference attack defines it: the attacker knows every column of a person's
 * record but the sensitive one (the auxiliary columns), finds the synthetic row nearest to them (Gower distance,
 * first of ties) and guesses its sensitive value. The attack is made on training rows (targets) and, as the
 * control, on as many holdout rows, which the generator never saw: what the synthetic data tells about anyone
 * from the population. A naive baseline guesses the sensitive value of a random synthetic row. The risk is
 * Anonymeter's (success − control) / (1 − control) with a 95 % interval ({@link AttackRate}). A memorised row is
 * found at distance 0 and its value read exactly. Up to 5,000 rows each side.
 */
final class AttributeInference {
    private static final int MAX_ROWS = 5000;
    private static final long TARGET_SEED = 0xA771L;
    private static final long CONTROL_SEED = 0xC047L;
    private static final long GUESS_SEED = 0x6E55L;

    private AttributeInference() {
    }

    /**
     * @param quasi the quasi-identifier option, checked for clashes with the sensitive column (may be null)
     */
    static Map<String, Object> of(Frame train, Frame holdout, Frame synthetic, List<ColumnSpec> scored, String quasi,
                                  String sensitive) {
        if (!train.schema().has(sensitive)) {
            throw train.schema().noSuchColumn("sensitive column", sensitive);
        }
        if (quasi != null) {
            for (String q : quasi.split(",")) {
                if (q.trim().equals(sensitive)) {
                    throw new BadInputException("the sensitive column '" + sensitive + "' is also a quasi-identifier");
                }
                if (!q.isBlank() && !train.schema().has(q.trim())) {
                    throw train.schema().noSuchColumn("quasi-identifier", q.trim());
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sensitive", sensitive);
        ColumnKind kind = train.schema().column(sensitive).kind();
        if (!kind.isText() && kind != ColumnKind.BOOLEAN) {
            out.put("note", "attribute inference is measured for categorical and boolean sensitive columns");
            return out;
        }
        List<ColumnSpec> auxiliary = new ArrayList<>();
        scored.stream().filter(c -> !c.name().equals(sensitive)).forEach(auxiliary::add);
        int n = Math.min(MAX_ROWS, Math.min(train.rowCount(), holdout.rowCount()));
        if (auxiliary.isEmpty() || n == 0 || synthetic.rowCount() == 0) {
            out.put("note", "attribute inference needs another column, training and holdout rows and synthetic rows");
            return out;
        }
        Frame targets = train.sample(n, TARGET_SEED);
        Frame controls = holdout.sample(n, CONTROL_SEED);
        String[] guesses = values(synthetic, sensitive);
        int trainHits = hits(targets, synthetic, guesses, auxiliary, sensitive, train);
        int controlHits = hits(controls, synthetic, guesses, auxiliary, sensitive, train);
        String[] truth = values(targets, sensitive);
        Rng rng = new Rng(GUESS_SEED);
        int baselineHits = 0;
        for (String t : truth) {
            baselineHits += Objects.equals(t, guesses[rng.nextInt(guesses.length)]) ? 1 : 0;
        }
        out.put("auxiliaryColumns", auxiliary.stream().map(ColumnSpec::name).toList());
        out.putAll(AttackRate.of(n, trainHits, controlHits, baselineHits));
        return out;
    }

    /** How many victims' sensitive value equals that of their nearest synthetic row over the auxiliary columns. */
    private static int hits(Frame victims, Frame synthetic, String[] guesses, List<ColumnSpec> auxiliary, String sensitive,
                            Frame reference) {
        int[] nearest = GowerSpace.nearestIndex(victims, synthetic, auxiliary, reference);
        String[] truth = values(victims, sensitive);
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += nearest[i] >= 0 && Objects.equals(truth[i], guesses[nearest[i]]) ? 1 : 0;
        }
        return right;
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
