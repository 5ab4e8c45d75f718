package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.stats.Normal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;

/**
 * Fits the model of one column and computes its normal scores for the copula's correlation. A real value
 * occupies an interval of probability in the column's order (its tie group, or its category); its score is
 * the mean of a standard normal conditioned on that interval, E[Z | Φ⁻¹(lo) < Z < Φ⁻¹(hi)]. For continuous
 * columns that is the usual normal score of the rank; for discrete ones the correlation of such scores
 * understates the latent correlation by the scores' standard deviation, which {@link Correlation#latent}
 * corrects (the polyserial correction). Fitting involves no randomness.
 */
final class ColumnModels {
    /**
     * A column's model, its normal scores per real row ({@code null} outside the copula; NaN where a numeric
     * value is missing), the scores of its missingness dimension ({@code null} if it has none) and, for a
     * categorical column, its label counts, from which {@link LabelOrder} may lay its labels out anew
     * ({@code null} otherwise).
     */
    record Fitted(ColumnModel model, double[] scores, double[] nullScores, CategoryCounts categories) {
    }

    /** The generator's parameters that shape column models. */
    record Settings(String marginals, int knots, int discreteLevels, boolean enforceMinMax) {
    }

    private ColumnModels() {
    }

    static Fitted fit(Frame data, ColumnSpec spec, Settings s) {
        switch (spec.kind()) {
            case IDENTIFIER:
                return new Fitted(IdentifierColumn.fit(spec, data.strings(spec.name()).asList()), null, null, null);
            case FREE_TEXT:
                return new Fitted(TextColumn.fit(spec, data.strings(spec.name()).asList()), null, null, null);
            case CATEGORICAL:
                return categories(spec, data.strings(spec.name()).asList());
            case BOOLEAN: {
                BooleanColumn b = data.booleans(spec.name());
                List<String> labels = new ArrayList<>(b.size());
                for (int i = 0; i < b.size(); i++) {
                    labels.add(b.isMissing(i) ? "" : Boolean.toString(b.get(i)));
                }
                return categories(spec, labels);
            }
            default:
                return numeric(spec, withoutNegativeZero(NumericOutput.values(data, spec)), s);
        }
    }

    private static Fitted categories(ColumnSpec spec, List<String> cells) {
        CategoryCounts counts = CategoryCounts.of(cells);
        Fitted f = categories(spec, counts, counts.frequencyOrder());
        // a boolean's two values gain nothing from another order: only categorical columns are rearranged
        return spec.kind() == ColumnKind.CATEGORICAL ? f : new Fitted(f.model(), f.scores(), null, null);
    }

    /**
     * A category column's model with its labels laid on the latent axis in an order, each label's normal score (by
     * its index in the counts) and the nulls' score.
     */
    record Layout(CategoryColumn model, double[] scores, double nullScore) {
        /** The score of a label index, or of a null for {@link CategoryCounts#NULL}. */
        double score(int k) {
            return k == CategoryCounts.NULL ? nullScore : scores[k];
        }
    }

    /**
     * The labels laid on the latent axis in {@code order} (label indices of {@code counts}), nulls first; a row's
     * normal score is the mean of the normal over its label's interval.
     */
    static Layout layout(ColumnSpec spec, CategoryCounts counts, int[] order) {
        int n = counts.rows();
        int m = order.length;
        String[] labels = new String[m];
        double[] probs = new double[m];
        double[] score = new double[m];
        int present = n - counts.nulls();
        double nullRate = counts.nulls() / (double) n;
        double run = nullRate;
        for (int j = 0; j < m; j++) {
            int k = order[j];
            labels[j] = counts.label(k);
            probs[j] = counts.count(k) / (double) present;
            double width = (1 - nullRate) * probs[j];
            score[k] = intervalMean(run, run + width);
            run += width;
        }
        return new Layout(new CategoryColumn(spec, labels, probs, nullRate), score, intervalMean(0, nullRate));
    }

    /** A category column with its labels laid out in {@code order} ({@link #layout}), and each row's normal score. */
    static Fitted categories(ColumnSpec spec, CategoryCounts counts, int[] order) {
        Layout layout = layout(spec, counts, order);
        double[] z = new double[counts.rows()];
        for (int i = 0; i < z.length; i++) {
            z[i] = layout.score(counts.code(i));
        }
        return new Fitted(layout.model(), z, null, counts);
    }

