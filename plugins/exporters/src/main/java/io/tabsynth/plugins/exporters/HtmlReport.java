package io.tabsynth.plugins.exporters;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.ReportExporter;
import io.tabsynth.engine.stats.Range;
import io.tabsynth.engine.stats.TwoSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The evaluation report as one self-contained HTML page (no scripts, no network): the scores and policy
 * verdict as tables, and plots drawn with XChart as inline SVG: real versus synthetic distribution of each
 * column, correlation heatmaps of the numeric columns (real, synthetic, difference), distance-to-closest-record
 * histograms, fairness base rates per group and utility per model.
 */
@org.pf4j.Extension
public final class HtmlReport implements ReportExporter {
    private static final int MAX_COLUMNS = 40;
    private static final int BINS = 20;
    private static final int TOP = 12;

    @Override
    public String id() {
        return "html";
    }

    @Override
    public List<String> formats() {
        return List.of("html", "htm");
    }

    @Override
    public void export(JsonNode report, EvaluationInput data, OutputStream out) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tabsynth evaluation</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:1em}.pass{color:#1a7f37}.fail{color:#c62828}svg{max-width:100%;height:auto}")
                .append("</style></head><body>\n<h1>Synthetic data evaluation</h1>\n");
        h.append("<p>").append(String.format(Locale.ROOT, "%,d real rows, %,d synthetic rows", data.real().rowCount(),
                data.synthetic().rowCount()));
        if (data.holdout() != null) {
            h.append(String.format(Locale.ROOT, ", %,d holdout rows", data.holdout().rowCount()));
        }
        h.append(".</p>\n<h2>Scores</h2>\n<table><tr><th>section</th><th>score</th></tr>\n");
        report.properties().forEach(e -> {
            if (!e.getKey().equals("policy")) {
                JsonNode s = e.getValue().path("score");
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
                        .append(s.isNumber() ? String.format(Locale.ROOT, "%.4f", s.asDouble()) : "-").append("</td></tr>\n");
            }
        });
        h.append("</table>\n");
        policy(h, report.path("policy"));
        fidelity(h, report.path("fidelity"), data);
        privacy(h, report.path("privacy"));
        utility(h, report.path("utility"));
        fairness(h, report.path("fairness"));
        h.append("<p><small>Written by tabsynth. Plots drawn with XChart.</small></p>\n</body></html>\n");
        out.write(h.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void policy(StringBuilder h, JsonNode policy) {
        if (policy.isMissingNode()) {
            return;
        }
        boolean passed = policy.path("passed").asBoolean();
        h.append("<h2>Policy: <span class=\"").append(passed ? "pass\">passed" : "fail\">FAILED").append("</span></h2>\n<table>")
                .append("<tr><th>check</th><th>actual</th><th></th></tr>\n");
        for (JsonNode c : policy.path("checks")) {
            boolean ok = c.path("passed").asBoolean();
            h.append("<tr><td>").append(esc(c.path("check").asText())).append("</td><td>")
                    .append(c.path("actual").isNull() ? "none: " + esc(c.path("reason").asText()) : esc(c.path("actual").asText()))
                    .append("</td><td class=\"").append(ok ? "pass\">pass" : "fail\">fail").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fidelity(StringBuilder h, JsonNode f, EvaluationInput data) throws IOException {
        if (f.isMissingNode()) {
            return;
        }
        h.append("<h2 id=\"fidelity\">Fidelity</h2>\n<table>");
        for (String k : new String[] {"score", "columnShapes", "columnPairTrends", "columnPairTrendsAllPairs",
                "missingValueSimilarity", "rangeCoverage", "categoryCoverage"}) {
            if (f.path(k).isNumber()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td></tr>", k, f.path(k).asDouble()));
            }
        }
        if (f.path("detection").path("auc").isNumber()) {
            h.append(String.format(Locale.ROOT, "<tr><td>detection AUC (0.5 = indistinguishable)</td><td>%.4f</td></tr>",
                    f.path("detection").path("auc").asDouble()));
        }
        h.append("</table>\n<h3>Column distributions, real versus synthetic</h3>\n<div class=\"grid\">\n");
        int shown = 0;
        for (ColumnSpec c : data.schema().columns()) {
            if (shown++ >= MAX_COLUMNS || c.kind() == ColumnKind.IDENTIFIER || c.kind() == ColumnKind.FREE_TEXT) {
                continue;
            }
            JsonNode col = f.path("columns").path(c.name());
            String title = c.name() + (col.path("score").isNumber()
                    ? String.format(Locale.ROOT, " (%s %.3f)", col.path("metric").asText(), col.path("score").asDouble()) : "");
            h.append(svg(c.kind().isNumeric() ? histogram(title, data.real(), data.synthetic(), c.name())
                    : categories(title, data.real(), data.synthetic(), c.name())));
        }
        h.append("</div>\n");
        List<String> numeric = new ArrayList<>();
        data.schema().columns().stream().filter(c -> c.kind().isNumeric()).limit(MAX_COLUMNS).forEach(c -> numeric.add(c.name()));
        if (numeric.size() >= 2) {
            double[][] r = correlations(data.real(), numeric);
            double[][] s = correlations(data.synthetic(), numeric);
            double[][] d = new double[r.length][r.length];
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    d[i][j] = s[i][j] - r[i][j];
                }
            }
            h.append("<h3 id=\"correlations\">Correlations of numeric columns (Pearson)</h3>\n<div class=\"grid\">\n")
                    .append(svg(heatmap("real", numeric, r))).append(svg(heatmap("synthetic", numeric, s)))
                    .append(svg(heatmap("synthetic − real", numeric, d))).append("</div>\n");
        }
    }

    private static void privacy(StringBuilder h, JsonNode p) throws IOException {
        if (p.isMissingNode()) {
            return;
        }
        h.append("<h2 id=\"privacy\">Privacy</h2>\n<table>");
        row(h, "score", p.path("score"));
        row(h, "exact copies of training rows (over the scored columns)", p.path("exactMatches"));
        row(h, "share of rows not learned that equal a training row by chance", p.path("exactMatchBaseline"));
        row(h, "synthetic rows with a value only one training row has", p.path("uniqueValueReplay").path("rows"));
        row(h, "membership inference AUC (0.5 = no leak)", p.path("membershipInferenceAuc"));
        row(h, "share of synthetic rows closer to train than to holdout (no memorisation: train / (train + holdout))", p.path("dcr").path("shareCloserToTrain"));
        row(h, "attribute inference risk", p.path("attributeInference").path("risk"));
        row(h, "k-anonymity of synthetic rows over the quasi-identifiers", p.path("kAnonymity").path("syntheticK"));
        h.append("</table>\n");
        JsonNode hist = p.path("dcr").path("histogram");
        if (hist.isObject()) {
            List<String> labels = new ArrayList<>();
            JsonNode edges = hist.path("edges");
            for (int i = 0; i + 1 < edges.size(); i++) {
                labels.add(String.format(Locale.ROOT, "%.3f", edges.get(i).asDouble()));
            }
            CategoryChart c = bars("Distance to closest training record", "distance", "share of rows");
            c.addSeries("synthetic", labels, numbers(hist.path("syntheticToTrain")));
            c.addSeries("holdout (baseline)", labels, numbers(hist.path("holdoutToTrain")));
            c.getStyler().setXAxisLabelRotation(60);
            h.append(svg(c));
        }
    }

    private static void utility(StringBuilder h, JsonNode u) throws IOException {
        if (u.isMissingNode() || !u.path("models").isObject()) {
            return;
        }
        h.append("<h2 id=\"utility\">Utility: ").append(esc(u.path("task").asText())).append(" of ").append(esc(u.path("target").asText()))
                .append("</h2>\n");
        boolean regression = u.path("task").asText().equals("regression");
        List<String> models = new ArrayList<>();
        List<Number> syn = new ArrayList<>();
        List<Number> real = new ArrayList<>();
        u.path("models").properties().forEach(e -> {
            models.add(e.getKey());
            syn.add(e.getValue().path(regression ? "syntheticR2" : "syntheticF1").asDouble());
            real.add(e.getValue().path(regression ? "realR2" : "realF1").asDouble());
        });
        CategoryChart c = bars(regression ? "R² on the real holdout" : "F1 on the real holdout", "model", regression ? "R²" : "F1");
        c.addSeries("trained on synthetic", models, syn);
        c.addSeries("trained on real", models, real);
        h.append(svg(c));
    }

    private static void fairness(StringBuilder h, JsonNode f) throws IOException {
        if (f.isMissingNode() || !f.path("protected").isObject()) {
            return;
        }
        h.append("<h2 id=\"fairness\">Fairness: base rate of ").append(esc(f.path("positiveClass").asText())).append(" per group</h2>\n")
                .append("<div class=\"grid\">\n");
        for (var col : (Iterable<Map.Entry<String, JsonNode>>) f.path("protected").properties()::iterator) {
            List<String> groups = new ArrayList<>();
            List<Number> real = new ArrayList<>();
            List<Number> syn = new ArrayList<>();
            col.getValue().path("groups").properties().forEach(g -> {
                groups.add(g.getKey());
                real.add(g.getValue().path("realBaseRate").asDouble(0));
                syn.add(g.getValue().path("syntheticBaseRate").asDouble(0));
            });
            CategoryChart c = bars(String.format(Locale.ROOT, "%s: disparate impact %.3f real, %.3f synthetic", col.getKey(),
                    col.getValue().path("realDisparateImpact").asDouble(), col.getValue().path("syntheticDisparateImpact").asDouble()),
                    col.getKey(), "base rate");
            c.addSeries("real", groups, real);
            c.addSeries("synthetic", groups, syn);
            h.append(svg(c));
        }
        h.append("</div>\n");
    }

    private static void row(StringBuilder h, String label, JsonNode v) {
        if (v.isNumber()) {
            h.append("<tr><td>").append(esc(label)).append("</td><td>")
                    .append(v.isIntegralNumber() ? v.asText() : String.format(Locale.ROOT, "%.4f", v.asDouble())).append("</td></tr>");
        }
    }

    private static CategoryChart histogram(String title, Frame real, Frame syn, String column) {
        double[] r = values(real, column);
        double[] s = values(syn, column);
        Range range = Range.of(r);
        double min = range.min();
        double max = range.max();
        if (!(max > min)) {
            max = min + 1;
        }
        double width = (max - min) / BINS;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            labels.add(CellText.number(Math.round((min + i * width) * 100) / 100.0));
        }
        CategoryChart c = bars(title, column, "share of rows");
        c.addSeries("real", labels, binShares(r, min, width));
        c.addSeries("synthetic", labels, binShares(s, min, width));
        c.getStyler().setXAxisLabelRotation(60);
        return c;
    }

    private static List<Number> binShares(double[] v, double min, double width) {
        double[] counts = new double[BINS];
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                counts[Math.max(0, Math.min(BINS - 1, (int) ((x - min) / width)))]++;
                n++;
            }
        }
        List<Number> out = new ArrayList<>();
        for (double c : counts) {
            out.add(n == 0 ? 0 : c / n);
        }
        return out;
    }

    private static CategoryChart categories(String title, Frame real, Frame syn, String column) {
        Map<String, Double> r = shares(real, column);
        Map<String, Double> s = shares(syn, column);
        List<String> top = r.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(TOP).map(Map.Entry::getKey).toList();
        CategoryChart c = bars(title, column, "share of rows");
        c.addSeries("real", top, top.stream().map(k -> (Number) r.getOrDefault(k, 0.0)).toList());
        c.addSeries("synthetic", top, top.stream().map(k -> (Number) s.getOrDefault(k, 0.0)).toList());
        c.getStyler().setXAxisLabelRotation(45);
        return c;
    }

    private static Map<String, Double> shares(Frame f, String column) {
        Map<String, Double> out = new HashMap<>();
        int col = f.schema().indexOf(column);
        for (int r = 0; r < f.rowCount(); r++) {
            String v = CellText.of(f, col, r);
            out.merge(v == null ? "(missing)" : v.strip(), 1.0 / f.rowCount(), Double::sum);
        }
        return out;
    }

    private static double[][] correlations(Frame f, List<String> columns) {
        double[][] v = new double[columns.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = values(f, columns.get(i));
        }
        double[][] r = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                double x = i == j ? 1 : TwoSample.pearson(v[i], v[j]);
                r[i][j] = Double.isNaN(x) ? 0 : x;
            }
        }
        return r;
    }

    private static HeatMapChart heatmap(String title, List<String> names, double[][] m) {
        HeatMapChart c = new HeatMapChartBuilder().width(460).height(420).title(title).build();
        c.getStyler().setShowValue(m.length <= 8);
        c.getStyler().setMin(-1);
        c.getStyler().setMax(1);
        c.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(0x2166ac), java.awt.Color.WHITE,
                new java.awt.Color(0xb2182b)});
        c.getStyler().setXAxisLabelRotation(45);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                cells.add(new Number[] {i, j, Math.round(m[i][j] * 100) / 100.0});
            }
        }
        c.addSeries("r", names, names, cells);
        return c;
    }

    private static CategoryChart bars(String title, String x, String y) {
        CategoryChart c = new CategoryChartBuilder().width(460).height(340).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
        return c;
    }

    private static List<Number> numbers(JsonNode array) {
        List<Number> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static double[] values(Frame f, String column) {
        int col = f.schema().indexOf(column);
        double[] v = new double[f.rowCount()];
        ColumnKind kind = f.schema().column(column).kind();
        for (int r = 0; r < v.length; r++) {
            if (f.isMissing(col, r)) {
                v[r] = Double.NaN;
            } else if (kind == ColumnKind.DATETIME) {
                v[r] = io.tabsynth.engine.data.ArrowFrames.toMicros(f.datetimes(column).get(r)) / 86_400e6;
            } else {
                v[r] = Double.parseDouble(CellText.of(f, col, r));
            }
        }
        return v;
    }

    /** The chart as inline SVG (without the XML prolog). */
    private static String svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String s = out.toString(StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        return "<div>" + (start >= 0 ? s.substring(start) : s) + "</div>\n";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
