package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.fidelity.CodeBook;
import io.tabsynth.spi.fidelity.Codes;
import io.tabsynth.spi.fidelity.PairTrend;
import io.tabsynth.spi.fidelity.Quality;
import io.tabsynth.spi.stats.MinMax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Fidelity ({@code fidelity}), by the published SDMetrics QualityReport definitions:
 * <ul>
 *   <li>column shapes: KS complement (1 − two-sample Kolmogorov-Smirnov statistic) for numbers and
 *       datetimes, TV complement (1 − total variation distance of category shares) for categories and
 *       booleans; identifiers and free text are not scored;</li>
 *   <li>column pair trends: correlation similarity (1 − |ρ_real − ρ_synthetic| / 2, Pearson) for two numeric
 *       columns, contingency similarity (1 − total variation distance of the joint shares, numbers in 10
 *       equal-width bins, each side over its own range as SDMetrics 0.29 bins them; see {@link Codes})
 *       otherwise;</li>
 *   <li>{@code columnPairTrends} averages only pairs with a real relationship — |Pearson| &gt; 0.5 for two
 *       numeric columns, Cramér's V &gt; 0.3 otherwise — as SDMetrics 0.29 does by default;
 *       {@code columnPairTrendsAllPairs} averages every pair; {@code score} is the mean of column shapes and
 *       column pair trends.</li>
 * </ul>
 * Also reported: missing-value similarity (1 − |null share difference|), range coverage of numeric columns,
 * category coverage, a detection score ({@link Detection}: can a classifier tell real from synthetic?) and
 * relationship retention over every pair ({@link Relationships}), none of which changes {@code score};
 * {@code pairsScored} of {@code pairsTotal} pairs count in {@code score}, and {@code findings} warn when fewer than a
 * third do or when little of the real relationships is kept. The score itself is the engine's {@link Quality}, which generators also
 * use to pick a model on held-out rows.
 */
@Extension
public final class FidelityEvaluator implements Evaluator {
    /** Share of column pairs counted in {@code score} under which the report warns that it says little. */
    static final double FEW_PAIRS_SCORED = 1.0 / 3;
    /** Relationship retention under which fidelity is red. */
    static final double RELATIONSHIPS_RED = 0.4;
    /** Relationship retention under which fidelity is amber. */
    static final double RELATIONSHIPS_AMBER = 0.85;

    @Override
    public String id() {
        return "fidelity";
    }

