package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Result;
import io.tabsynth.engine.stats.Range;
import io.tabsynth.engine.stats.TwoSample;
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
 * category coverage, and a detection score ({@link Detection}: can a classifier tell real from synthetic?),
 * none of which changes {@code score}.
 */
@Extension
public final class FidelityEvaluator implements Evaluator {
    static final double CORRELATION_THRESHOLD = 0.5;
    static final double ASSOCIATION_THRESHOLD = 0.3;

    @Override
    public String id() {
        return "fidelity";
    }

    @Override
    public Result evaluate(EvaluationInput input) {
        Frame real = input.real();
        Frame syn = input.synthetic();
        List<ColumnSpec> scored = ScoredColumns.of(input);
        Map<String, Object> columns = new LinkedHashMap<>();
        double shapeSum = 0;
        double missingSum = 0;
        double rangeSum = 0;
        int ranges = 0;
        double categorySum = 0;
        int categoryColumns = 0;
        for (ColumnSpec c : scored) {
            Map<String, Object> col = new LinkedHashMap<>();
            double shape;
            if (numeric(c)) {
                double[] r = real.numbers(c.name());
                double[] s = syn.numbers(c.name());
                shape = 1 - TwoSample.ks(r, s);
                col.put("metric", "KSComplement");
                double range = rangeCoverage(r, s);
                col.put("rangeCoverage", range);
                rangeSum += range;
                ranges++;
            } else {
                Codes codes = Codes.of(real, syn, c.name(), false);
                shape = 1 - Codes.totalVariation(codes.real(), codes.synthetic(), codes.levels());
                col.put("metric", "TVComplement");
                double coverage = categoryCoverage(codes);
                col.put("categoryCoverage", coverage);
                categorySum += coverage;
                categoryColumns++;
            }
            col.put("score", shape);
            double missing = 1 - Math.abs(real.missingRate(c.name()) - syn.missingRate(c.name()));
            col.put("missingValueSimilarity", missing);
            columns.put(c.name(), col);
            shapeSum += shape;
            missingSum += missing;
        }
        List<Object> pairs = new ArrayList<>();
        double allSum = 0;
        int all = 0;
        double metSum = 0;
        int met = 0;
        for (int a = 0; a < scored.size(); a++) {
            for (int b = a + 1; b < scored.size(); b++) {
                Map<String, Object> pair = pair(real, syn, scored.get(a), scored.get(b));
                pairs.add(pair);
                Object score = pair.get("score");
                if (score instanceof Double) {
                    allSum += (Double) score;
                    all++;
                    if (Boolean.TRUE.equals(pair.get("meetsThreshold"))) {
                        metSum += (Double) score;
                        met++;
                    }
                }
            }
        }
        double columnShapes = scored.isEmpty() ? 1 : shapeSum / scored.size();
        Double pairTrends = met == 0 ? null : metSum / met;
        Double allPairs = all == 0 ? null : allSum / all;
        double score = pairTrends == null ? columnShapes : (columnShapes + pairTrends) / 2;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("columnShapes", columnShapes);
        details.put("columnPairTrends", pairTrends);
        details.put("columnPairTrendsAllPairs", allPairs);
        details.put("pairsWithRelationship", met);
        details.put("pairsScored", all);
        details.put("missingValueSimilarity", scored.isEmpty() ? 1 : missingSum / scored.size());
        details.put("rangeCoverage", ranges == 0 ? null : rangeSum / ranges);
        details.put("categoryCoverage", categoryColumns == 0 ? null : categorySum / categoryColumns);
        details.put("detection", Detection.of(real, syn, input.schema()));
        details.put("columns", columns);
        details.put("pairs", pairs);
        return new Result(score, Map.of(), details);
    }

    private static Map<String, Object> pair(Frame real, Frame syn, ColumnSpec a, ColumnSpec b) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("column1", a.name());
        p.put("column2", b.name());
        if (numeric(a) && numeric(b)) {
            double r = TwoSample.pearson(real.numbers(a.name()), real.numbers(b.name()));
            double s = TwoSample.pearson(syn.numbers(a.name()), syn.numbers(b.name()));
            p.put("metric", "CorrelationSimilarity");
            p.put("score", Double.isNaN(r) || Double.isNaN(s) ? null : 1 - Math.abs(r - s) / 2);
            p.put("realCorrelation", Double.isNaN(r) ? null : r);
            p.put("syntheticCorrelation", Double.isNaN(s) ? null : s);
            p.put("meetsThreshold", !Double.isNaN(r) && Math.abs(r) > CORRELATION_THRESHOLD);
            return p;
        }
        Codes x = Codes.of(real, syn, a.name(), numeric(a));
        Codes y = Codes.of(real, syn, b.name(), numeric(b));
        double[] joint = new double[x.levels() * y.levels()];
        int n = x.real().length;
        for (int i = 0; i < n; i++) {
            joint[x.real()[i] * y.levels() + y.real()[i]] += 1.0 / n;
        }
        double association = cramersV(joint, x.levels(), y.levels(), n);
        int m = x.synthetic().length;
        for (int i = 0; i < m; i++) {
            joint[x.synthetic()[i] * y.levels() + y.synthetic()[i]] -= 1.0 / m;
        }
        double tv = 0;
        for (double d : joint) {
            tv += Math.abs(d);
        }
        p.put("metric", "ContingencySimilarity");
        p.put("score", 1 - 0.5 * tv);
        p.put("realAssociation", association);
        p.put("meetsThreshold", association > ASSOCIATION_THRESHOLD);
        return p;
    }

    /** Cramér's V of a joint share table with n rows: sqrt(χ² / (n · (min(r, c) − 1))) over non-empty rows and columns. */
    static double cramersV(double[] shares, int rows, int cols, int n) {
        double[] rowSum = new double[rows];
        double[] colSum = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowSum[i] += shares[i * cols + j];
                colSum[j] += shares[i * cols + j];
            }
        }
        int r = 0;
        int c = 0;
        for (double v : rowSum) {
            r += v > 0 ? 1 : 0;
        }
        for (double v : colSum) {
            c += v > 0 ? 1 : 0;
        }
        if (Math.min(r, c) < 2) {
            return 0;
        }
        double chi2 = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = rowSum[i] * colSum[j];
                if (e > 0) {
                    double d = shares[i * cols + j] - e;
                    chi2 += d * d / e;
                }
            }
        }
        return Math.sqrt(chi2 / (Math.min(r, c) - 1));
    }

    private static double rangeCoverage(double[] r, double[] s) {
        Range real = Range.of(r);
        Range syn = Range.of(s);
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

    private static boolean numeric(ColumnSpec c) {
        return c.kind().isNumeric();
    }
}
