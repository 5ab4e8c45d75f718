package io.tabsynth.shell.notebook;

import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.shell.workbench.Report;
import io.tabsynth.shell.workbench.Sample;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * HTML views of workbench values for notebooks: frames and samples as tables, reports as a score table
 * followed by the evaluation's HTML report (with its SVG plots), verifications as a verdict, lineage trees
 * as preformatted text. Used by the headless notebook runner and by the Jupyter kernel alike.
 */
public final class Rich {
    private static final int ROWS = 10;

    private Rich() {
    }

    /** A snippet's result as a notebook shows it: always plain text, HTML where there is a richer view. */
    public record Rendering(String plain, String html) {
    }

    /**
     * How a cell's last result is shown, from JShell's text of it ({@code value}) and the object itself, or
     * {@code null} when there is nothing to show (a statement, or {@code System.out}'s own value).
     */
    public static Rendering render(String value, Object object) {
        if (value == null || object instanceof java.io.PrintStream) {
            return null;
        }
        return new Rendering(object != null ? String.valueOf(object) : value, html(object));
    }

    /** The HTML view of a value, or {@code null} when plain text says it all. */
    static String html(Object value) {
        if (value instanceof io.tabsynth.shell.workbench.Workbench.Text t) {
            return "<pre class=\"lineage\">" + esc(t.text()) + "</pre>";
        }
        if (value instanceof Frame f) {
            return table(f, f.rowCount() + " rows × " + f.columnCount() + " columns");
        }
        if (value instanceof Sample s) {
            return table(s.frame(), "sample of " + s.rowCount() + " rows");
        }
        if (value instanceof Report r) {
            return report(r);
        }
        if (value instanceof Verification v) {
            return v.ok() ? "<p style=\"color:#1a7f37\">✔ lineage verified: " + v.records() + " records</p>"
                    : "<p style=\"color:#c62828\">✘ lineage FAILED: " + esc(String.join("; ", v.problems())) + "</p>";
        }
        return null;
    }

    static String table(Frame f, String caption) {
        StringBuilder h = new StringBuilder("<table class=\"frame\"><caption>").append(esc(caption)).append("</caption><thead><tr>");
        f.schema().columns().forEach(c -> h.append("<th title=\"").append(c.kind().jsonName()).append("\">")
                .append(esc(c.name())).append("</th>"));
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < Math.min(ROWS, f.rowCount()); r++) {
            h.append("<tr>");
            for (int c = 0; c < f.columnCount(); c++) {
                h.append("<td>").append(f.isMissing(c, r) ? "<i>missing</i>" : esc(CellText.of(f, c, r))).append("</td>");
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    private static String report(Report r) {
        StringBuilder h = new StringBuilder("<table class=\"scores\"><thead><tr><th>section</th><th>score</th></tr></thead><tbody>");
        r.json().fields().forEachRemaining(e -> {
            if (e.getValue().path("score").isNumber()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td></tr>", esc(e.getKey()),
                        e.getValue().path("score").asDouble()));
            }
        });
        if (r.json().has("policy")) {
            h.append("<tr><td>policy</td><td>").append(r.passed() ? "passed" : "FAILED").append("</td></tr>");
        }
        h.append("</tbody></table>");
        try {
            String page = Files.readString(r.html());
            int start = page.indexOf("<body");
            int end = page.lastIndexOf("</body>");
            if (start >= 0 && end > start) {
                String head = page.contains("<style>") ? page.substring(page.indexOf("<style>"), page.indexOf("</style>") + 8) : "";
                h.append("<details><summary>full report with plots</summary>").append(head)
                        .append(page, page.indexOf('>', start) + 1, end).append("</details>");
            }
        } catch (IOException ignored) {
            // the score table stands alone when the report file is gone
        }
        return h.toString();
    }

    /** {@code s} with HTML's special characters escaped. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
