package io.tabsynth.plugins.dp;

import io.tabsynth.spi.privacy.domain.CategoryDomain;
import io.tabsynth.spi.privacy.domain.ColumnDomain;
import io.tabsynth.spi.privacy.domain.DomainRelease;
import io.tabsynth.spi.privacy.domain.NumericDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Warnings about domains paid from the budget that came out useless, as they do on small tables or at a small ε,
 * judged from the fitted marginals only (post-processing, nothing more is read):
 * <ul>
 *   <li>numeric bounds far wider than the values need: one equal-width bin between them holds at least
 *       {@link #ONE_BIN_SHARE} of the column's present values, so the bins describe nothing (a DP quantile that
 *       could not tell the data from the grid's far candidates released a bound orders of magnitude out);</li>
 *   <li>a categorical column of which selection released no category, so every value written is missing;</li>
 *   <li>a categorical column whose unreleased cell (the categories selection dropped as too rare at this ε) holds at
 *       least {@link #DROPPED_SHARE} of its present values by the fitted marginal: those rows are written as
 *       released categories, so a real category of that size may be missing from the output. How many categories
 *       were dropped is not released (it would cost budget), only the share of rows they hold.</li>
 * </ul>
 * Each names the column and says what to do: declare the domain public in the metadata file, or raise ε.
 */
final class DomainWarnings {
    /** The share of a column's present values in one bin that marks its bounds as far too wide. */
    static final double ONE_BIN_SHARE = 0.9;
    /** The share of a column's present values in categories selection dropped that is worth a warning. */
    static final double DROPPED_SHARE = 0.05;

    private DomainWarnings() {
    }

    /**
     * @param domains every modelled column's domain
     * @param oneWay  every modelled column's fitted distribution over its cells
     */
    static List<String> of(List<ColumnDomain> domains, double[][] oneWay) {
        List<String> warnings = new ArrayList<>();
        for (int m = 0; m < domains.size(); m++) {
            ColumnDomain d = domains.get(m);
            if (d.source().equals(DomainRelease.DECLARED) || !d.source().startsWith("paid")) {
                continue;
            }
            String column = "column '" + d.spec().name() + "': ";
            if (d instanceof NumericDomain numeric) {
                double present = 1 - oneWay[m][d.missingCell()];
                for (int cell = 0; cell < d.size(); cell++) {
                    if (numeric.isBin(cell) && present > 0 && oneWay[m][cell] >= ONE_BIN_SHARE * present) {
                        warnings.add(String.format(Locale.ROOT, "%sthe bounds paid from the budget, %.4g and %.4g, are "
                                + "far wider than its values need (one bin holds %.0f%% of them); declare its "
                                + "\"bounds\" in the metadata file or raise epsilon", column, numeric.low(),
                                numeric.high(), 100 * oneWay[m][cell] / present));
                        break;
                    }
                }
            } else if (d instanceof CategoryDomain categorical && categorical.categories().isEmpty()) {
                warnings.add(column + "category selection released no category (" + d.source() + "), so the column "
                        + "is written empty; declare its \"categories\" in the metadata file or raise epsilon");
            } else if (d instanceof CategoryDomain categorical && categorical.unreleasedCell() >= 0) {
                double present = 1 - oneWay[m][d.missingCell()];
                double dropped = oneWay[m][categorical.unreleasedCell()];
                if (present > 0 && dropped >= DROPPED_SHARE * present) {
                    warnings.add(String.format(Locale.ROOT, "%scategory selection kept %d %s and dropped the "
                            + "rest as too rare at this epsilon, yet about %.0f%% of its values are in dropped "
                            + "categories (by the noisy counts); they are written as kept categories, so a category "
                            + "that large is missing from the output; declare its \"categories\" in the metadata "
                            + "file or raise epsilon", column, categorical.categories().size(),
                            categorical.categories().size() == 1 ? "category" : "categories",
                            100 * dropped / present));
                }
            }
        }
        return warnings;
    }
}
