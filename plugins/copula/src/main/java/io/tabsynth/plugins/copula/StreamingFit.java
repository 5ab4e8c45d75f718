package io.tabsynth.plugins.copula;

import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Fits one Gaussian copula from data read in batches, in memory that does not grow with the rows. The first pass
 * feeds every column's {@link ColumnSummary}; the column models are made from the summaries as the in-memory fit
 * makes them from all values (numbers' quantiles from their sketch, so within its rank error); the second pass
 * turns each batch into normal scores by those models and accumulates their correlation ({@link ScoreSums}).
 * Category labels stay most frequent first (the in-memory fit may reorder them, {@link LabelOrder}, which needs
 * every row at once), and there is one copula, not a mixture. Deterministic: the same batches give the same model.
 */
final class StreamingFit {
    /** A continuous marginal is chosen from at most this many of its sketch's quantiles. */
    static final int MARGINAL_POINTS = 65_536;

    private StreamingFit() {
    }

    /** A column's model and how a batch's cells become its normal scores. */
    private record Streamed(ColumnModel model, Scorer scores, Scorer nullScores) {
    }

    /** The normal scores of one column's cells in a batch (NaN where a number is missing). */
    private interface Scorer {
        double[] of(Frame batch);
    }

    static CopulaModel fit(FrameBatches data, ColumnModels.Settings settings, Progress progress) {
        Schema schema = data.schema();
        List<ColumnSpec> specs = schema.columns();
        progress.start("fitting gaussian-copula on streamed batches", 2);
        List<ColumnSummary> summaries = new ArrayList<>();
        for (ColumnSpec spec : specs) {
            summaries.add(ColumnSummary.of(spec, settings.discreteLevels()));
        }
        try (FrameStream batches = data.open()) {
            while (batches.hasNext()) {
                Frame batch = batches.next();
                summaries.parallelStream().forEach(s -> s.add(batch));
            }
        }
        progress.advance(1);
        List<Streamed> columns = new ArrayList<>();
        for (ColumnSummary s : summaries) {
            columns.add(column(s, settings));
        }
        List<Scorer> dimensions = new ArrayList<>();
        List<ColumnModel> models = new ArrayList<>();
        for (Streamed c : columns) {
            models.add(c.model());
            if (c.scores() != null) {
                dimensions.add(c.scores());
            }
            if (c.nullScores() != null) {
                dimensions.add(c.nullScores());
            }
        }
        ScoreSums sums = new ScoreSums(dimensions.size());
        try (FrameStream batches = data.open()) {
            while (batches.hasNext()) {
                Frame batch = batches.next();
                double[][] scores = new double[dimensions.size()][];
                IntStream.range(0, scores.length).parallel().forEach(d -> scores[d] = dimensions.get(d).of(batch));
                sums.add(scores, batch.rowCount());
            }
        }
        CopulaModel model = new CopulaModel(schema, models, new CholeskyNormals(Correlation.repair(sums.latent())));
        progress.advance(1);
        progress.finish();
        return model;
    }

    private static Streamed column(ColumnSummary summary, ColumnModels.Settings settings) {
        ColumnSpec spec = summary.spec;
        if (summary instanceof ColumnSummary.Texts t) {
            ColumnModel m = spec.kind() == ColumnKind.IDENTIFIER ? IdentifierColumn.fit(spec, t.first)
                    : TextColumn.fit(spec, t.first);
            return new Streamed(m, null, null);
        }
        if (summary instanceof ColumnSummary.Categories c) {
            return categories(c);
        }
        return numbers((ColumnSummary.Numbers) summary, settings);
    }

    /** Labels most frequent first after the nulls, each row scored by the mean normal over its label's interval. */
    private static Streamed categories(ColumnSummary.Categories c) {
        List<Map.Entry<String, Long>> order = ColumnSummary.byFrequency(c);
        int m = order.size();
        String[] labels = new String[m];
        double[] probs = new double[m];
        long present = c.rows - c.nulls;
        double nullRate = c.nulls / (double) c.rows;
        double run = nullRate;
        Map<String, Double> score = new HashMap<>();
        for (int j = 0; j < m; j++) {
            labels[j] = order.get(j).getKey();
            probs[j] = order.get(j).getValue() / (double) present;
            double width = (1 - nullRate) * probs[j];
            score.put(labels[j], ColumnModels.intervalMean(run, run + width));
            run += width;
        }
        double nullScore = ColumnModels.intervalMean(0, nullRate);
        ColumnSpec spec = c.spec;
        Scorer scorer = batch -> {
            List<String> cells = ColumnSummary.labels(batch, spec);
            double[] z = new double[cells.size()];
            for (int i = 0; i < z.length; i++) {
                String label = cells.get(i);
                z[i] = label.isEmpty() ? nullScore : score.get(label);
            }
            return z;
        };
        return new Streamed(new CategoryColumn(spec, labels, probs, nullRate), scorer, null);
    }

    private static Streamed numbers(ColumnSummary.Numbers s, ColumnModels.Settings settings) {
        ColumnSpec spec = s.spec;
        long c = s.present();
        double nullRate = s.nulls / (double) s.rows;
        double min = c == 0 ? 0 : s.sketch.min();
        double max = c == 0 ? 0 : s.sketch.max();
        NumericOutput output = new NumericOutput(spec, NumericOutput.roundingFor(spec), min, max, settings.enforceMinMax());
        long distinct = s.distinct == null ? Long.MAX_VALUE : s.distinct.size();
        boolean wholeKind = spec.kind() == ColumnKind.INTEGER
                || (spec.kind() == ColumnKind.DATETIME && !DateTimeFormats.hasTime(spec.format()));
        boolean discrete = distinct <= 1 || (distinct <= settings.discreteLevels() && (wholeKind || distinct * 10 <= c));
        Scorer values;
        ColumnModel model;
        if (discrete) {
            int k = (int) distinct;
            double[] points = new double[k];
            double[] probs = new double[k];
            double[] scores = new double[k];
            long before = 0;
            int j = 0;
            for (Map.Entry<Double, Long> e : s.distinct.entrySet()) {
                points[j] = e.getKey();
                probs[j] = e.getValue() / (double) c;
                scores[j] = ColumnModels.intervalMean(before / (double) c, (before + e.getValue()) / (double) c);
                before += e.getValue();
                j++;
            }
            model = new DiscreteColumn(spec, points, probs, nullRate, output);
            values = batch -> {
                double[] v = ColumnModels.withoutNegativeZero(NumericOutput.values(batch, spec));
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(v[i]) ? Double.NaN : scores[java.util.Arrays.binarySearch(points, v[i])];
                }
                return v;
            };
        } else {
            QuantileSketch.Sorted view = s.sketch.sorted();
            int points = (int) Math.min(c, MARGINAL_POINTS);
            double[] quantiles = new double[points];
            for (int i = 0; i < points; i++) {
                quantiles[i] = view.orderStatistic(points == 1 ? 0 : (double) i * (c - 1) / (points - 1));
            }
            MarginalFit.Candidate chosen = MarginalFit.choose(quantiles, settings.marginals(), settings.knots(), c);
            model = new ContinuousColumn(spec, chosen.marginal(), nullRate, chosen.ks(), output);
            values = batch -> {
                double[] v = ColumnModels.withoutNegativeZero(NumericOutput.values(batch, spec));
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(v[i]) ? Double.NaN : score(view, v[i]);
                }
                return v;
            };
        }
        Scorer nulls = null;
        if (nullRate > 0) {
            double presentScore = ColumnModels.intervalMean(nullRate, 1);
            double nullScore = ColumnModels.intervalMean(0, nullRate);
            nulls = batch -> {
                double[] v = NumericOutput.values(batch, spec);
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(v[i]) ? nullScore : presentScore;
                }
                return v;
            };
        }
        return new Streamed(model, values, nulls);
    }

    /**
     * The normal score of x by the sketch: a value the sketch holds scores as its tie group does in the in-memory
     * fit (the mean normal over the probability its weight spans); a value between two the sketch holds gets the
     * interval of one value around its rank, interpolated between their mid-ranks.
     */
    static double score(QuantileSketch.Sorted view, double x) {
        double n = view.count();
        long[] below = view.below();
        double[] values = view.values();
        int i = view.find(x);
        if (i >= 0) {
            return ColumnModels.intervalMean(below[i] / n, below[i + 1] / n);
        }
        int right = -i - 1;
        double rank;
        if (right == 0) {
            rank = 0.5;
        } else if (right == values.length) {
            rank = n - 0.5;
        } else {
            int left = right - 1;
            double leftMid = (below[left] + below[left + 1]) / 2.0;
            double rightMid = (below[right] + below[right + 1]) / 2.0;
            rank = Interpolation.between(leftMid, rightMid, Interpolation.fraction(x, values[left], values[right]));
        }
        double lo = Math.max(0, rank - 0.5);
        double hi = Math.min(n, rank + 0.5);
        return ColumnModels.intervalMean(lo / n, hi / n);
    }
}
