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
 * Categorical columns' labels are ordered as the in-memory fit orders them ({@link LabelOrder}), from tables the
 * second pass gathers instead of the rows ({@link StreamedLabelSums}), from which the correlation is then found;
 * there is one copula, not a mixture. Deterministic: the same batches give the same model.
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
        int dims = 0;
        for (Streamed c : columns) {
            dims += (c.scores() != null ? 1 : 0) + (c.nullScores() != null ? 1 : 0);
        }
        long rows = summaries.isEmpty() ? 0 : summaries.get(0).rows;
        // the categorical columns whose labels are ordered as in memory, and the dimensions no order changes
        List<Integer> ordered = new ArrayList<>();
        List<CategoryCounts> orderedCounts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < summaries.size(); c++) {
            if (summaries.get(c).spec.kind() == ColumnKind.CATEGORICAL && dims < rows) {
                CategoryCounts counts = CategoryCounts.of((ColumnSummary.Categories) summaries.get(c));
                labels.add(counts.size());
                if (LabelOrder.reorderable(counts, dims) && StreamedLabelSums.cells(labels, dims) <= StreamedLabelSums.MAX_CELLS) {
                    ordered.add(c);
                    orderedCounts.add(counts);
                } else {
                    labels.remove(labels.size() - 1);
                }
            }
        }
        List<Scorer> fixed = new ArrayList<>();
        List<Integer> fixedAt = new ArrayList<>();
        int[] orderedAt = new int[ordered.size()];
        List<ColumnModel> models = new ArrayList<>();
        int d = 0;
        for (int c = 0; c < columns.size(); c++) {
            Streamed s = columns.get(c);
            models.add(s.model());
            if (s.scores() != null) {
                if (ordered.contains(c)) {
                    orderedAt[ordered.indexOf(c)] = d;
                } else {
                    fixed.add(s.scores());
                    fixedAt.add(d);
                }
                d++;
            }
            if (s.nullScores() != null) {
                fixed.add(s.nullScores());
                fixedAt.add(d);
                d++;
            }
        }
        ScoreSums sums = new ScoreSums(fixed.size());
        StreamedLabelSums tables = new StreamedLabelSums(ordered.stream().map(c -> specs.get(c)).toList(),
                orderedCounts, fixed.size());
        try (FrameStream batches = data.open()) {
            while (batches.hasNext()) {
                Frame batch = batches.next();
                double[][] scores = new double[fixed.size()][];
                IntStream.range(0, scores.length).parallel().forEach(f -> scores[f] = fixed.get(f).of(batch));
                sums.add(scores, batch.rowCount());
                tables.add(batch, scores);
            }
        }
        double[][] latent;
        if (ordered.isEmpty()) {
            latent = sums.latent();
        } else {
            int[][] orders = LabelOrder.orders(orderedCounts, tables.fixedSums(sums), tables);
            for (int i = 0; i < orders.length; i++) {
                if (orders[i] != null) {
                    models.set(ordered.get(i), tables.layout(i, orders[i]).model());
                }
            }
            latent = tables.all(dims, sums, fixedAt.stream().mapToInt(Integer::intValue).toArray(), orders, orderedAt)
                    .latent();
        }
        CopulaModel model = new CopulaModel(schema, models, new CholeskyNormals(Correlation.repair(latent)));
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
        CategoryCounts counts = CategoryCounts.of(c);
        ColumnModels.Layout layout = ColumnModels.layout(c.spec, counts, counts.frequencyOrder());
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < counts.size(); k++) {
            index.put(counts.label(k), k);
        }
        ColumnSpec spec = c.spec;
        Scorer scorer = batch -> {
            List<String> cells = ColumnSummary.labels(batch, spec);
            double[] z = new double[cells.size()];
            for (int i = 0; i < z.length; i++) {
                String label = cells.get(i);
                z[i] = layout.score(label.isEmpty() ? CategoryCounts.NULL : index.get(label));
            }
            return z;
        };
        return new Streamed(layout.model(), scorer, null);
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
