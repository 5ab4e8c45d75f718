package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Privacy ({@code privacy}), on Gower distances over the scored columns (identifiers and free text left out):
 * <ul>
 *   <li>{@code exactMatches}: synthetic rows identical to a training row; {@code exactMatchBaseline}: how often
 *       that happens by chance (holdout rows identical to a training row, or without a holdout training rows
 *       identical to another); {@code exactMatchExcess}: the copies chance does not explain;</li>
 *   <li>{@code uniqueValueReplay}: synthetic rows carrying a categorical or free-text value that only one
 *       training row has ({@link ValueReplay});</li>
 *   <li>{@code nearCopies}: synthetic rows closer to a training row than real rows that were not learned lie to
 *       theirs, holdout rows or, without a holdout, training rows to their closest other one ({@link NearCopies});</li>
 *   <li>{@code dcr}: distance to the closest training record for synthetic rows and, as the baseline, for
 *       holdout rows; {@code shareCloserToTrain}: the share of synthetic rows closer to the training data than to
 *       the holdout, against {@code shareExpected} = train / (train + holdout) for a model that learned no rows;</li>
 *   <li>{@code nndr}: nearest/second-nearest distance ratio of synthetic rows to training rows;</li>
 *   <li>{@code membershipInferenceAuc}: an attacker who calls a real row a member when it lies close to the
 *       synthetic data, scored by AUC on training rows (members) versus holdout rows (non-members); 0.5 is no
 *       leak; {@code membershipInference} also holds the density-ratio attack's AUC ({@link DensityRatioAttack});</li>
 *   <li>{@code kAnonymity} over the quasi-identifiers ({@code quasi} option): the smallest group of synthetic
 *       rows sharing their quasi-identifier values, the share of rows in groups under 5, and with a
 *       {@code sensitive} column the l-diversity (fewest distinct sensitive values in a group);</li>
 *   <li>{@code attributeInference} with a sensitive column and a holdout ({@link AttributeInference});</li>
 *   <li>{@code singlingOut} and {@code linkability} with a holdout, after Anonymeter ({@link SinglingOut},
 *       {@link Linkability}): attack success on training rows versus control rows, risk with a 95 % interval.</li>
 * </ul>
 * Each harm is also a {@link Protection} on one scale (0.5 at its red threshold), listed with its level under
 * {@code findings}; {@code score} is the smallest protection, so a red component makes the score red. Distance
 * searches are exact, pruned and run on every core.
 */
@org.pf4j.Extension
public final class PrivacyEvaluator implements Evaluator {
    private static final int SMALL_GROUP = 5;

    @Override
    public String id() {
        return "privacy";
    }

    /** Training rows whose closest other training row is the baseline of near copies when there is no holdout. */
    static final int LEAVE_ONE_OUT_ROWS = 10_000;
    /** Share of copied, near-copied or value-replaying rows (beyond chance) at which privacy is red. */
    static final double COPY_SHARE_RED = 0.1;
    /** Excess share of synthetic rows closer to training than to holdout rows at which privacy is red. */
    static final double CLOSER_EXCESS_RED = 0.25;
    /** The AUC of a membership attack that learns nothing. */
    static final double NO_LEAK_AUC = 0.5;
    /** Membership-attack AUC (or 1 − AUC) at which privacy is red. */
    static final double AUC_RED = 0.75;
    /** Anonymeter risk (low end of its 95 % interval) at which privacy is red. */
    static final double ATTACK_RISK_RED = 0.25;

    /**
     * Synthetic rows whose distances to the training data are summarised ({@code dcr.syntheticToTrain},
     * {@code nndr}, the histogram): a fixed random sample beyond this many, whose quantiles are all rows' to within
     * a quarter of a percentile point. Exact copies and replayed values are counted over every row.
     */
    static final int DCR_ROWS = 50_000;

