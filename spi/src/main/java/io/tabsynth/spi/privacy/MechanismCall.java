package io.tabsynth.spi.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One use of a mechanism on the real data, as the accountant and a lineage record keep it.
 *
 * @param mechanism   which mechanism: {@link #DISCRETE_GAUSSIAN}, {@link #EXPONENTIAL} or {@link #CATEGORY_SELECTION}
 * @param touched     what it read, in words a reader of the ledger understands ("counts of column 'age' in 20 bins")
 * @param sensitivity how much one person changes the query (ℓ2 for Gaussian noise, the utility's range for the
 *                    exponential mechanism), under add/remove-one neighbours
 * @param sigma2      the discrete Gaussian's σ², or null for a mechanism without one
 * @param epsilon     the exponential mechanism's ε, or null for a mechanism without one
 * @param rho         the zCDP cost
 * @param delta       the δ of approximate zCDP (only thresholded selection has one; 0 otherwise)
 * @param noise       the source of the random bits: "secure" or "seeded" (see {@link RandomBits})
 */
public record MechanismCall(String mechanism, String touched, Rational sensitivity, Rational sigma2,
                            Rational epsilon, Rational rho, double delta, String noise) {
    public static final String DISCRETE_GAUSSIAN = "discrete-gaussian";
    public static final String EXPONENTIAL = "exponential";
    public static final String CATEGORY_SELECTION = "thresholded-category-selection";

    public MechanismCall {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(touched, "touched");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(rho, "rho");
        Objects.requireNonNull(noise, "noise");
        if (rho.signum() < 0 || !(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("a mechanism costs rho >= 0 and 0 <= delta < 1: " + rho + ", " + delta);
        }
    }

    /** The fields in a fixed order, rationals as exact text: ready for a lineage record's JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mechanism", mechanism);
        out.put("touched", touched);
        out.put("sensitivity", sensitivity.toString());
        if (sigma2 != null) {
            out.put("sigma2", sigma2.toString());
        }
        if (epsilon != null) {
            out.put("epsilon", epsilon.toString());
        }
        out.put("rho", rho.toString());
        out.put("delta", delta);
        out.put("noise", noise);
        return out;
    }
}
