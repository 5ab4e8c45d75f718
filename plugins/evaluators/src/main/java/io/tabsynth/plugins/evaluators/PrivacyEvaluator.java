package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
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
 *   <li>{@code singlingOut}, with or without a holdout, and {@code linkability} with one, after Anonymeter
 *       ({@link SinglingOut}, {@link Linkability}): attack success on training rows versus control rows, risk with a
 *       95 % interval.</li>
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

    @Override
    public List<ParamSpec> describe() {
        return List.of(EvaluationOptions.QUASI, EvaluationOptions.SENSITIVE);
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
     * {@code nndr}, the histogram, the near-copy and closer-to-train shares): a fixed random sample beyond this many,
     * whose shares and quantiles are all rows' to within about half a percentage point (one standard error). Exact
     * copies and replayed values are counted over every row.
     */
    static final int DCR_ROWS = 10_000;

    /** Seeds the sample of synthetic rows whose distances are summarised beyond {@link #DCR_ROWS}. */
    private static final long DCR_SAMPLE_SEED = 0xdc7L;
    /** Seeds the training rows, as many as the holdout has, that are the distance attack's members. */
    private static final long MEMBER_SAMPLE_SEED = 0x5eed;
    /** Seeds the training rows whose closest other training row is the near-copy baseline without a holdout. */
    private static final long LEAVE_ONE_OUT_SEED = 0x100eL;

    /** The real, holdout and synthetic rows as points of one Gower space (the holdout's null when there is none). */
    private record Sides(Frame real, GowerSpace space, GowerSpace.Points train, GowerSpace.Points synthetic,
                         GowerSpace.Points hold) {
        static Sides of(EvaluationInput input, List<ColumnSpec> scored) {
            GowerSpace space = new GowerSpace(input.real(), scored);
            Frame holdout = input.holdout();
            return new Sides(input.real(), space, space.points(input.real()), space.points(input.synthetic()),
                    holdout != null && holdout.rowCount() > 0 ? space.points(holdout) : null);
        }
    }

    /** The report's details and the protections the score is the smallest of, filled step by step. */
    private record Report(Map<String, Object> details, List<Protection> protections) {
        void protect(Protection p) {
            protections.add(p);
        }
    }

    @Override
    public Result evaluate(EvaluationInput input) {
        List<ColumnSpec> scored = ScoredColumns.of(input);
        Sides sides = Sides.of(input, scored);
        Report report = new Report(new LinkedHashMap<>(), new ArrayList<>());
        copies(input, sides, report);
        GowerSpace.Points measured = input.synthetic().rowCount() > DCR_ROWS
                ? sides.space().points(input.synthetic().sample(DCR_ROWS, DCR_SAMPLE_SEED)) : sides.synthetic();
        double[][] synToTrain = sides.space().nearestTwo(measured, sides.train());
        Map<String, Object> dcr = new LinkedHashMap<>();
        dcr.put("rows", measured.size());
        dcr.put("syntheticToTrain", summary(synToTrain[0]));
        report.details().put("nndr", summary(nearestRatio(synToTrain)));
        Attacks attacks = Attacks.run(input.real(), sides.hold() == null ? null : input.holdout(), input.synthetic(), scored,
                input.options().get("quasi"), input.options().get("sensitive"));
        NearCopies near = sides.hold() != null
                ? withHoldout(sides, measured, synToTrain[0], attacks, dcr, report)
                : withoutHoldout(sides, synToTrain[0], attacks, report);
        report.details().put("nearCopies", near.json());
        report.protect(Protection.oneSided("privacy.nearCopies.excess", near.excess(), COPY_SHARE_RED,
                "synthetic rows lie closer to training rows than real rows lie to each other"));
        report.details().put("dcr", dcr);
        String quasi = input.options().get("quasi");
        if (quasi != null && !quasi.isBlank()) {
            report.details().put("kAnonymity", kAnonymity(input.synthetic(), input.real(), List.of(quasi.split(",")),
                    input.options().get("sensitive")));
        }
        if (attacks.attributeInference() != null) {
            report.details().put("attributeInference", attacks.attributeInference());
            attackRisk(report, "attributeInference", attacks.attributeInference(),
                    "the synthetic data reveals training rows' sensitive values");
        }
        return verdict(report);
    }

    /**
     * Exact copies beyond what chance gives and replayed unique values. Only copies beyond chance count (few
     * scored columns make identical rows common), and only as many as the sample shows with 95 % confidence (the
     * low end of the share's Wilson interval), so that a handful of synthetic rows that happen to equal training
     * rows is not taken for copying.
     */
    private static void copies(EvaluationInput input, Sides sides, Report report) {
        GowerSpace space = sides.space();
        Map<String, Integer> trainRows = new HashMap<>();
        for (int i = 0; i < sides.train().size(); i++) {
            trainRows.merge(space.key(sides.train(), i), 1, Integer::sum);
        }
        int exact = 0;
        for (int i = 0; i < sides.synthetic().size(); i++) {
            exact += trainRows.containsKey(space.key(sides.synthetic(), i)) ? 1 : 0;
        }
        int rows = sides.synthetic().size();
        double baseline = exactMatchBaseline(space, trainRows, sides.train().size(), sides.hold());
        Map<String, Object> details = report.details();
        details.put("exactMatches", exact);
        details.put("exactMatchShare", rows == 0 ? 0.0 : exact / (double) rows);
        details.put("exactMatchBaseline", baseline);
        Map<String, Object> replay = ValueReplay.of(input.real(), input.holdout(), input.synthetic(), input.schema());
        details.put("uniqueValueReplay", replay);
        double low = AttackRate.wilson(exact, rows)[0];
        double excess = baseline >= 1 ? 0 : Math.max(0, (low - baseline) / (1 - baseline));
        details.put("exactMatchExcess", excess);
        report.protect(Protection.oneSided("privacy.exactMatchExcess", excess, COPY_SHARE_RED,
                "synthetic rows are copies of training rows"));
        report.protect(Protection.oneSided("privacy.uniqueValueReplay.share", (Double) replay.get("share"), COPY_SHARE_RED,
                "synthetic rows carry values only one real person has"));
    }

    /** Each synthetic row's nearest over second-nearest distance to the training rows (0 for a copy, 1 for a tie). */
    private static double[] nearestRatio(double[][] nearestTwo) {
        double[] ratio = new double[nearestTwo[0].length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = nearestTwo[1][i] > 0 ? nearestTwo[0][i] / nearestTwo[1][i] : (nearestTwo[0][i] == 0 ? 0 : 1);
        }
        return ratio;
    }

    /**
     * The comparisons a holdout allows: holdout-to-train distances as the near-copy baseline, closer-to-train
     * shares, the membership attacks, singling out and linkability.
     */
    private static NearCopies withHoldout(Sides sides, GowerSpace.Points measured, double[] synToTrain, Attacks attacks,
                                          Map<String, Object> dcr, Report report) {
        GowerSpace space = sides.space();
        GowerSpace.Points hold = sides.hold();
        double[] holdToTrain = space.nearest(hold, sides.train());
        dcr.put("holdoutToTrain", summary(holdToTrain));
        dcr.put("histogram", histogram(synToTrain, holdToTrain));
        closerToTrain(dcr, synToTrain, space.nearest(measured, hold), sides.train().size(), hold.size());
        report.protect(Protection.oneSided("privacy.dcr.excess", (Double) dcr.get("excess"), CLOSER_EXCESS_RED,
                "synthetic rows lie closer to training rows than to unseen real rows"));
        Map<String, Object> details = report.details();
        details.put("singlingOut", attacks.singlingOut());
        details.put("linkability", attacks.linkability());
        membership(sides, attacks.densityRatioAuc(), report);
        singlingOutRisk(report, attacks);
        attackRisk(report, "linkability", attacks.linkability(),
                "two halves of a training row are linked through the synthetic data");
        return new NearCopies(synToTrain, holdToTrain, NearCopies.HOLDOUT_BASELINE);
    }

    /**
     * Membership inference: the distance attack (training rows, as many as the holdout has, are members; holdout
     * rows are not) and the density-ratio attack.
     */
    private static void membership(Sides sides, double densityAuc, Report report) {
        GowerSpace space = sides.space();
        GowerSpace.Points members = space.points(sides.real().sample(sides.hold().size(), MEMBER_SAMPLE_SEED));
        double auc = auc(space.nearest(members, sides.synthetic()), space.nearest(sides.hold(), sides.synthetic()));
        Map<String, Object> details = report.details();
        details.put("membershipInferenceAuc", auc);
        report.protect(new Protection("privacy.membershipInferenceAuc", auc, NO_LEAK_AUC, AUC_RED, true,
                "training rows lie closer to the synthetic data than unseen rows do"));
        Map<String, Object> mia = new LinkedHashMap<>();
        mia.put("distanceAttackAuc", auc);
        mia.put("densityRatioAttackAuc", Double.isNaN(densityAuc) ? null : densityAuc);
        details.put("membershipInference", mia);
        if (!Double.isNaN(densityAuc)) {
            report.protect(new Protection("privacy.membershipInference.densityRatioAttackAuc", densityAuc, NO_LEAK_AUC,
                    AUC_RED, true, "the synthetic data is densest around training rows"));
        }
    }

    /** Without a holdout: each training row's closest other training row is the near-copy baseline. */
    private static NearCopies withoutHoldout(Sides sides, double[] synToTrain, Attacks attacks, Report report) {
        Frame real = sides.real();
        GowerSpace.Points own = real.rowCount() > LEAVE_ONE_OUT_ROWS
                ? sides.space().points(real.sample(LEAVE_ONE_OUT_ROWS, LEAVE_ONE_OUT_SEED)) : sides.train();
        Map<String, Object> details = report.details();
        details.put("singlingOut", attacks.singlingOut());
        details.put("membershipInferenceAuc", null);
        details.put("note", "no holdout given: near copies are judged against distances within the training data and "
                + "singling out against a split of the training rows; membership inference, the DCR comparison, "
                + "linkability and attribute inference need one (--holdout)");
        singlingOutRisk(report, attacks);
        // Each training row is its own nearest row (distance 0): the second nearest is the closest other one.
        return new NearCopies(synToTrain, sides.space().nearestTwo(own, sides.train())[1], NearCopies.LEAVE_ONE_OUT_BASELINE);
    }

    private static void singlingOutRisk(Report report, Attacks attacks) {
        attackRisk(report, "singlingOut", attacks.singlingOut(), "a predicate from the synthetic data singles out a training row");
    }

    /** The score is the smallest protection, so that a red component makes it red; each protection is a finding. */
    private static Result verdict(Report report) {
        double score = 1;
        List<Finding> findings = new ArrayList<>();
        for (Protection p : report.protections()) {
            score = Math.min(score, p.protection());
            findings.add(p.finding());
        }
        report.details().put("findings", Finding.json(findings));
        return new Result(score, Map.of(), report.details());
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
    private static void attackRisk(Report report, String name, Map<String, Object> outcome, String why) {
        if (outcome.get(AttackRate.RISK_LOW) instanceof Double risk) {
            report.protect(Protection.oneSided("privacy." + name + "." + AttackRate.RISK_LOW, risk, ATTACK_RISK_RED, why));
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
