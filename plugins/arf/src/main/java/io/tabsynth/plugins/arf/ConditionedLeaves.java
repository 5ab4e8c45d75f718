package io.tabsynth.plugins.arf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forest's leaves conditioned on column values, through the columns other columns decide ({@link Determination}).
 * A sampled row's column takes its deciding column's decided value where that value decides it, else its leaf's
 * draw; so a row holds a condition's value when the columns deciding the conditioned column (its ancestors along the
 * determinations) drew values leading to it. Within a leaf the columns are drawn independently, so the chance of
 * that is worked out column by column up the determinations: a column's code <em>agrees</em> with the conditions
 * when it is the value asked for (where the column is conditioned) and every column it decides agrees too, either
 * with the decided value or, where the code decides nothing, by its own draw. Each leaf is weighted by its coverage
 * times its chance of agreeing, and draws each of these category columns from its codes weighted by their chance of
 * agreeing: a condition on a zip code fixes the city and state it decides; a condition on a city draws only zip codes
 * of that city (or deciding none). Conditioned numbers are written by the model, as the plain leaves' chance of
 * holding the value weights the leaf. Immutable.
 */
final class ConditionedLeaves {
    private final boolean[] category;
    /** Per feature, whether it is conditioned, and the value asked for. */
    private final boolean[] conditioned;
    private final double[] asked;
    /** Per feature, whether it or a column it decides (at any depth) is conditioned. */
    private final boolean[] involved;
    /** Per feature, whether it is involved and no column decides it. */
    private final boolean[] root;
    /** Per feature, the determinations by it of involved columns. */
    private final List<List<Determination>> decides;

    private ConditionedLeaves(boolean[] category, List<Determination> determinations, int[] columns, double[] values) {
        int f = category.length;
        this.category = category;
        this.conditioned = new boolean[f];
        this.asked = new double[f];
        this.involved = new boolean[f];
        this.root = new boolean[f];
        Determination[] decidedBy = new Determination[f];
        for (Determination d : determinations) {
            decidedBy[d.target()] = d;
        }
        for (int k = 0; k < columns.length; k++) {
            conditioned[columns[k]] = true;
            asked[columns[k]] = values[k];
            for (int j = columns[k]; j >= 0 && !involved[j]; j = decidedBy[j] == null ? -1 : decidedBy[j].by()) {
                involved[j] = true;
            }
        }
        this.decides = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            decides.add(new ArrayList<>());
            root[j] = involved[j] && decidedBy[j] == null;
        }
        for (Determination d : determinations) {
            if (involved[d.target()]) {
                decides.get(d.by()).add(d);
            }
        }
    }

    /**
     * The leaves conditioned on {@code values} of the features {@code columns} (a code, or a number); null when no
     * leaf can draw them.
     *
     * @param category per feature, whether it is a category
     */
    static LeafSet of(LeafSet leaves, List<Determination> determinations, boolean[] category, int[] columns,
                      double[] values) {
        ConditionedLeaves c = new ConditionedLeaves(category, determinations, columns, values);
        List<Leaf> out = new ArrayList<>(leaves.leaves().size());
        double[] weights = new double[leaves.leaves().size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            Leaf leaf = leaves.leaves().get(i);
            LeafColumn[] columnsOf = leaf.columns().clone();
            weights[i] = leaf.coverage() * c.agreeing(leaf, columnsOf);
            total += weights[i];
            out.add(new Leaf(leaf.coverage(), columnsOf));
        }
        return total > 0 ? new LeafSet(out, weights, leaves.columns()) : null;
    }

    /**
     * A leaf's chance that a row drawn from it agrees with every condition; sets {@code drawn}'s involved category
     * columns to their codes weighted by their chance of agreeing (where any code has a chance: a column whose codes
     * all disagree is only drawn where the column deciding it overrides the draw).
     */
    private double agreeing(Leaf leaf, LeafColumn[] drawn) {
        double[] chance = new double[category.length];
        Arrays.fill(chance, Double.NaN);
        double p = 1;
        for (int j = 0; j < category.length; j++) {
            if (involved[j]) {
                double c = chanceOfAgreeing(leaf, j, chance, drawn);
                if (root[j]) {
                    p *= c;
                }
            }
        }
        return p;
    }

    /** The chance that feature {@code j}'s draw in the leaf agrees with the conditions (memoised in {@code chance}). */
    private double chanceOfAgreeing(Leaf leaf, int j, double[] chance, LeafColumn[] drawn) {
        if (Double.isNaN(chance[j])) {
            if (category[j]) {
                WeightedCodes w = ((CategoryShares) leaf.columns()[j])
                        .weighted(code -> agreement(leaf, j, code, chance, drawn));
                chance[j] = w.total();
                if (w.total() > 0) {
                    drawn[j] = w;
                }
            } else {
                chance[j] = leaf.columns()[j].chance(asked[j]);
            }
        }
        return chance[j];
    }

    /** The chance that feature {@code j} holding {@code value} agrees with the conditions, in the leaf. */
    private double agreement(Leaf leaf, int j, double value, double[] chance, LeafColumn[] drawn) {
        if (conditioned[j] && value != asked[j]) {
            return 0;
        }
        double p = 1;
        for (Determination d : decides.get(j)) {
            if (p == 0) {
                break;
            }
            double decided = d.values()[(int) value];
            p *= Double.isNaN(decided) ? chanceOfAgreeing(leaf, d.target(), chance, drawn)
                    : agreement(leaf, d.target(), decided, chance, drawn);
        }
        return p;
    }
}
