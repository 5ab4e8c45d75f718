package io.tabsynth.plugins.evaluators;

/**
 * One component of the privacy score: a harm measured in the report (a share of copies, an attack's risk, an
 * AUC) turned into a protection in [0, 1] on one common scale. The protection is 1 at the harmless value, falls
 * linearly, is {@link #RED_BELOW} exactly at the component's red threshold and 0 at twice the distance. So a red
 * component (protection under 0.5) is a red privacy score, which is the smallest protection: no number of calm
 * components can outvote one alarm.
 *
 * @param metric   the dotted path of the measured value in the report
 * @param value    the measured value
 * @param harmless the value a generator that learned no individual rows gives
 * @param red      the value at which the component turns red (above {@code harmless})
 * @param twoSided whether a departure below {@code harmless} counts too (an AUC under 0.5 is an inverted attack)
 * @param why      what a red value means
 */
record Protection(String metric, double value, double harmless, double red, boolean twoSided, String why) {
    /** Protection under which a component, and the privacy score, is red. */
    static final double RED_BELOW = 0.5;
    /** Protection under which a component is amber. */
    static final double AMBER_BELOW = 0.9;

    static Protection oneSided(String metric, double value, double red, String why) {
        return new Protection(metric, value, 0, red, false, why);
    }

    /** The protection in [0, 1]. */
    double protection() {
        double departure = twoSided ? Math.abs(value - harmless) : Math.max(0, value - harmless);
        return Math.max(0, Math.min(1, 1 - RED_BELOW * departure / (red - harmless)));
    }

    Finding finding() {
        double p = protection();
        String level = p < RED_BELOW ? Finding.RED : p < AMBER_BELOW ? Finding.AMBER : Finding.GREEN;
        String text = twoSided ? "departs from " + harmless + " by at least " + (red - harmless) : null;
        return new Finding(metric, value, twoSided && value < harmless ? "<=" : ">=",
                twoSided && value < harmless ? 2 * harmless - red : red, level, text == null ? why : why + " (" + text + ")");
    }
}
