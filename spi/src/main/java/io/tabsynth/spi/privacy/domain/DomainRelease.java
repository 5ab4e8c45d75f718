package io.tabsynth.spi.privacy.domain;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.privacy.CandidateGrid;
import io.tabsynth.spi.privacy.CategorySelection;
import io.tabsynth.spi.privacy.DpQuantile;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ShortRational;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * Releases the domain of each column that its kind does not make public, charged to one {@link ZcdpAccountant}:
 * a numeric column's bounds as its 2% and 98% DP quantiles (not 1% and 99%: the exponential mechanism tells the
 * cell of a quantile q from the hundreds of grid points beyond the data by about q·n ranks, and 2% of adult's
 * 26,048 rows give it twice the margin) on a public logarithmic grid, a categorical or free-text column's
 * categories by thresholded selection. A boolean column's domain is public. Every paid mechanism costs the same
 * ρ, given when the release is made: a DP quantile's ε = √(8ρ) (rounded down), a selection's σ² = 1/(2ρ) (rounded
 * up).
 *
 * <p>A domain declared public in the metadata file ({@link DeclaredDomain}) is taken as given and costs nothing:
 * values beyond declared bounds fall in the bound cells (they are written as the bound: clipped), values outside
 * declared categories in the cell of the rest.
 *
 * <p>Any differentially private generator can use it: {@link #calls} says how many mechanisms a column takes (to
 * plan the split before anything is read), {@link #release} releases one column's domain.
 */
public final class DomainRelease {
    static final double LOW_QUANTILE = 0.02;
    static final double HIGH_QUANTILE = 0.98;
    /** The public grid of candidate bounds: 0 and ± 10^-2 … 10^12, 20 points per decade (12% apart). */
    static final double[] GRID = CandidateGrid.logarithmic(1e-2, 1e12, 20);
    /** The mechanisms a numeric column's bounds take. */
    static final int NUMERIC_CALLS = 2;
    /** How a domain the metadata declares public is described. */
    public static final String DECLARED = "declared public";

    private final DpQuantile quantiles;
    private final CategorySelection selection;
    private final Rational rhoPerCall;
    private final double deltaPerSelection;
    private final int bins;
    private final Map<String, DeclaredDomain> declared;

    /**
     * @param rhoPerCall         ρ of each domain mechanism (each DP quantile, each selection)
     * @param deltaPerSelection  δ of each thresholded selection
     * @param bins               equal-width bins between a numeric column's bounds
     * @param declared           the domains declared public, by column name
     */
    public DomainRelease(ZcdpAccountant accountant, RandomBits bits, Rational rhoPerCall, double deltaPerSelection,
                         int bins, Map<String, DeclaredDomain> declared) {
        this.quantiles = new DpQuantile(accountant, bits);
        this.selection = new CategorySelection(accountant, bits);
        this.rhoPerCall = rhoPerCall;
        this.deltaPerSelection = deltaPerSelection;
        this.bins = bins;
        this.declared = Map.copyOf(declared);
    }

    /** How many mechanisms the column's domain takes when nothing about it is declared public. */
    public static int calls(ColumnSpec spec) {
        if (spec.kind().isNumeric()) {
            return NUMERIC_CALLS;
        }
        return spec.kind() == ColumnKind.BOOLEAN || spec.kind() == ColumnKind.IDENTIFIER ? 0 : 1;
    }

    /** How many mechanisms the column's domain takes given what is declared public ({@code null}: nothing). */
    public static int calls(ColumnSpec spec, DeclaredDomain declared) {
        return fits(spec, declared) ? 0 : calls(spec);
    }

    /** Whether the column's domain takes a thresholded selection given what is declared public. */
    public static boolean selects(ColumnSpec spec, DeclaredDomain declared) {
        return (spec.kind() == ColumnKind.CATEGORICAL || spec.kind() == ColumnKind.FREE_TEXT) && !fits(spec, declared);
    }

    /** Whether a declared domain serves the column: bounds for a number or datetime column, categories otherwise. */
    static boolean fits(ColumnSpec spec, DeclaredDomain declared) {
        if (declared == null) {
            return false;
        }
        return spec.kind().isNumeric() ? declared.hasBounds()
                : !declared.hasBounds() && (spec.kind() == ColumnKind.CATEGORICAL || spec.kind() == ColumnKind.FREE_TEXT);
    }

    /** ε of each DP quantile. */
    public Rational quantileEpsilon() {
        return ShortRational.below(Math.sqrt(8 * rhoPerCall.doubleValue()));
    }

    /** σ² of each thresholded selection. */
    public Rational selectionSigma2() {
        return ShortRational.above(1 / (2 * rhoPerCall.doubleValue()));
    }

    /** The released domain of column {@code column} (not an identifier column). */
    public ColumnDomain release(Frame data, int column) {
        ColumnSpec spec = data.schema().column(column);
        if (spec.kind() == ColumnKind.BOOLEAN) {
            return CategoryDomain.booleans(spec);
        }
        DeclaredDomain given = declared.get(spec.name());
        if (fits(spec, given)) {
            return spec.kind().isNumeric() ? new NumericDomain(spec, given.low(), given.high(), bins, DECLARED)
                    : new CategoryDomain(spec, given.categories(), true, DECLARED);
        }
        if (spec.kind().isNumeric()) {
            return releaseBounds(data, column);
        }
        return releaseCategories(data, column);
    }

    /** A numeric column's bounds, its 2% and 98% DP quantiles, and the bins between them. */
    public NumericDomain releaseBounds(Frame data, int column) {
        ColumnSpec spec = data.schema().column(column);
        double[] present = Arrays.stream(NumericDomain.numbers(data, column)).filter(v -> !Double.isNaN(v)).toArray();
        Rational epsilon = quantileEpsilon();
        double low = quantiles.release("the 2% quantile of column '" + spec.name() + "'", present, LOW_QUANTILE,
                GRID, epsilon);
        double high = quantiles.release("the 98% quantile of column '" + spec.name() + "'", present,
                HIGH_QUANTILE, GRID, epsilon);
        return new NumericDomain(spec, Math.min(low, high), Math.max(low, high), bins,
                "paid: 2% and 98% DP quantiles, epsilon " + epsilon + " each");
    }

    /** A categorical or free-text column's categories, by thresholded selection. */
    public CategoryDomain releaseCategories(Frame data, int column) {
        ColumnSpec spec = data.schema().column(column);
        Map<String, Long> counts = new HashMap<>();
        for (int r = 0; r < data.rowCount(); r++) {
            Object value = data.cell(column, r);
            if (value != null) {
                counts.merge(value.toString(), 1L, Long::sum);
            }
        }
        Rational sigma2 = selectionSigma2();
        SortedMap<String, Long> released = selection.release("the categories of column '" + spec.name() + "'",
                counts, sigma2, deltaPerSelection);
        long threshold = CategorySelection.threshold(sigma2, deltaPerSelection);
        return new CategoryDomain(spec, new ArrayList<>(released.keySet()), true,
                "paid: thresholded selection, sigma2 " + sigma2 + ", threshold " + threshold);
    }
}
