package io.tabsynth.plugins.dp;

import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ShortRational;

/**
 * How one fit divides its ρ. 15% goes to the domains (two DP quantiles per numeric column, a thresholded
 * selection per categorical one), shared equally among all of them; the share of a domain that metadata declares
 * public is not spent on it but goes to the marginals, so each paid domain costs the same whatever is declared. The rest is split as MST splits
 * it (McKenna, Sheldon, Miklau 2021): a third for the one-way marginals of every column, a third for choosing the
 * tree's edges by the exponential mechanism, a third for the two-way marginals on those edges, each third shared
 * equally among its calls. With a single modelled column there is no tree, and its one-way marginal gets all that
 * is left.
 *
 * @param domainRho      ρ of each domain mechanism (zero when there is none)
 * @param oneWaySigma2   σ² of each one-way marginal's discrete Gaussian noise
 * @param edgeEpsilon    ε of each round of edge selection (null without a tree)
 * @param twoWaySigma2   σ² of each two-way marginal's noise (null without a tree)
 */
record BudgetSplit(Rational domainRho, Rational oneWaySigma2, Rational edgeEpsilon, Rational twoWaySigma2) {
    /** The share of ρ for the domains, when some are paid. */
    static final double DOMAIN_SHARE = 0.15;
    /** The share of the rest for each of one-way marginals, edge selection and two-way marginals. */
    static final double MST_SHARE = 1.0 / 3;

    /** A split with every domain paid. */
    static BudgetSplit of(Rational rho, int domainCalls, int columns) {
        return of(rho, domainCalls, domainCalls, columns);
    }

    /**
     * @param rho            the fit's whole ρ
     * @param domainCalls    how many domain mechanisms are paid
     * @param allDomainCalls how many there would be with nothing declared public
     * @param columns        how many columns are modelled
     */
    static BudgetSplit of(Rational rho, int domainCalls, int allDomainCalls, int columns) {
        return of(rho, domainCalls, allDomainCalls, columns, columns - 1, columns - 1);
    }

    /**
     * A split for a model of {@code columns} columns whose structure takes {@code rounds} rounds of edge selection
     * and {@code tables} measured tables of more than one column (a tree: both one fewer than the columns; a tree
     * over all but the target, each table also holding the target: one round fewer than tables).
     */
    static BudgetSplit of(Rational rho, int domainCalls, int allDomainCalls, int columns, int rounds, int tables) {
        double total = rho.doubleValue();
        double domains = domainCalls > 0 ? DOMAIN_SHARE * total * domainCalls / allDomainCalls : 0;
        double rest = total - domains;
        Rational domainRho = domainCalls > 0 ? ShortRational.below(domains / domainCalls) : Rational.ZERO;
        if (tables < 1) {
            double oneWay = columns == 0 ? 0 : rest;
            return new BudgetSplit(domainRho, columns == 0 ? null : sigma2For(oneWay / columns), null, null);
        }
        if (rounds < 1) {
            double half = rest / 2;
            return new BudgetSplit(domainRho, sigma2For(half / columns), null, sigma2For(half / tables));
        }
        double third = MST_SHARE * rest;
        Rational epsilon = ShortRational.below(Math.sqrt(8 * third / rounds));
        return new BudgetSplit(domainRho, sigma2For(third / columns), epsilon, sigma2For(third / tables));
    }

    /** σ² of a sensitivity-1 discrete Gaussian costing at most {@code rho}: 1/(2ρ), rounded up. */
    private static Rational sigma2For(double rho) {
        return ShortRational.above(1 / (2 * rho));
    }

    /** What the split is, for the model's record. */
    String describe() {
        return "domains " + DOMAIN_SHARE + " of rho when all are paid (none for those declared public); of the rest a third each for one-way marginals, "
                + "edge selection and two-way marginals";
    }
}