    /** A finding on a value where lower is worse. */
    private static Finding lowIsBad(String metric, double value, double red, double amber, String why) {
        String level = value < red ? Finding.RED : value < amber ? Finding.AMBER : Finding.GREEN;
        return new Finding(metric, value, "<", red, level, why);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Result evaluate(EvaluationInput input) {
        Frame real = input.real();
        Frame syn = input.synthetic();
        List<ColumnSpec> scored = ScoredColumns.of(input);
        Map<String, Object> columns = new LinkedHashMap<>();
        List<Double> shapes = new ArrayList<>();
        double missingSum = 0;
        double rangeSum = 0;
        int ranges = 0;
        double categorySum = 0;
        int categoryColumns = 0;
        CodeBook book = new CodeBook(real, syn);
        for (ColumnSpec c : scored) {
            Map<String, Object> col = new LinkedHashMap<>();
            double shape;
            if (c.kind().isNumeric()) {
                shape = Quality.columnShape(book, c);
                col.put("metric", "KSComplement");
                double range = rangeCoverage(book.realNumbers(c.name()), book.syntheticNumbers(c.name()));
                col.put("rangeCoverage", range);
                rangeSum += range;
                ranges++;
            } else {
                col.put("metric", "TVComplement");
                Codes codes = book.codes(c);
                shape = Quality.categoryShape(codes);
                double coverage = categoryCoverage(codes);
                col.put("categoryCoverage", coverage);
                categorySum += coverage;
                categoryColumns++;
            }
            col.put("score", shape);
            double missing = 1 - Math.abs(real.missingRate(c.name()) - syn.missingRate(c.name()));
            col.put("missingValueSimilarity", missing);
            columns.put(c.name(), col);
            shapes.add(shape);
            missingSum += missing;
        }
        List<PairTrend> trends = new ArrayList<>();
        List<Object> pairs = new ArrayList<>();
        for (int a = 0; a < scored.size(); a++) {
            for (int b = a + 1; b < scored.size(); b++) {
                PairTrend t = PairTrend.of(book, scored.get(a), scored.get(b));
                trends.add(t);
                pairs.add(pairJson(scored.get(a), scored.get(b), t));
            }
        }
        Quality quality = Quality.of(shapes, trends);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("columnShapes", quality.columnShapes());
        details.put("columnPairTrends", quality.pairTrends());
        details.put("columnPairTrendsAllPairs", quality.allPairs());
        details.put("pairsWithRelationship", quality.pairsWithRelationship());
        // SDMetrics scores only the pairs whose real data shows a relationship: say how many that was
        details.put("pairsScored", quality.pairsWithRelationship());
        details.put("pairsTotal", quality.pairsScored());
        double scoredShare = quality.pairsScored() == 0 ? 1.0 : quality.pairsWithRelationship() / (double) quality.pairsScored();
        details.put("pairsScoredShare", scoredShare);
        Map<String, Object> relationships = Relationships.of(real, syn, scored);
        details.put("relationships", relationships);
        details.put("missingValueSimilarity", scored.isEmpty() ? 1 : missingSum / scored.size());
        details.put("rangeCoverage", ranges == 0 ? null : rangeSum / ranges);
        details.put("categoryCoverage", categoryColumns == 0 ? null : categorySum / categoryColumns);
        details.put("detection", Detection.of(real, syn, input.schema()));
        details.put("columns", columns);
        details.put("pairs", pairs);
        List<Finding> findings = new ArrayList<>();
        if (scoredShare < FEW_PAIRS_SCORED) {
            findings.add(new Finding("fidelity.pairsScoredShare", scoredShare, "<", FEW_PAIRS_SCORED, Finding.WARNING,
                    quality.pairsWithRelationship() + " of " + quality.pairsScored() + " column pairs reach SDMetrics' "
                            + "relationship threshold, so score says little about relationships: see fidelity.relationships"));
        }
        List<String> weakened = (List<String>) relationships.get("mostWeakened");
        findings.add(lowIsBad("fidelity.relationships.score", (Double) relationships.get("score"), RELATIONSHIPS_RED,
                RELATIONSHIPS_AMBER, "the synthetic data keeps little of the real relationships between columns"
                        + (weakened.isEmpty() ? "" : " (weakest: " + String.join(", ", weakened) + ")")));
        details.put("findings", Finding.json(findings));
        return new Result(quality.score(), Map.of(), details);
    }

    private static Map<String, Object> pairJson(ColumnSpec a, ColumnSpec b, PairTrend t) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("column1", a.name());
        p.put("column2", b.name());
        p.put("metric", t.metric());
        p.put("score", t.score());
        if (t.metric().equals("CorrelationSimilarity")) {
            p.put("realCorrelation", t.real());
            p.put("syntheticCorrelation", t.synthetic());
        } else {
            p.put("realAssociation", t.real());
        }
        p.put("meetsThreshold", t.meetsThreshold());
        return p;
    }

    private static double rangeCoverage(double[] r, double[] s) {
        MinMax real = MinMax.of(r);
        MinMax syn = MinMax.of(s);
        double rmin = real.min();
        double rmax = real.max();
        double smin = syn.min();
        double smax = syn.max();
        if (!(rmax > rmin)) {
            return smin <= rmin && smax >= rmax ? 1 : 0;
        }
        double overlap = Math.min(smax, rmax) - Math.max(smin, rmin);
        return Math.max(0, Math.min(1, overlap / (rmax - rmin)));
    }

    private static double categoryCoverage(Codes codes) {
        Set<Integer> realCats = new HashSet<>();
        for (int x : codes.real()) {
            realCats.add(x);
        }
        Set<Integer> seen = new HashSet<>();
        for (int x : codes.synthetic()) {
            if (realCats.contains(x)) {
                seen.add(x);
            }
        }
        return realCats.isEmpty() ? 1 : seen.size() / (double) realCats.size();
    }
}
