package io.tabsynth.plugins.evaluators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One judged metric of a report: its dotted path, its value, the threshold at which it turns red, and the
 * level it reached ({@code green}, {@code amber} or {@code red}, or {@code warning} when the finding is about
 * what a score can say rather than about the data). Evaluators list their findings under {@code findings}, each
 * with a one-line {@code message}; {@code tabsynth evaluate} prints the message of every red finding and warning
 * on standard error.
 *
 * @param metric    the dotted path of the judged value in the report, e.g. {@code privacy.nearCopies.excess}
 * @param value     the value
 * @param op        how the value compares with the threshold when it is red: {@code >=} or {@code <}
 * @param threshold the value at which the finding turns red
 * @param level     {@code green}, {@code amber}, {@code red} or {@code warning}
 * @param why       what a red finding means, in a few words
 */
record Finding(String metric, double value, String op, double threshold, String level, String why) {
    static final String GREEN = "green";
    static final String AMBER = "amber";
    static final String RED = "red";
    static final String WARNING = "warning";
    private static final java.math.MathContext DIGITS = new java.math.MathContext(4);

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("value", value);
        out.put("level", level);
        out.put("redWhen", op + " " + readable(threshold));
        out.put("threshold", threshold);
        out.put("why", why);
        out.put("message", metric + " = " + readable(value) + ", " + (level.equals(WARNING) ? "warned at " : "red at ")
                + op + " " + readable(threshold) + ": " + why);
        return out;
    }

    /** Four significant digits, no exponent: 0.9968, 0.3333, 1, 0. */
    static String readable(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return Math.abs(v) < 1e-9 ? "0" : new java.math.BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    static List<Map<String, Object>> json(List<Finding> findings) {
        return findings.stream().map(Finding::json).toList();
    }
}
