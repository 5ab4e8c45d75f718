package io.tabsynth.engine.fairness;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How many rows each cell of a remediation gets. The model's own joint distribution of the protected column and the
 * target is estimated from rows it drew ({@link #ESTIMATE_ROWS} of them, with a seed derived from the sample's);
 * the groups' shares are set (rebalancing) and each group's positive rate set (fairness) while everything else stays
 * as learned: the overall positive rate, and the split of the other target values within a group. The adjusted
 * joint is allocated to whole rows by largest remainder, so the achieved shares are the targets up to rounding.
 * The rest of each row is then drawn conditioned on its cell.
 *
 * <p>Positive rates under a fairness target: the group the model gives the highest rate keeps the reference rate
 * {@code x}, every other group gets {@code ratio × x}, and {@code x} is what keeps the overall positive rate as
 * learned under the (possibly rebalanced) group shares. With ratio 1 that is demographic parity.
 */
public final class RemediationPlan {
    /** Rows drawn from the model to estimate its joint distribution of the protected column and the target. */
    public static final int ESTIMATE_ROWS = 20_000;
    /** Rows a cell's draws are allowed per row kept, relative to the cell's estimated chance: ten times the expected. */
    private static final double TRIES_OVER_EXPECTED = 10;

    /**
     * One cell: the values its rows have, how many rows it gets, and how many draws per row kept sampling may spend.
     */
    public record Cell(Map<String, String> conditions, long rows, int maxTries) {
    }

    private final List<Cell> cells;
    private final GroupFigures learned;

    private RemediationPlan(List<Cell> cells, GroupFigures learned) {
        this.cells = List.copyOf(cells);
        this.learned = learned;
    }

    /** The cells in a fixed order (groups, then target values, in text order). */
    public List<Cell> cells() {
        return cells;
    }

    /** The model's figures as estimated from its draws, before any change. */
    public GroupFigures learned() {
        return learned;
    }

    /**
     * Plans {@code rows} rows for the remediation from rows the model drew.
     *
     * @param estimate rows the model drew, {@link #ESTIMATE_ROWS} of them in the engine
     * @param maxTries the draws per row kept the user allowed, the least a cell gets
     */
    public static RemediationPlan of(Remediation remediation, Frame estimate, long rows, int maxTries) {
        Schema schema = estimate.schema();
        FairnessTarget fairness = remediation.fairness();
        int g = remediation.checkColumns(schema);
        int t = fairness == null ? -1 : schema.indexOf(fairness.target());
        Map<String, Map<String, Long>> joint = new TreeMap<>();
        for (int r = 0; r < estimate.rowCount(); r++) {
            joint.computeIfAbsent(GroupFigures.text(estimate, g, r), k -> new TreeMap<>())
                    .merge(t < 0 ? "" : GroupFigures.text(estimate, t, r), 1L, Long::sum);
        }
        List<String> groups = new ArrayList<>(joint.keySet());
        double n = estimate.rowCount();
        double[] learnedShare = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            learnedShare[i] = total(joint.get(groups.get(i))) / n;
        }
        double[] share = groupShares(remediation, groups, learnedShare);
        List<Map<String, String>> conditions = new ArrayList<>();
        List<Double> cellShares = new ArrayList<>();
        List<Double> chances = new ArrayList<>();
        if (fairness == null) {
            for (int i = 0; i < groups.size(); i++) {
                conditions.add(Map.of(remediation.protectedColumn(), groups.get(i)));
                cellShares.add(share[i]);
                chances.add(learnedShare[i]);
            }
        } else {
            Set<String> targetValues = new java.util.TreeSet<>();
            joint.values().forEach(m -> targetValues.addAll(m.keySet()));
            if (!targetValues.contains(fairness.positive())) {
                throw new BadInputException("--fairness positive='" + fairness.positive() + "' is not a value of '"
                        + fairness.target() + "' the model draws" + Suggestion.didYouMean(fairness.positive(), targetValues)
                        + " (it draws " + quoted(targetValues) + ")");
            }
            double[] rate = positiveRates(fairness, groups, joint, share, learnedShare);
            for (int i = 0; i < groups.size(); i++) {
                Map<String, Long> byTarget = joint.get(groups.get(i));
                long negatives = total(byTarget) - byTarget.getOrDefault(fairness.positive(), 0L);
                for (String v : targetValues) {
                    long seen = byTarget.getOrDefault(v, 0L);
                    double within = v.equals(fairness.positive()) ? rate[i]
                            : negatives == 0 ? 0 : (1 - rate[i]) * seen / negatives;
                    if (!v.equals(fairness.positive()) && negatives == 0 && rate[i] < 1) {
                        throw impossible(remediation, groups.get(i), "a value other than '" + fairness.positive() + "'");
                    }
                    Map<String, String> cell = new LinkedHashMap<>();
                    cell.put(remediation.protectedColumn(), groups.get(i));
                    cell.put(fairness.target(), v);
                    conditions.add(cell);
                    cellShares.add(share[i] * within);
                    chances.add(seen / n);
                }
            }
        }
        long[] counts = LargestRemainder.allocate(rows, cellShares.stream().mapToDouble(Double::doubleValue).toArray());
        if (fairness != null) {
            checkSomePositive(fairness, conditions, counts, joint, rows);
        }
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            if (chances.get(i) == 0) {
                Map<String, String> c = conditions.get(i);
                throw impossible(remediation, c.get(remediation.protectedColumn()),
                        fairness == null ? null : "'" + c.get(fairness.target()) + "'");
            }
            int tries = (int) Math.min(Integer.MAX_VALUE, Math.max(maxTries, Math.ceil(TRIES_OVER_EXPECTED / chances.get(i))));
            cells.add(new Cell(conditions.get(i), counts[i], tries));
        }
        return new RemediationPlan(cells, GroupFigures.of(estimate, remediation.protectedColumn(), fairness));
    }

    /** The groups' shares: as learned, equal, or as stated with the groups not named sharing the rest as learned. */
    private static double[] groupShares(Remediation remediation, List<String> groups, double[] learned) {
        Rebalance rebalance = remediation.rebalance();
        if (rebalance == null) {
            return learned.clone();
        }
        double[] share = new double[groups.size()];
        if (rebalance.equalShares()) {
            java.util.Arrays.fill(share, 1.0 / groups.size());
            return share;
        }
        for (String named : rebalance.shares().keySet()) {
            if (!groups.contains(named)) {
                throw new BadInputException("--rebalance " + rebalance.column() + ": '" + named + "' is not a value of '"
                        + rebalance.column() + "' the model draws" + Suggestion.didYouMean(named, groups)
                        + " (it draws " + quoted(groups) + ")");
            }
        }
        double stated = 0;
        double unnamedLearned = 0;
        for (int i = 0; i < groups.size(); i++) {
            Double s = rebalance.shares().get(groups.get(i));
            if (s != null) {
                share[i] = s;
                stated += s;
            } else {
                unnamedLearned += learned[i];
            }
        }
        if (unnamedLearned == 0 && Math.abs(stated - 1) > 1e-9) {
            throw new BadInputException("--rebalance " + rebalance.column() + ": the shares name every group and add up to "
                    + CellText.number(stated) + "; they must add up to 1");
        }
        for (int i = 0; i < groups.size(); i++) {
            if (!rebalance.shares().containsKey(groups.get(i))) {
                share[i] = (1 - stated) * learned[i] / unnamedLearned;
            }
        }
        return share;
    }

    /**
     * Each group's positive rate under the target: the most favoured group (highest learned rate; the first in text
     * order on a tie) gets {@code x}, the others {@code ratio × x}, with {@code x} keeping the overall positive rate.
     */
    private static double[] positiveRates(FairnessTarget fairness, List<String> groups, Map<String, Map<String, Long>> joint,
                                          double[] share, double[] learnedShare) {
        double overall = 0;
        int favoured = 0;
        double[] learnedRate = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Long> byTarget = joint.get(groups.get(i));
            learnedRate[i] = byTarget.getOrDefault(fairness.positive(), 0L) / (double) total(byTarget);
            overall += learnedShare[i] * learnedRate[i];
            if (learnedRate[i] > learnedRate[favoured]) {
                favoured = i;
            }
        }
        double x = overall / (share[favoured] + fairness.ratio() * (1 - share[favoured]));
        if (x > 1) {
            throw new BadInputException(String.format(Locale.ROOT, "--fairness %s cannot be met: keeping the learned share"
                    + " of '%s' (%.3f) would need a positive rate of %.3f in group '%s'; ask for a higher ratio or other"
                    + " group shares", fairness.words(), fairness.positive(), overall, x, groups.get(favoured)));
        }
        double[] rate = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            rate[i] = i == favoured ? x : fairness.ratio() * x;
        }
        return rate;
    }

    /**
     * Refuses a fairness target whose positive value the model draws so rarely that the sample would hold no row
     * with it: every group's positive rate would be 0, and parity among zeros says nothing.
     */
    private static void checkSomePositive(FairnessTarget fairness, List<Map<String, String>> conditions, long[] counts,
                                          Map<String, Map<String, Long>> joint, long rows) {
        long positives = 0;
        for (int i = 0; i < counts.length; i++) {
            positives += fairness.positive().equals(conditions.get(i).get(fairness.target())) ? counts[i] : 0;
        }
        if (positives > 0) {
            return;
        }
        long drawn = 0;
        for (Map<String, Long> byTarget : joint.values()) {
            drawn += byTarget.getOrDefault(fairness.positive(), 0L);
        }
        throw new BadInputException(String.format(Locale.ROOT, "--fairness %s cannot be met in %,d rows: the model"
                + " draws %s = '%s' in %,d of %,d rows, so the sample would hold no such row and every group's rate"
                + " would be 0; ask for more rows or another positive value", fairness.words(), rows,
                fairness.target(), fairness.positive(), drawn, ESTIMATE_ROWS));
    }

    private static BadInputException impossible(Remediation remediation, String group, String targetValue) {
        String what = remediation.protectedColumn() + "='" + group + "'"
                + (targetValue == null ? "" : " and " + remediation.fairness().target() + " " + targetValue);
        return new BadInputException("the remediation cannot be met: it needs rows with " + what + ", and in "
                + String.format(Locale.ROOT, "%,d", ESTIMATE_ROWS) + " rows the model drew none; ask for other shares"
                + " or a lower ratio, or fit the model on data that has such rows");
    }

    private static long total(Map<String, Long> counts) {
        long s = 0;
        for (long c : counts.values()) {
            s += c;
        }
        return s;
    }

    private static String quoted(java.util.Collection<String> values) {
        List<String> q = values.stream().limit(12).map(v -> "'" + v + "'").toList();
        return String.join(", ", q) + (values.size() > q.size() ? ", ..." : "");
    }
}
