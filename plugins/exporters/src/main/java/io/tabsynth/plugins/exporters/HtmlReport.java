package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.chart.BarChart;
import io.tabsynth.spi.chart.Html;
import io.tabsynth.spi.chart.Readable;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.ReportExporter;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareCategories;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.stats.TwoSample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation report as one self-contained HTML page (no scripts, no network): the scores with each section's
 * verdict colour, the policy verdict, every judged metric of the privacy and fidelity evaluators green, amber or
 * red with the threshold at which it turns red, and plots as small inline SVG whose width follows the window:
 * real versus synthetic distribution of each column, correlation heatmaps of the numeric columns (real,
 * synthetic, difference), distance-to-closest-record histograms, fairness base rates per group and utility per
 * model. Numbers are rounded for reading ({@link Readable}).
 */
@org.pf4j.Extension
public final class HtmlReport implements ReportExporter {
    private static final int MAX_COLUMNS = 40;
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:80em;margin:2em auto;padding:0 1em}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
            + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,24em),1fr));gap:1em}"
            + ".plot svg{width:100%;height:auto;display:block}.pass,.green .level,.level.green{color:#1a7f37}.fail,.red .level,.level.red{color:#c62828}"
            + ".amber .level,.level.amber{color:#b26a00}.warning .level,.level.warning{color:#8a5a00}"
            + "tr.green{background:#e9f6ec}tr.amber{background:#fff4e0}tr.red{background:#fde8e8}tr.warning{background:#fff8d6}"
            + ".level{font-weight:bold;text-transform:uppercase}</style>";
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
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>tabsynth evaluation</title>")
                .append(STYLE).append("</head><body>\n<h1>Synthetic data evaluation</h1>\n");
        h.append("<p>").append(String.format(Locale.ROOT, "%,d real rows, %,d synthetic rows", data.real().rowCount(),
                data.synthetic().rowCount()));
        if (data.holdout() != null) {
            h.append(String.format(Locale.ROOT, ", %,d holdout rows", data.holdout().rowCount()));
        }
        h.append(".</p>\n<h2>Scores</h2>\n<table><tr><th>section</th><th>score</th><th>verdict</th></tr>\n");
        report.properties().forEach(e -> {
            if (!e.getKey().equals("policy")) {
                JsonNode s = e.getValue().path("score");
                String level = Verdicts.weakest(e.getValue().path("findings"));
                h.append("<tr").append(level == null ? "" : " class=\"" + level + "\"").append("><td>").append(esc(e.getKey()))
                        .append("</td><td>").append(s.isNumber() ? Readable.number(s.asDouble()) : "-")
                        .append("</td><td class=\"level\">").append(level == null ? "" : level).append("</td></tr>\n");
            }
        });
        h.append("</table>\n");
        policy(h, report.path("policy"));
        fidelity(h, report.path("fidelity"), data);
        privacy(h, report.path("privacy"));
        utility(h, report.path("utility"));
        fairness(h, report.path("fairness"));
        h.append("<p><small>Written by tabsynth.</small></p>\n</body></html>\n");
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
            JsonNode actual = c.path("actual");
            h.append("<tr><td>").append(esc(c.path("check").asText())).append("</td><td>")
                    .append(actual.isNull() ? "none: " + esc(c.path("reason").asText())
                            : actual.isNumber() ? Readable.number(actual.asDouble()) : esc(actual.asText()))
                    .append("</td><td class=\"").append(ok ? "pass\">pass" : "fail\">fail").append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void fidelity(StringBuilder h, JsonNode f, EvaluationInput data) {
        if (f.isMissingNode()) {
            return;
        }
        h.append("<h2 id=\"fidelity\">Fidelity").append(headline(f.path("findings"))).append("</h2>\n<table>");
        for (String k : new String[] {"score", "columnShapes", "columnPairTrends", "columnPairTrendsAllPairs",
                "missingValueSimilarity", "rangeCoverage", "categoryCoverage"}) {
            row(h, k, f.path(k));
        }
        if (f.path("pairsScored").isNumber()) {
            h.append("<tr><td>column pairs with a relationship SDMetrics scores</td><td>").append(f.path("pairsScored").asText())
                    .append(f.path("pairsTotal").isNumber() ? " of " + f.path("pairsTotal").asText() : "").append("</td></tr>");
        }
        row(h, "relationship retention (weighted by real strength)", f.path("relationships").path("score"));
        row(h, "detection AUC (0.5 = indistinguishable)", f.path("detection").path("auc"));
        h.append("</table>\n");
        Verdicts.table(h, f.path("findings"));
        h.append("<h3>Column distributions, real versus synthetic</h3>\n<div class=\"grid\">\n");
        int shown = 0;
        for (ColumnSpec c : data.schema().columns()) {
            if (shown++ >= MAX_COLUMNS || c.kind() == ColumnKind.IDENTIFIER || c.kind() == ColumnKind.FREE_TEXT) {
                continue;
            }
            JsonNode col = f.path("columns").path(c.name());
            String title = c.name() + (col.path("score").isNumber()
                    ? " (" + col.path("metric").asText() + " " + Readable.number(col.path("score").asDouble()) + ")" : "");
            h.append(figure(c.kind().isNumeric() ? histogram(title, data.real(), data.synthetic(), c.name())
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
                    .append(figure(HeatMap.svg("real", numeric, r))).append(figure(HeatMap.svg("synthetic", numeric, s)))
                    .append(figure(HeatMap.svg("synthetic − real", numeric, d))).append("</div>\n");
        }
    }

    private static void privacy(StringBuilder h, JsonNode p) {
        if (p.isMissingNode()) {
            return;
        }
        h.append("<h2 id=\"privacy\">Privacy").append(headline(p.path("findings"))).append("</h2>\n");
        if (p.path("note").isTextual()) {
            h.append("<p>").append(esc(p.path("note").asText())).append("</p>\n");
        }
        Verdicts.table(h, p.path("findings"));
        h.append("<table>");
        row(h, "score (the weakest protection)", p.path("score"));
        row(h, "exact copies of training rows (over the scored columns)", p.path("exactMatches"));
        row(h, "share of rows not learned that equal a training row by chance", p.path("exactMatchBaseline"));
        row(h, "synthetic rows with a value only one training row has", p.path("uniqueValueReplay").path("rows"));
        row(h, "membership inference AUC (0.5 = no leak)", p.path("membershipInferenceAuc"));
        row(h, "share of synthetic rows closer to train than to holdout", p.path("dcr").path("shareCloserToTrain"));
        row(h, "the same share for a generator that learned no rows", p.path("dcr").path("shareExpected"));
        row(h, "singling out risk (lower bound)", p.path("singlingOut").path("riskLowerBound"));
        row(h, "linkability risk (lower bound)", p.path("linkability").path("riskLowerBound"));
        row(h, "attribute inference risk (lower bound)", p.path("attributeInference").path("riskLowerBound"));
        row(h, "k-anonymity of synthetic rows over the quasi-identifiers", p.path("kAnonymity").path("syntheticK"));
        h.append("</table>\n");
        JsonNode hist = p.path("dcr").path("histogram");
        if (hist.isObject()) {
            List<String> labels = new ArrayList<>();
            JsonNode edges = hist.path("edges");
            for (int i = 0; i + 1 < edges.size(); i++) {
                labels.add(Readable.number(edges.get(i).asDouble()));
            }
            h.append("<div class=\"grid\">\n").append(figure(new BarChart("Distance to closest training record", "distance", labels)
                    .add("synthetic", numbers(hist.path("syntheticToTrain")))
                    .add("holdout (baseline)", numbers(hist.path("holdoutToTrain"))).svg())).append("</div>\n");
        }
    }

    private static void utility(StringBuilder h, JsonNode u) {
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
        h.append("<div class=\"grid\">\n").append(figure(new BarChart(regression ? "R² on the real holdout" : "F1 on the real holdout",
                "model", models).add("trained on synthetic", syn).add("trained on real", real).svg())).append("</div>\n");
    }

    private static void fairness(StringBuilder h, JsonNode f) {
        if (f.isMissingNode() || !f.path("protected").isObject()) {
            return;
        }
        h.append("<h2 id=\"fairness\">Fairness: base rate of ").append(esc(f.path("positiveClass").asText())).append(" per group</h2>\n")
                .append("<div class=\"grid\">\n");
        for (var col : (Iterable<Map.Entry<String, JsonNode>>) f.path("protected").properties()::iterator) {
            List<String> groups = new ArrayList<>();
            List<Number> real = new ArrayList<>();
            List<Number> syn = new ArrayList<>();
            List<Number> compared = new ArrayList<>();
            col.getValue().path("groups").properties().forEach(g -> {
                groups.add(g.getKey());
                real.add(g.getValue().path("realBaseRate").asDouble(0));
                syn.add(g.getValue().path("syntheticBaseRate").asDouble(0));
                compared.add(g.getValue().path("comparedBaseRate").asDouble(0));
            });
            boolean withCompared = col.getValue().has("comparedDisparateImpact");
            String title = col.getKey() + ": disparate impact " + Readable.number(col.getValue().path("realDisparateImpact").asDouble())
                    + " real, " + Readable.number(col.getValue().path("syntheticDisparateImpact").asDouble()) + " synthetic"
                    + (withCompared ? ", " + Readable.number(col.getValue().path("comparedDisparateImpact").asDouble())
                    + " compared (--compare)" : "");
            BarChart chart = new BarChart(title, col.getKey(), groups).add("real", real).add("synthetic", syn);
            h.append(figure((withCompared ? chart.add("compared", compared) : chart).svg()));
        }
        h.append("</div>\n");
    }

    /** The section's headline colour: its weakest finding's level, or nothing without findings. */
    private static String headline(JsonNode findings) {
        String level = Verdicts.weakest(findings);
        return level == null ? "" : ": <span class=\"" + level + " level\">" + level + "</span>";
    }

    private static void row(StringBuilder h, String label, JsonNode v) {
        if (v.isNumber()) {
            h.append("<tr><td>").append(esc(label)).append("</td><td>").append(Readable.number(v.asDouble())).append("</td></tr>");
        }
    }

    private static String histogram(String title, Frame real, Frame syn, String column) {
        double[] r = values(real, column);
        Bins bins = real.schema().column(column).kind() == ColumnKind.DATETIME ? Bins.ofDays(r) : Bins.of(r);
        return new BarChart(bins.logScale() ? title + ", log scale" : title, bins.logScale() ? column + " (log scale)" : column,
                bins.labels()).logValues(bins.logScale()).add("real", bins.shares(r)).add("synthetic", bins.shares(values(syn, column)))
                .svg();
    }

    /**
     * The most frequent real categories, real versus synthetic; categories fewer than {@code minCount} real rows
     * hold are shown together as one bar, "(N rare values)", so the chart names no rare real value.
     */
    private static String categories(String title, Frame real, Frame syn, String column) {
        Map<String, Integer> realCounts = counts(real, column);
        Set<String> rare = RareCategories.of(realCounts, RareValues.DEFAULT_MIN_COUNT);
        String rareLabel = RareCategories.label(rare.size());
        Map<String, Double> r = shares(realCounts, real.rowCount(), rare, rareLabel);
        Map<String, Double> s = shares(counts(syn, column), syn.rowCount(), rare, rareLabel);
        List<String> top = r.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(Map.Entry::getKey).toList();
        return new BarChart(title, column, top).add("real", top.stream().map(k -> r.getOrDefault(k, 0.0)).toList())
                .add("synthetic", top.stream().map(k -> s.getOrDefault(k, 0.0)).toList()).svg();
    }

    private static Map<String, Integer> counts(Frame f, String column) {
        Map<String, Integer> out = new HashMap<>();
        int col = f.schema().indexOf(column);
        for (int r = 0; r < f.rowCount(); r++) {
            String v = CellText.of(f, col, r);
            out.merge(v == null ? "(missing)" : v.strip(), 1, Integer::sum);
        }
        return out;
    }

    /** Each category's share of the rows, the rare real categories summed under {@code rareLabel}. */
    private static Map<String, Double> shares(Map<String, Integer> counts, int rows, Set<String> rare, String rareLabel) {
        Map<String, Double> out = new HashMap<>();
        counts.forEach((category, n) -> out.merge(rare.contains(category) ? rareLabel : category, n / (double) rows, Double::sum));
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
                v[r] = io.tabsynth.spi.data.ArrowFrames.toMicros(f.datetimes(column).get(r)) / 86_400e6;
            } else {
                v[r] = Double.parseDouble(CellText.of(f, col, r));
            }
        }
        return v;
    }

    private static String figure(String svg) {
        return "<div class=\"plot\">" + svg + "</div>\n";
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
