package io.tabsynth.plugins.evaluators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One judged metric of a report: its dotted path, its value, the threshold at which it turns red, and the
 * level it reached ({@code green}, {@code amber} or {@code red}). Evaluators list their findings under
 * {@code findings}; {@code tabsynth evaluate} prints every red one as a warning.
 *
 * @param metric    the dotted path of the judged value in the report, e.g. {@code privacy.nearCopies.excess}
 * @param value     the value
 * @param op        how the value compares with the threshold when it is red: {@code >=} or {@code <}
 * @param threshold the value at which the finding turns red
 * @param level     {@code green}, {@code amber} or {@code red}
 * @param why       what a red finding means, in a few words
 */
record Finding(String metric, double value, String op, double threshold, String level, String why) {
    static final String GREEN = "green";
    static final String AMBER = "amber";
    static final String RED = "red";

    boolean red() {
        return level.equals(RED);
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric);
        out.put("value", value);
        out.put("level", level);
        out.put("redWhen", op + " " + threshold);
        out.put("threshold", threshold);
        out.put("why", why);
        return out;
    }

    static List<Map<String, Object>> json(List<Finding> findings) {
        return findings.stream().map(Finding::json).toList();
    }
}
