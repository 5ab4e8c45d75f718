package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.chart.Html;
import io.tabsynth.spi.chart.Readable;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The judged metrics of one report section ({@code findings} of the privacy and fidelity evaluators) as a table:
 * each metric with its value, its level as a colour (green, amber, red, or a warning about what a score can say)
 * and the threshold at which it turns red. The weakest level of a section is its headline colour.
 */
final class Verdicts {
    static final String GREEN = "green";
    static final String AMBER = "amber";
    static final String RED = "red";
    static final String WARNING = "warning";
    private static final List<String> WORST_LAST = List.of(GREEN, WARNING, AMBER, RED);

    private Verdicts() {
    }

    /** The weakest level among the findings, or {@code null} when there are none. */
    static String weakest(JsonNode findings) {
        String worst = null;
        for (JsonNode f : findings) {
            String level = f.path("level").asText();
            if (WORST_LAST.contains(level) && (worst == null || WORST_LAST.indexOf(level) > WORST_LAST.indexOf(worst))) {
                worst = level;
            }
        }
        return worst;
    }

    /** The findings as an HTML table, or nothing when there are none. */
    static void table(StringBuilder h, JsonNode findings) {
        if (!findings.isArray() || findings.isEmpty()) {
            return;
        }
        h.append("<table class=\"verdicts\"><tr><th>metric</th><th>value</th><th>verdict</th><th>red when</th><th>meaning</th></tr>\n");
        for (JsonNode f : findings) {
            String level = f.path("level").asText();
            h.append("<tr class=\"").append(Html.escape(level)).append("\"><td>").append(Html.escape(f.path("metric").asText()))
                    .append("</td><td>").append(Readable.number(f.path("value").asDouble(Double.NaN)))
                    .append("</td><td class=\"level\">").append(Html.escape(level))
                    .append("</td><td>").append(Html.escape(redWhen(f)))
                    .append("</td><td>").append(Html.escape(f.path("why").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** The comparison and threshold, e.g. {@code >= 0.1}, with the threshold rounded for reading. */
    private static String redWhen(JsonNode f) {
        String text = f.path("redWhen").asText();
        int space = text.indexOf(' ');
        String op = space > 0 ? text.substring(0, space) : text;
        return f.path("threshold").isNumber() ? op + " " + Readable.number(f.path("threshold").asDouble()) : text;
    }
}
