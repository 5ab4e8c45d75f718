package io.tabsynth.engine.lineage;

import io.tabsynth.spi.privacy.Rational;
import java.util.Locale;
import java.util.Map;

/**
 * What a fit's signed record says about privacy, from its {@code results.privacy} (docs/privacy.md): a formal
 * differential-privacy guarantee (secure noise), none because the noise was seeded and can be recomputed, or none
 * because the generator is not differentially private at all.
 */
public enum FitPrivacy {
    /** (ε, δ)-differential privacy for each row: the fit drew its noise from the secure source. */
    DIFFERENTIAL_PRIVACY("differential privacy"),
    /** A differentially private generator asked for reproducible noise: anyone with the seed can remove it. */
    SEEDED_NOISE("none: seeded noise"),
    /** The generator is not differentially private: its output is covered by no ε. */
    NOT_PRIVATE("none: not differentially private");

    /** The key of a step's results that holds what a fit spent on privacy. */
    public static final String RESULT = "privacy";
    /** The noise source whose noise nobody can recompute. */
    public static final String SECURE_NOISE = "secure";

    private final String label;

    FitPrivacy(String label) {
        this.label = label;
    }

    /** How the budget ledger's table and JSON name it. */
    public String label() {
        return label;
    }

    /** The guarantee of a fit whose results hold {@code privacy} ({@code null} or empty: not private). */
    public static FitPrivacy of(Map<?, ?> privacy) {
        if (privacy == null || privacy.isEmpty()) {
            return NOT_PRIVATE;
        }
        return SECURE_NOISE.equals(String.valueOf(privacy.get("noise"))) ? DIFFERENTIAL_PRIVACY : SEEDED_NOISE;
    }

    /** The guarantee of a step, from its results. */
    public static FitPrivacy of(Step step) {
        return of(step.results().get(RESULT) instanceof Map<?, ?> m ? m : null);
    }

    /**
     * The guarantee in words, for {@code lineage show}: "(ε = 1, δ = 1e-06)-differential privacy for each row: ρ =
     * 0.0244 spent (zCDP), secure noise ..." or why there is no formal guarantee.
     */
    public static String inWords(Step step) {
        Object found = step.results().get(RESULT);
        Map<?, ?> privacy = found instanceof Map<?, ?> m ? m : Map.of();
        return switch (of(privacy)) {
            case DIFFERENTIAL_PRIVACY -> "(ε = " + number(privacy.get("epsilon")) + ", δ = " + number(privacy.get("delta"))
                    + ")-differential privacy for each row: zCDP ρ = " + number(rho(privacy.get("rho")))
                    + " spent, which is ε = " + number(privacy.get("epsilonSpent")) + " at that δ; noise drawn from the "
                    + "secure random source, so any one row's presence changes the probability of any output by at "
                    + "most a factor e^ε, except with probability δ";
            case SEEDED_NOISE -> "no formal privacy guarantee: " + step.extension() + " was asked for ε = "
                    + number(privacy.get("epsilon")) + ", δ = " + number(privacy.get("delta"))
                    + ", but its noise was seeded (noise=seeded), so anyone with the seed can recompute and remove it";
            case NOT_PRIVATE -> "no formal privacy guarantee: " + step.extension() + " is not differentially private";
        };
    }

    /** ρ as recorded, an exact fraction ("3/1000"), as a number. */
    private static Object rho(Object recorded) {
        try {
            return recorded == null ? null : Rational.parse(recorded.toString()).doubleValue();
        } catch (IllegalArgumentException e) {
            return recorded;
        }
    }

    /** A recorded number in 4 significant digits ({@link #shown}); "?" when the record has none. */
    private static String number(Object value) {
        if (!(value instanceof Number n)) {
            return value == null ? "?" : value.toString();
        }
        return shown(n.doubleValue());
    }

    /** A number in 4 significant digits ("1", "0.02441", "1e-06"), "-" for none (NaN), "inf" for infinity. */
    public static String shown(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(?=$|e)", "");
    }
}
