package io.tabsynth.plugins.copula;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.privacy.domain.CategoryDomain;
import io.tabsynth.spi.privacy.domain.ColumnDomain;
import io.tabsynth.spi.privacy.domain.NumericDomain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One column of a differentially private copula, made from its released domain and the noisy counts of its cells
 * (post-processing: nothing here reads the data but the row's own cell). Noisy counts below zero count as zero, and
 * a noisy count of missing values below {@link #MISSING_FLOOR_SIGMAS} standard deviations of the noise as zero; the
 * missing cell's share is the column's null rate. The column model and its copula dimensions' scores follow from
 * the shares alone:
 *
 * <ul>
 *   <li>a numeric column whose cells hold single whole values is a {@link DiscreteColumn} over them; otherwise a
 *   {@link ContinuousColumn} whose quantile function is piecewise linear through the bins (uniform within a bin),
 *   with an atom at each bound for the cells at or beyond it; its null dimension exists when the missing share is
 *   above zero;</li>
 *   <li>a categorical, free-text or boolean column is a {@link CategoryColumn} over its released categories, most
 *   frequent first; the cell of the categories not released gives its share to the released ones in proportion
 *   (so sampling writes only released categories).</li>
 * </ul>
 *
 * A row's score in a dimension is the mean of a standard normal over the interval its cell takes on that dimension's
 * axis under the shares ({@link ColumnModels#intervalMean}), 0 where it has no value (a missing number).
 *
 * @param model           the column's model
 * @param scores          its value dimension's score per row
 * @param meanSquare      the mean square of {@code scores} under the shares
 * @param nullScores      its null dimension's score per row, or null when it has none
 * @param nullMeanSquare  the mean square of {@code nullScores} under the shares
 */
record PrivateColumn(ColumnModel model, double[] scores, double meanSquare, double[] nullScores,
                     double nullMeanSquare) {

    /**
     * A noisy count of missing values below this many standard deviations of the noise counts as none: a column
     * with no missing value would otherwise get a null dimension and a few missing values about half the time.
     */
    static final double MISSING_FLOOR_SIGMAS = 3;

    /**
     * The column of a released domain, given each row's cell, the noisy count of every cell and the noise's
     * standard deviation.
     */
    static PrivateColumn of(ColumnDomain domain, int[] cells, long[] noisy, double noiseSd,
                            ColumnModels.Settings settings) {
        double[] counts = new double[noisy.length];
        for (int c = 0; c < noisy.length; c++) {
            counts[c] = Math.max(0, noisy[c]);
        }
        int missing = domain.missingCell();
        if (counts[missing] < MISSING_FLOOR_SIGMAS * noiseSd) {
            counts[missing] = 0;
        }
        double present = 0;
        for (int c = 0; c < missing; c++) {
            present += counts[c];
        }
        double total = present + counts[missing];
        double nullRate = total > 0 ? counts[missing] / total : 0;
        double[] shares = new double[missing];
        for (int c = 0; c < missing; c++) {
            // with no noisy count above zero the shares say nothing: every cell alike
            shares[c] = present > 0 ? counts[c] / present : 1.0 / missing;
        }
        if (domain instanceof NumericDomain numeric) {
            return numeric(numeric, cells, shares, nullRate, settings);
        }
        return categories((CategoryDomain) domain, cells, shares, nullRate);
    }

    private static PrivateColumn numeric(NumericDomain domain, int[] cells, double[] shares, double nullRate,
                                         ColumnModels.Settings settings) {
        ColumnSpec spec = domain.spec();
        NumericOutput output = new NumericOutput(spec, NumericOutput.roundingFor(spec), domain.low(), domain.high(),
                settings.enforceMinMax());
        ColumnModel model;
        if (domain.unitCells()) {
            double[] values = new double[shares.length];
            for (int c = 0; c < values.length; c++) {
                values[c] = domain.low() + c;
            }
            model = new DiscreteColumn(spec, values, shares, nullRate, output);
        } else {
            model = new ContinuousColumn(spec, new Marginal.Empirical(knots(domain, shares, settings.knots())),
                    nullRate, Double.NaN, output);
        }
        double[] cellScores = intervalScores(shares);
        double[] scores = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            scores[i] = cells[i] == domain.missingCell() ? 0 : cellScores[cells[i]];
        }
        double meanSquare = (1 - nullRate) * meanSquare(shares, cellScores);
        if (!(nullRate > 0)) {
            return new PrivateColumn(model, scores, meanSquare, null, 0);
        }
        double[] gate = {nullRate, 1 - nullRate};
        double[] gateScores = intervalScores(gate);
        double[] nullScores = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            nullScores[i] = gateScores[cells[i] == domain.missingCell() ? 0 : 1];
        }
        return new PrivateColumn(model, scores, meanSquare, nullScores, meanSquare(gate, gateScores));
    }

    /**
     * Knots of the quantile function at probabilities 0, 1/(k − 1), …, 1: the low bound for the share of its cell,
     * then each bin's share spread evenly over its width, then the high bound.
     */
    static double[] knots(NumericDomain domain, double[] shares, int count) {
        double width = (domain.high() - domain.low()) / domain.between();
        double[] knots = new double[count];
        int cell = 0;
        double before = 0;
        for (int j = 0; j < count; j++) {
            double u = (double) j / (count - 1);
            while (cell < shares.length - 1 && before + shares[cell] < u) {
                before += shares[cell];
                cell++;
            }
            if (cell == 0) {
                knots[j] = domain.low();
            } else if (cell == shares.length - 1) {
                knots[j] = domain.high();
            } else {
                double within = shares[cell] > 0 ? Math.max(0, Math.min(1, (u - before) / shares[cell])) : 0;
                knots[j] = domain.low() + (cell - 1 + within) * width;
            }
        }
        return knots;
    }

    private static PrivateColumn categories(CategoryDomain domain, int[] cells, double[] shares, double nullRate) {
        List<String> categories = domain.categories();
        int released = categories.size();
        double releasedShare = 0;
        for (int k = 0; k < released; k++) {
            releasedShare += shares[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < released; k++) {
            order.add(k);
        }
        order.sort(Comparator.<Integer>comparingDouble(k -> -shares[k]).thenComparing(categories::get));
        String[] labels = new String[released];
        double[] probabilities = new double[released];
        // the axis the scores use: null first, the released categories in the model's order, then the rest
        double[] axis = new double[shares.length + 1];
        int[] position = new int[shares.length + 1];
        axis[0] = nullRate;
        for (int j = 0; j < released; j++) {
            int k = order.get(j);
            labels[j] = categories.get(k);
            probabilities[j] = releasedShare > 0 ? shares[k] / releasedShare : 1.0 / released;
            axis[1 + j] = (1 - nullRate) * shares[k];
            position[k] = 1 + j;
        }
        for (int k = released; k < shares.length; k++) {
            axis[1 + k] = (1 - nullRate) * shares[k];
            position[k] = 1 + k;
        }
        position[domain.missingCell()] = 0;
        // no category released: every sampled value is missing
        ColumnModel model = new CategoryColumn(domain.spec(), labels, probabilities, released == 0 ? 1 : nullRate);
        double[] axisScores = intervalScores(axis);
        double[] scores = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            scores[i] = axisScores[position[cells[i]]];
        }
        return new PrivateColumn(model, scores, meanSquare(axis, axisScores), null, 0);
    }

    /** The mean of a standard normal over each share's interval, the shares laid end to end from 0. */
    private static double[] intervalScores(double[] shares) {
        double[] scores = new double[shares.length];
        double run = 0;
        for (int c = 0; c < shares.length; c++) {
            double end = c == shares.length - 1 ? 1 : Math.min(1, run + shares[c]);
            scores[c] = ColumnModels.intervalMean(run, end);
            run = end;
        }
        return scores;
    }

    /** Σ share·score²: the mean square of the scores under the shares. */
    private static double meanSquare(double[] shares, double[] scores) {
        double sum = 0;
        for (int c = 0; c < shares.length; c++) {
            sum += shares[c] * scores[c] * scores[c];
        }
        return sum;
    }
}
