package io.tabsynth.plugins.evaluators;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Near-copy detection ({@code privacy.nearCopies}): how many synthetic rows lie closer to a training row than
 * real rows lie to each other. The baseline is the distance from each real row that was not learned to its
 * closest training row: holdout rows where there is a holdout, else each training row's closest other training
 * row (leave-one-out). Its 1st and 5th percentiles and its median are the thresholds; a generator that learned no
 * individual rows puts about 1 %, 5 % and 50 % of its rows under them (usually fewer: sampled rows lie farther from
 * real rows than real rows lie from each other), a copy nearly all. A slightly moved copy may lie above the 5th
 * percentile where real rows have close neighbours (on adult, ages and hours moved by one are at 0.0016, the
 * holdout's 5th percentile is 0.0011), but it lies under the median with nearly every row. The
 * {@code excess} is the larger of the two shares beyond what the baseline itself has under the threshold, taken
 * at the low end of the share's 95 % Wilson interval and scaled so that 1 is every row:
 * (low − expected) / (1 − expected), at least 0.
 */
final class NearCopies {
    static final String HOLDOUT_BASELINE = "holdout-to-train";
    static final String LEAVE_ONE_OUT_BASELINE = "leave-one-out within training";
    private static final double[] PERCENTILES = {0.01, 0.05, 0.5};
    private static final String[] NAMES = {"p1", "p5", "median"};

    private final Map<String, Object> json = new LinkedHashMap<>();
    private double excess;

    /**
     * @param synthetic distances of synthetic rows to their closest training row
     * @param baseline  distances of unlearned real rows to their closest training row
     * @param name      which baseline it is ({@link #HOLDOUT_BASELINE} or {@link #LEAVE_ONE_OUT_BASELINE})
     */
    NearCopies(double[] synthetic, double[] baseline, String name) {
        double[] sorted = baseline.clone();
        Arrays.sort(sorted);
        json.put("baseline", name);
        json.put("baselineRows", baseline.length);
        json.put("syntheticRows", synthetic.length);
        for (int i = 0; i < PERCENTILES.length; i++) {
            Double quantile = Quantile.of(sorted, PERCENTILES[i]);
            double threshold = quantile == null ? 0 : quantile;
            double expected = shareUnder(baseline, threshold);
            int under = countUnder(synthetic, threshold);
            double share = synthetic.length == 0 ? 0 : under / (double) synthetic.length;
            double low = AttackRate.wilson(under, synthetic.length)[0];
            double over = expected >= 1 ? 0 : Math.max(0, (low - expected) / (1 - expected));
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("distance", threshold);
            at.put("baselineShare", expected);
            at.put("syntheticShare", share);
            at.put("excess", over);
            json.put(NAMES[i], at);
            excess = Math.max(excess, over);
        }
        json.put("excess", excess);
    }

    double excess() {
        return excess;
    }

    Map<String, Object> json() {
        return json;
    }

    private static int countUnder(double[] v, double threshold) {
        int n = 0;
        for (double x : v) {
            n += x < threshold ? 1 : 0;
        }
        return n;
    }

    private static double shareUnder(double[] v, double threshold) {
        return v.length == 0 ? 0 : countUnder(v, threshold) / (double) v.length;
    }
}
