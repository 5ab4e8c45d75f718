package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The warning lines {@code tabsynth evaluate} prints on standard error: one for every red finding an evaluator
 * listed under its {@code findings}, naming the metric, its value, the threshold it crossed and what that means.
 */
final class RedFindings {
    private RedFindings() {
    }

    /** One line per red finding of the report, in report order. */
    static List<String> lines(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.properties().forEach(section -> {
            for (JsonNode f : section.getValue().path("findings")) {
                if (f.path("level").asText().equals("red")) {
                    out.add(String.format(Locale.ROOT, "warning: %s = %s, red at %s: %s", f.path("metric").asText(),
                            readable(f.path("value").asDouble()), f.path("redWhen").asText(), f.path("why").asText()));
                }
            }
        });
        return out;
    }

    /** Four significant digits, without an exponent for ordinary values. */
    private static String readable(double v) {
        return Math.abs(v) < 1e-4 ? (v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v))
                : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
