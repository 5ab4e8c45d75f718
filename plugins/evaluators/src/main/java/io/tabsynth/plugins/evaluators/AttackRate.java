package io.tabsynth.plugins.evaluators;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a privacy attack measured the Anonymeter way: its success rate on training rows, on control
 * rows (the holdout, which the generator never saw) and of a naive baseline, and the risk attributable to the
 * synthetic data, (train − control) / (1 − control), with a 95 % Wilson interval on the training rate.
 */
final class AttackRate {
    /** The key of the risk's lower 95 % bound, the figure the privacy score judges. */
    static final String RISK_LOW = "riskLowerBound";

    private AttackRate() {
    }

    /**
     * @param controlHits successes on control rows, fractional where the control made attacks of its own and this is its rate times {@code attacks}
     */
    static Map<String, Object> of(int attacks, int trainHits, double controlHits, int baselineHits) {
        double train = trainHits / (double) Math.max(1, attacks);
        double control = controlHits / (double) Math.max(1, attacks);
        double baseline = baselineHits / (double) Math.max(1, attacks);
        double[] ci = wilson(trainHits, attacks);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attacks", attacks);
        out.put("successRate", train);
        out.put("successRateInterval", ci);
        out.put("controlRate", control);
        out.put("baselineRate", baseline);
        out.put("risk", control >= 1 ? 0.0 : Math.max(0, (train - control) / (1 - control)));
        double[] riskCi = {control >= 1 ? 0 : Math.max(0, (ci[0] - control) / (1 - control)),
                control >= 1 ? 0 : Math.max(0, (ci[1] - control) / (1 - control))};
        out.put("riskInterval", riskCi);
        out.put(RISK_LOW, riskCi[0]);
        return out;
    }

    /** The 95 % Wilson score interval of a binomial proportion. */
    static double[] wilson(int hits, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959963984540054;
        double p = hits / (double) n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        // at no or every hit the bound on that side is the rate itself, which rounding would miss by a unit
        return new double[] {hits == 0 ? 0 : Math.max(0, centre - half), hits == n ? 1 : Math.min(1, centre + half)};
    }
}