    private static Fitted numeric(ColumnSpec spec, double[] v, Settings s) {
        int n = v.length;
        double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        int c = sorted.length;
        double nullRate = (n - c) / (double) n;
        int decimals = NumericOutput.roundingFor(spec);
        double min = c == 0 ? 0 : sorted[0];
        double max = c == 0 ? 0 : sorted[c - 1];
        NumericOutput output = new NumericOutput(spec, decimals, min, max, s.enforceMinMax());
        int distinct = 0;
        for (int i = 0; i < c; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        boolean wholeKind = spec.kind() == ColumnKind.INTEGER
                || (spec.kind() == ColumnKind.DATETIME && !DateTimeFormats.hasTime(spec.format()));
        boolean discrete = distinct <= 1 || (distinct <= s.discreteLevels() && (wholeKind || distinct * 10 <= c));
        ColumnModel model;
        if (discrete) {
            double[] values = new double[distinct];
            double[] probs = new double[distinct];
            int j = -1;
            for (int i = 0; i < c; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    values[++j] = sorted[i];
                }
                probs[j] += 1.0 / c;
            }
            model = new DiscreteColumn(spec, values, probs, nullRate, output);
        } else {
            MarginalFit.Candidate chosen = MarginalFit.choose(sorted, s.marginals(), s.knots());
            model = new ContinuousColumn(spec, chosen.marginal(), nullRate, chosen.ks(), output);
        }
        // One score per distinct value (its tie group's interval), then a lookup per row.
        double[] distinctValues = new double[distinct];
        double[] distinctScores = new double[distinct];
        for (int i = 0, j = 0; i < c; j++) {
            int end = i + 1;
            while (end < c && sorted[end] == sorted[i]) {
                end++;
            }
            distinctValues[j] = sorted[i];
            distinctScores[j] = intervalMean(i / (double) c, end / (double) c);
            i = end;
        }
        double[] z = new double[n];
        double[] nullZ = nullRate > 0 ? new double[n] : null;
        double presentScore = intervalMean(nullRate, 1);
        double nullScore = intervalMean(0, nullRate);
        for (int i = 0; i < n; i++) {
            z[i] = Double.isNaN(v[i]) ? Double.NaN : distinctScores[Arrays.binarySearch(distinctValues, v[i])];
            if (nullZ != null) {
                nullZ[i] = Double.isNaN(v[i]) ? nullScore : presentScore;
            }
        }
        return new Fitted(model, z, nullZ, null);
    }

    /**
     * The values with -0.0 made 0.0: the two are equal under {@code ==}, which groups ties, but sorting and
     * binary search order -0.0 before 0.0, so a column holding both would have a tie group that the lookup of
     * its scores cannot find.
     */
    static double[] withoutNegativeZero(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                v[i] = 0.0;
            }
        }
        return v;
    }

    /** E[Z | Φ⁻¹(lo) < Z < Φ⁻¹(hi)] for a standard normal Z; 0 for an empty interval. */
    static double intervalMean(double lo, double hi) {
        if (!(hi > lo)) {
            return 0;
        }
        return (density(Normal.quantile(lo)) - density(Normal.quantile(hi))) / (hi - lo);
    }

    private static double density(double z) {
        return Double.isInfinite(z) ? 0 : Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    static ColumnModel fromJson(ColumnSpec spec, JsonNode o) {
        String model = o.path("model").asText();
        switch (model) {
            case "categories":
                return CategoryColumn.fromJson(spec, o);
            case "discrete":
                return DiscreteColumn.fromJson(spec, o);
            case "continuous":
                return ContinuousColumn.fromJson(spec, o);
            case "identifier":
                return IdentifierColumn.fromJson(spec, o);
            case "text":
                return TextColumn.fromJson(spec, o);
            default:
                throw new IllegalArgumentException("column '" + spec.name() + "': unknown column model '" + model + "'");
        }
    }

    /** The number of values strictly below x in a sorted array. */
    static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of values at or below x in a sorted array. */
    static int upperBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asText();
        }
        return out;
    }
}
