package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.selection.Selection;

/**
 * Singling out as Anonymeter's multivariate attack defines it (Giomi et al., PETS 2023). Over distinct rows, the
 * attacker picks a random synthetic row and three random columns and writes a predicate from the row's values:
 * "column = value" for a categorical, boolean or text column, "is missing" for a missing cell, and for a number
 * or date "column &gt;= value" where the value lies above the column's synthetic median, else "column &lt;= value".
 * The first 500 distinct predicates that match exactly one synthetic row are the attack; one succeeds when it
 * matches exactly one training row. The naive baseline writes as many predicates from random values of random
 * columns with random comparisons and counts those that single out a training row.
 * <p>
 * The control tells what chance gives: the same attack made on people the generator never saw. How often a
 * predicate unique among n rows singles out one of N others depends on N against n, so the control keeps the
 * attack's ratio: with a holdout, predicates are written the same way from a random part of the synthetic rows as
 * large against the holdout as the synthetic data is against the training data, and tried on the holdout; without
 * one, the training rows are split at random in the ratio of synthetic to training rows, predicates are written
 * from the first part and tried on the rest (what a generator that drew new people from the real population
 * would allow). Anonymeter instead tries its predicates on the whole holdout and scales the count by a curve
 * fitted on subsets of the holdout; on adult (6,513 holdout rows for 26,048 training rows) that fit scaled the
 * control down (× 0.57) where it had to rise, and read a copula sample as a risk (0.09).
 * The risk is (success − control) / (1 − control) with its 95 % interval ({@link AttackRate}).
 */
final class SinglingOut {
    static final int ATTACKS = 500;
    /** Columns in a predicate (fewer where the data has fewer). */
    static final int PREDICATE_COLUMNS = 3;
    /** Candidate predicates tried, in all, before the attack makes do with the distinct singling-out ones found. */
    static final int MAX_TRIES = 200 * ATTACKS;
    /** Seeds the rows the control's predicates are written from (synthetic rows, or a part of the training rows). */
    private static final long CONTROL_SOURCE_SEED = 0x5B117L;
    /** Seeds the holdout rows the control's predicates are tried on where the holdout is larger than needed. */
    private static final long CONTROL_POPULATION_SEED = 0xC047L;
    /** The comparisons the naive baseline picks from for a number or date, and for any other column. */
    private static final Predicate.Op[] ORDERED_COMPARISONS = {Predicate.Op.EQUALS, Predicate.Op.NOT_EQUALS,
            Predicate.Op.ABOVE, Predicate.Op.BELOW, Predicate.Op.AT_LEAST, Predicate.Op.AT_MOST};
    private static final Predicate.Op[] CODED_COMPARISONS = {Predicate.Op.EQUALS, Predicate.Op.NOT_EQUALS};
    static final String HOLDOUT_CONTROL = "synthetic rows tried on the holdout";
    static final String SPLIT_CONTROL = "a split of the training rows";

    private SinglingOut() {
    }

    /**
     * @param holdout the control rows, or null to make the control from a split of the training rows
     * @param seed    seeds the attacker's choices of rows, columns and baseline values
     */
    static Map<String, Object> of(Frame train, Frame holdout, Frame synthetic, List<ColumnSpec> columns, long seed) {
        List<Map<Object, Integer>> dictionaries = CodedRows.dictionaries(columns);
        CodedRows syn = CodedRows.of(synthetic, columns, dictionaries);
        CodedRows tr = CodedRows.of(train, columns, dictionaries);
        Rng rng = new Rng(seed);
        List<Predicate> attack = singlingOut(syn, rng);
        int successes = singledOut(attack, tr);
        int baseline = singledOut(naive(syn, attack.size(), rng), tr);
        Control control = holdout != null
                ? holdoutControl(synthetic, holdout, train.rowCount(), columns, dictionaries, rng)
                : splitControl(train, synthetic.rowCount(), columns, dictionaries, rng);
        Map<String, Object> out = AttackRate.of(attack.size(), successes, control.rate() * attack.size(), baseline);
        out.put("predicateColumns", Math.min(PREDICATE_COLUMNS, columns.size()));
        out.put("trainingRows", tr.size());
        out.put("syntheticRows", syn.size());
        out.putAll(control.json());
        return out;
    }