    @Override
    public Result evaluate(EvaluationInput input) {
        Frame real = input.real();
        Frame syn = input.synthetic();
        Frame holdout = input.holdout();
        List<ColumnSpec> scored = ScoredColumns.of(input);
        GowerSpace space = new GowerSpace(real, scored);
        GowerSpace.Points train = space.points(real);
        GowerSpace.Points synthetic = space.points(syn);
        Map<String, Object> details = new LinkedHashMap<>();
        List<Protection> protections = new ArrayList<>();
        List<Object> attackResults = null;

        Map<String, Integer> trainRows = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            trainRows.merge(space.key(train, i), 1, Integer::sum);
        }
        int exact = 0;
        for (int i = 0; i < synthetic.size(); i++) {
            exact += trainRows.containsKey(space.key(synthetic, i)) ? 1 : 0;
        }
        double exactShare = synthetic.size() == 0 ? 0.0 : exact / (double) synthetic.size();
        GowerSpace.Points hold = holdout != null && holdout.rowCount() > 0 ? space.points(holdout) : null;
        double baseline = exactMatchBaseline(space, trainRows, train.size(), hold);
        details.put("exactMatches", exact);
        details.put("exactMatchShare", exactShare);
        details.put("exactMatchBaseline", baseline);
        Map<String, Object> replay = ValueReplay.of(real, holdout, syn, input.schema());
        details.put("uniqueValueReplay", replay);
        // Only copies beyond what chance gives count (few scored columns make identical rows common), and only as
        // many as the sample shows with 95 % confidence (the low end of the share's Wilson interval), so that a
        // handful of synthetic rows that happen to equal training rows is not taken for copying.
        double low = AttackRate.wilson(exact, synthetic.size())[0];
        double excess = baseline >= 1 ? 0 : Math.max(0, (low - baseline) / (1 - baseline));
        details.put("exactMatchExcess", excess);
        protections.add(Protection.oneSided("privacy.exactMatchExcess", excess, COPY_SHARE_RED,
                "synthetic rows are copies of training rows"));
        protections.add(Protection.oneSided("privacy.uniqueValueReplay.share", (Double) replay.get("share"), COPY_SHARE_RED,
                "synthetic rows carry values only one real person has"));