    /** Up to {@link #ATTACKS} distinct predicates written from synthetic rows that each match exactly one of them. */
    static List<Predicate> singlingOut(CodedRows rows, Rng rng) {
        List<Predicate> out = new ArrayList<>();
        if (rows.size() == 0 || rows.columns() == 0) {
            return out;
        }
        double[] medians = medians(rows);
        PredicateIndex index = new PredicateIndex(rows);
        Set<String> seen = new HashSet<>();
        int width = Math.min(PREDICATE_COLUMNS, rows.columns());
        for (int tries = 0; tries < MAX_TRIES && out.size() < ATTACKS; tries++) {
            int row = rng.nextInt(rows.size());
            int[] cols = Arrays.copyOf(rng.permutation(rows.columns()), width);
            Arrays.sort(cols);
            Predicate.Op[] ops = new Predicate.Op[width];
            double[] values = new double[width];
            for (int k = 0; k < width; k++) {
                int j = cols[k];
                values[k] = rows.values[j][row];
                ops[k] = !rows.ordered[j] ? Predicate.Op.EQUALS
                        : Double.isNaN(values[k]) ? Predicate.Op.MISSING
                        : values[k] > medians[j] ? Predicate.Op.AT_LEAST : Predicate.Op.AT_MOST;
            }
            Predicate p = new Predicate(cols, ops, values);
            if (index.count(p, 2) == 1 && seen.add(p.key())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Predicates of random comparisons with random values (of those the synthetic rows hold) in random columns. */
    private static List<Predicate> naive(CodedRows syn, int count, Rng rng) {
        List<Predicate> out = new ArrayList<>();
        if (syn.size() == 0 || syn.columns() == 0) {
            return out;
        }
        double[][] distinct = new double[syn.columns()][];
        for (int j = 0; j < distinct.length; j++) {
            distinct[j] = Arrays.stream(syn.values[j]).distinct().sorted().toArray();
        }
        int width = Math.min(PREDICATE_COLUMNS, syn.columns());
        for (int i = 0; i < count; i++) {
            int[] cols = Arrays.copyOf(rng.permutation(syn.columns()), width);
            Arrays.sort(cols);
            Predicate.Op[] ops = new Predicate.Op[width];
            double[] values = new double[width];
            for (int k = 0; k < width; k++) {
                double[] d = distinct[cols[k]];
                values[k] = d[rng.nextInt(d.length)];
                boolean ordered = syn.ordered[cols[k]];
                if (ordered && Double.isNaN(values[k])) {
                    ops[k] = rng.nextInt(2) == 0 ? Predicate.Op.MISSING : Predicate.Op.PRESENT;
                } else {
                    Predicate.Op[] choices = ordered ? ORDERED_COMPARISONS : CODED_COMPARISONS;
                    ops[k] = choices[rng.nextInt(choices.length)];
                }
            }
            out.add(new Predicate(cols, ops, values));
        }
        return out;
    }

    /** How many of the predicates match exactly one of the rows. */
    private static int singledOut(List<Predicate> predicates, CodedRows rows) {
        return (int) predicates.parallelStream().filter(p -> p.count(rows, 2) == 1).count();
    }

    /**
     * Predicates written from synthetic rows tried on holdout rows, in the ratio of synthetic to training rows: a
     * random part of the synthetic rows as large against the holdout as the synthetic data is against the training
     * data, or all synthetic rows and a part of the holdout where the holdout is the larger side.
     */
    private static Control holdoutControl(Frame synthetic, Frame holdout, int trainRows, List<ColumnSpec> columns,
                                                      List<Map<Object, Integer>> dictionaries, Rng rng) {
        double ratio = synthetic.rowCount() / (double) Math.max(1, trainRows);
        int sourceRows = (int) Math.min(synthetic.rowCount(), Math.round(holdout.rowCount() * ratio));
        int populationRows = (int) Math.min(holdout.rowCount(), Math.round(sourceRows / ratio));
        CodedRows source = CodedRows.of(synthetic.sample(sourceRows, CONTROL_SOURCE_SEED), columns, dictionaries);
        CodedRows population = CodedRows.of(holdout.sample(populationRows, CONTROL_POPULATION_SEED), columns, dictionaries);
        return control(HOLDOUT_CONTROL, source, population, rng);
    }

    /**
     * Predicates written from one random part of the training rows and tried on the rest, the rest as many times
     * larger than the first part as the training data is than the synthetic data. The rows are split before
     * repeated ones are merged, so that each part holds the people it would hold as a sample.
     */
    private static Control splitControl(Frame train, int syntheticRows, List<ColumnSpec> columns,
                                                    List<Map<Object, Integer>> dictionaries, Rng rng) {
        int n = train.rowCount();
        int sourceRows = (int) Math.round(n * (double) syntheticRows / (syntheticRows + n));
        int[] order = new Rng(CONTROL_SOURCE_SEED).permutation(n);
        CodedRows source = CodedRows.of(train.where(Selection.with(Arrays.copyOfRange(order, 0, sourceRows))), columns, dictionaries);
        CodedRows rest = CodedRows.of(train.where(Selection.with(Arrays.copyOfRange(order, sourceRows, n))), columns, dictionaries);
        return control(SPLIT_CONTROL, source, rest, rng);
    }

    /** The attack made on people the generator never saw: predicates written from the source, tried on the population. */
    private static Control control(String name, CodedRows source, CodedRows population, Rng rng) {
        List<Predicate> predicates = singlingOut(source, rng);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("control", name);
        out.put("controlSourceRows", source.size());
        out.put("controlRows", population.size());
        out.put("controlAttacks", predicates.size());
        return new Control(out, predicates.isEmpty() ? 0.0 : singledOut(predicates, population) / (double) predicates.size());
    }

    /** The control's success rate and how it was made, as the report shows it. */
    private record Control(Map<String, Object> json, double rate) {
    }

    private static double[] medians(CodedRows rows) {
        double[] out = new double[rows.columns()];
        for (int j = 0; j < out.length; j++) {
            if (rows.ordered[j]) {
                double[] present = Arrays.stream(rows.values[j]).filter(v -> !Double.isNaN(v)).sorted().toArray();
                Double m = Quantile.of(present, 0.5);
                out[j] = m == null ? Double.NaN : m;
            }
        }
        return out;
    }
}