        GowerSpace.Points measured = syn.rowCount() > DCR_ROWS ? space.points(syn.sample(DCR_ROWS, 0xdc7L)) : synthetic;
        double[][] synToTrain = space.nearestTwo(measured, train);
        Map<String, Object> dcr = new LinkedHashMap<>();
        dcr.put("rows", measured.size());
        dcr.put("syntheticToTrain", summary(synToTrain[0]));
        double[] ratio = new double[measured.size()];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = synToTrain[1][i] > 0 ? synToTrain[0][i] / synToTrain[1][i] : (synToTrain[0][i] == 0 ? 0 : 1);
        }
        details.put("nndr", summary(ratio));
        NearCopies near;
        if (hold != null) {
            double[] holdToTrain = space.nearest(hold, train);
            near = new NearCopies(synToTrain[0], holdToTrain, NearCopies.HOLDOUT_BASELINE);
            dcr.put("holdoutToTrain", summary(holdToTrain));
            dcr.put("histogram", histogram(synToTrain[0], holdToTrain));
            closerToTrain(dcr, synToTrain[0], space.nearest(measured, hold), train.size(), hold.size());
            protections.add(Protection.oneSided("privacy.dcr.excess", (Double) dcr.get("excess"), CLOSER_EXCESS_RED,
                    "synthetic rows lie closer to training rows than to unseen real rows"));
            // The attacks are independent and deterministic: run them side by side.
            Frame holdoutFrame = holdout;
            String sensitiveOption = input.options().get("sensitive");
            List<java.util.function.Supplier<Object>> attacks = List.of(
                    () -> SinglingOut.of(real, holdoutFrame, syn, scored, 0x5140L),
                    () -> Linkability.of(real, holdoutFrame, syn, scored),
                    () -> DensityRatioAttack.auc(real, holdoutFrame, syn, io.tabsynth.engine.data.Schema.of(scored)),
                    () -> sensitiveOption == null ? null
                            : AttributeInference.of(real, holdoutFrame, syn, scored, input.options().get("quasi"), sensitiveOption));
            List<Object> outcomes = attacks.parallelStream().map(java.util.function.Supplier::get).toList();
            details.put("singlingOut", outcomes.get(0));
            details.put("linkability", outcomes.get(1));
            attackResults = outcomes;
            GowerSpace.Points sample = space.points(real.sample(hold.size(), 0x5eed));
            double[] members = space.nearest(sample, synthetic);
            double[] outsiders = space.nearest(hold, synthetic);
            double auc = auc(members, outsiders);
            details.put("membershipInferenceAuc", auc);
            protections.add(new Protection("privacy.membershipInferenceAuc", auc, NO_LEAK_AUC, AUC_RED, true,
                    "training rows lie closer to the synthetic data than unseen rows do"));
            Map<String, Object> mia = new LinkedHashMap<>();
            mia.put("distanceAttackAuc", auc);
            double densityAuc = (Double) attackResults.get(2);
            mia.put("densityRatioAttackAuc", Double.isNaN(densityAuc) ? null : densityAuc);
            details.put("membershipInference", mia);
            if (!Double.isNaN(densityAuc)) {
                protections.add(new Protection("privacy.membershipInference.densityRatioAttackAuc", densityAuc, NO_LEAK_AUC,
                        AUC_RED, true, "the synthetic data is densest around training rows"));
            }
            attackRisk(protections, "singlingOut", outcomes.get(0), "a predicate from the synthetic data singles out a training row");
            attackRisk(protections, "linkability", outcomes.get(1), "two halves of a training row are linked through the synthetic data");
        } else {
            GowerSpace.Points own = real.rowCount() > LEAVE_ONE_OUT_ROWS
                    ? space.points(real.sample(LEAVE_ONE_OUT_ROWS, 0x100eL)) : train;
            // Each training row is its own nearest row (distance 0): the second nearest is the closest other one.
            near = new NearCopies(synToTrain[0], space.nearestTwo(own, train)[1], NearCopies.LEAVE_ONE_OUT_BASELINE);
            details.put("membershipInferenceAuc", null);
            details.put("note", "no holdout given: near copies are judged against distances within the training data; "
                    + "membership inference, the DCR comparison and the Anonymeter attacks need one (--holdout)");
        }
        details.put("nearCopies", near.json());
        protections.add(Protection.oneSided("privacy.nearCopies.excess", near.excess(), COPY_SHARE_RED,
                "synthetic rows lie closer to training rows than real rows lie to each other"));
        details.put("dcr", dcr);
        String quasi = input.options().get("quasi");
        String sensitive = input.options().get("sensitive");
        if (quasi != null && !quasi.isBlank()) {
            details.put("kAnonymity", kAnonymity(syn, real, List.of(quasi.split(",")), sensitive));
        }
        if (sensitive != null && attackResults != null && attackResults.get(3) != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ai = (Map<String, Object>) attackResults.get(3);
            details.put("attributeInference", ai);
            attackRisk(protections, "attributeInference", ai, "the synthetic data reveals training rows' sensitive values");
        }
        double score = 1;
        List<Finding> findings = new ArrayList<>();
        for (Protection p : protections) {
            score = Math.min(score, p.protection());
            findings.add(p.finding());
        }
        details.put("findings", Finding.json(findings));
        return new Result(score, Map.of(), details);
    }

    /**
     * The share of synthetic rows closer to the training data than to the holdout ({@code shareCloserToTrain}, ties
     * half), what a generator that learned no rows gives ({@code shareExpected}: the nearest of the pooled real rows
     * is a training row with probability train / (train + holdout)), and the {@code excess} beyond it, at the low
     * end of the share's 95 % interval and scaled so that 1 is every row.
     */
    private static void closerToTrain(Map<String, Object> dcr, double[] toTrain, double[] toHold, int trainRows, int holdRows) {
        double closer = 0;
        for (int i = 0; i < toTrain.length; i++) {
            closer += toTrain[i] < toHold[i] ? 1 : toTrain[i] == toHold[i] ? 0.5 : 0;
        }
        double share = closer / Math.max(1, toTrain.length);
        double expected = trainRows / (double) (trainRows + holdRows);
        double low = AttackRate.wilson((int) Math.floor(closer), toTrain.length)[0];
        dcr.put("shareCloserToTrain", share);
        dcr.put("shareExpected", expected);
        dcr.put("excess", Math.max(0, (low - expected) / (1 - expected)));
    }

    /** Adds an Anonymeter attack's risk (the low end of its 95 % interval) as a protection, when it has one. */
    private static void attackRisk(List<Protection> protections, String name, Object outcome, String why) {
        if (outcome instanceof Map<?, ?> m && m.get(AttackRate.RISK_LOW) instanceof Double risk) {
            protections.add(Protection.oneSided("privacy." + name + "." + AttackRate.RISK_LOW, risk, ATTACK_RISK_RED, why));
        }
    }

    /**
     * How often a row that was not learned is identical to a training row over the scored columns: the share of
     * holdout rows that are, or without a holdout the share of training rows identical to another training row.
     */
    private static double exactMatchBaseline(GowerSpace space, Map<String, Integer> trainRows, int trainSize,
                                             GowerSpace.Points hold) {
        if (hold != null) {
            int matches = 0;
            for (int i = 0; i < hold.size(); i++) {
                matches += trainRows.containsKey(space.key(hold, i)) ? 1 : 0;
            }
            return matches / (double) hold.size();
        }
        int shared = trainRows.values().stream().filter(n -> n > 1).mapToInt(Integer::intValue).sum();
        return trainSize == 0 ? 0.0 : shared / (double) trainSize;
    }

    /** Shares of synthetic-to-train and holdout-to-train distances in 20 equal bins from 0 to the largest. */
    private static Map<String, Object> histogram(double[] synthetic, double[] holdout) {
        double max = 0;
        for (double v : synthetic) {
            max = Math.max(max, v);
        }
        for (double v : holdout) {
            max = Math.max(max, v);
        }
        int bins = 20;
        double width = max > 0 ? max / bins : 1;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i * width;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("edges", edges);
        out.put("syntheticToTrain", shares(synthetic, width, bins));
        out.put("holdoutToTrain", shares(holdout, width, bins));
        return out;
    }

    private static double[] shares(double[] v, double width, int bins) {
        double[] s = new double[bins];
        for (double x : v) {
            s[Math.min(bins - 1, (int) (x / width))] += 1.0 / v.length;
        }
        return s;
    }

    /** AUC of "closer to the synthetic data means member": P(member distance &lt; non-member distance), ties half. */
    static double auc(double[] members, double[] outsiders) {
        double[] m = members.clone();
        double[] o = outsiders.clone();
        Arrays.sort(m);
        Arrays.sort(o);
        double wins = 0;
        int lo = 0;
        int hi = 0;
        for (double x : m) {
            while (lo < o.length && o[lo] <= x) {
                lo++;
            }
            while (hi < o.length && o[hi] < x) {
                hi++;
            }
            // outsiders strictly farther than x: o.length - lo; ties: lo - hi
            wins += (o.length - lo) + 0.5 * (lo - hi);
        }
        return m.length == 0 || o.length == 0 ? 0.5 : wins / ((double) m.length * o.length);
    }

    private static Map<String, Object> summary(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("min", s.length == 0 ? null : s[0]);
        out.put("p5", Quantile.of(s, 0.05));
        out.put("median", Quantile.of(s, 0.5));
        out.put("mean", s.length == 0 ? null : Arrays.stream(s).average().orElse(0));
        return out;
    }

    private static Map<String, Object> kAnonymity(Frame syn, Frame real, List<String> quasi, String sensitive) {
        for (String q : quasi) {
            syn.schema().indexOf(q.trim());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("quasiIdentifiers", quasi);
        out.putAll(groups(syn, quasi, sensitive, "synthetic"));
        out.putAll(groups(real, quasi, sensitive, "real"));
        return out;
    }

    private static Map<String, Object> groups(Frame f, List<String> quasi, String sensitive, String prefix) {
        int[] cols = quasi.stream().mapToInt(q -> f.schema().indexOf(q.trim())).toArray();
        int sens = sensitive == null ? -1 : f.schema().indexOf(sensitive);
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, Set<String>> values = new HashMap<>();
        for (int r = 0; r < f.rowCount(); r++) {
            StringBuilder key = new StringBuilder();
            for (int c : cols) {
                key.append(CellText.of(f, c, r)).append('\u0001');
            }
            String k = key.toString();
            sizes.merge(k, 1, Integer::sum);
            if (sens >= 0) {
                values.computeIfAbsent(k, x -> new HashSet<>()).add(String.valueOf(CellText.of(f, sens, r)));
            }
        }
        int k = sizes.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        long small = sizes.values().stream().filter(s -> s < SMALL_GROUP).mapToLong(Integer::longValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "K", k);
        out.put(prefix + "Groups", sizes.size());
        out.put(prefix + "ShareInGroupsUnder" + SMALL_GROUP, f.rowCount() == 0 ? 0.0 : small / (double) f.rowCount());
        if (sens >= 0) {
            out.put(prefix + "L", values.values().stream().mapToInt(Set::size).min().orElse(0));
        }
        return out;
    }
}
