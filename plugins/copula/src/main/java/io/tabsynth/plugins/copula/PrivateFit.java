package io.tabsynth.plugins.copula;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.NoisyCounts;
import io.tabsynth.spi.privacy.PrivacyCost;
import io.tabsynth.spi.privacy.PrivacyRecord;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ShortRational;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import io.tabsynth.spi.privacy.domain.ColumnDomain;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import io.tabsynth.spi.privacy.domain.DomainPlan;
import io.tabsynth.spi.privacy.domain.DomainRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Gaussian copula fitted with (ε, δ)-differential privacy ({@code epsilon} given). Every step that reads the
 * data is a mechanism of {@code io.tabsynth.spi.privacy} charged to one {@link ZcdpAccountant} whose budget is the
 * (ε, δ) asked for:
 *
 * <ol>
 *   <li>each column's domain ({@link DomainRelease}: numeric bounds as DP quantiles, categories by thresholded
 *   selection; a boolean's is public, and so is one the metadata declares), {@link #DOMAIN_SHARE} of ρ shared
 *   equally among the domain mechanisms there would be with nothing declared, a declared domain's share going to
 *   the rest;</li>
 *   <li>the counts of each column's cells with discrete Gaussian noise, from which its marginal and its rows'
 *   normal scores follow ({@link PrivateColumn}), {@link #MARGINAL_SHARE} of the rest, shared equally;</li>
 *   <li>the correlation of the normal scores ({@link PrivateCorrelation}), the remainder.</li>
 * </ol>
 *
 * One copula, no mixture: the grouping of rows into clusters is not private. Identifier columns get new keys
 * {@code NAME-000001}, … (the real keys' format is not learned). Noise comes from the secure source unless
 * {@code noise=seeded}; sampling the model is seeded as for any copula model.
 */
final class PrivateFit {
    static final String EPSILON = "epsilon";
    static final String DELTA = "delta";
    static final String NOISE = "noise";
    static final String BINS = "bins";
    static final String SECURE = "secure";
    static final String SEEDED = "seeded";
    /** The smallest and largest ε a fit may ask for. */
    static final double MIN_EPSILON = 0.001;
    static final double MAX_EPSILON = 100;
    /** The part of δ set aside for thresholded category selection, as dp-marginals sets it. */
    static final double SELECTION_DELTA_SHARE = 0.1;
    /** The share of ρ for the domains, when some are paid. */
    static final double DOMAIN_SHARE = 0.15;
    /** The share of the rest for the marginals; the correlation gets the remainder. */
    static final double MARGINAL_SHARE = 2.0 / 3;
    /** The privacy record's entry that says where each column's domain came from. */
    static final String DOMAINS = "domains";
    /** The privacy record's entry that lists the domains the metadata declared public, as dp-marginals names it. */
    static final String DECLARED_DOMAINS = "declaredDomains";

    private PrivateFit() {
    }

    /** Whether the parameters ask for a differentially private fit. */
    static boolean asked(Params params) {
        return !params.getString(EPSILON).isBlank();
    }

    /**
     * What a fit with these parameters spends at most, known before it reads a value; empty when it is not private or
     * its noise is seeded (no guarantee to account for).
     */
    static Optional<PrivacyCost> planned(Params params) {
        if (!asked(params) || params.getString(NOISE).equals(SEEDED)) {
            return Optional.empty();
        }
        return Optional.of(PrivacyCost.of(budget(epsilon(params), params.getDouble(DELTA))));
    }

    /** The accountant of a fit asked for (ε, δ): the ρ that allows once the selections' share of δ is set aside. */
    private static ZcdpAccountant budget(double epsilon, double delta) {
        return ZcdpAccountant.forEpsilonDelta(epsilon, delta, SELECTION_DELTA_SHARE * delta);
    }

    /** The ε asked for, checked. */
    static double epsilon(Params params) {
        String text = params.getString(EPSILON).trim();
        double epsilon;
        try {
            epsilon = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadInputException("generator '" + GaussianCopula.ID + "' parameter 'epsilon': '" + text
                    + "' is not a number");
        }
        if (!(epsilon >= MIN_EPSILON && epsilon <= MAX_EPSILON)) {
            throw new BadInputException("generator '" + GaussianCopula.ID + "' parameter 'epsilon': " + epsilon
                    + " is outside [" + MIN_EPSILON + ", " + MAX_EPSILON + "]");
        }
        return epsilon;
    }

    static CopulaModel fit(Frame data, Params params, ColumnModels.Settings settings, FitContext context) {
        double epsilon = epsilon(params);
        double delta = params.getDouble(DELTA);
        RandomBits bits = params.getString(NOISE).equals(SEEDED) ? RandomBits.seeded(context.seed())
                : RandomBits.secure();
        Schema schema = data.schema();
        Map<String, DeclaredDomain> declared = context.declaredDomains();
        DomainPlan plan = DomainPlan.of(schema, declared);
        int modelled = plan.modelled().size();
        int domainCalls = plan.paidCalls();
        double selectionDelta = SELECTION_DELTA_SHARE * delta;
        ZcdpAccountant accountant = budget(epsilon, delta);
        double rho = accountant.rhoBudget().doubleValue();
        // each paid domain costs what it would if none were declared; a declared one's share goes to the rest
        double domains = domainCalls > 0 ? DOMAIN_SHARE * rho * domainCalls / plan.allCalls() : 0;
        double rest = rho - domains;
        boolean correlated = modelled >= 2;
        double marginals = correlated ? MARGINAL_SHARE * rest : rest;
        Rational domainRho = domainCalls > 0 ? ShortRational.below(domains / domainCalls) : Rational.ZERO;
        Rational marginalSigma2 = modelled > 0 ? ShortRational.above(modelled / (2 * marginals)) : null;
        Rational correlationRho = correlated ? ShortRational.below(rest - marginals) : null;

        double marginalSd = marginalSigma2 == null ? 0 : Math.sqrt(marginalSigma2.doubleValue());
        Progress progress = context.progress();
        progress.start("fitting gaussian-copula with epsilon " + epsilon, schema.size() + 1L);
        DomainRelease release = new DomainRelease(accountant, bits, domainRho,
                plan.deltaPerSelection(selectionDelta), params.getInt(BINS), declared);
        NoisyCounts counts = new NoisyCounts(accountant, bits);
        List<ColumnModel> columns = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        List<Double> meanSquares = new ArrayList<>();
        Map<String, String> described = new LinkedHashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnSpec spec = schema.column(c);
            if (spec.kind() == ColumnKind.IDENTIFIER) {
                columns.add(new IdentifierColumn(spec, KeyFormat.named(spec.name())));
                progress.advance(1);
                continue;
            }
            ColumnDomain domain = release.release(data, c);
            int[] cells = domain.cells(data, c);
            long[] exact = new long[domain.size()];
            for (int cell : cells) {
                exact[cell]++;
            }
            long[] noisy = counts.histogram("counts of column '" + spec.name() + "' in " + domain.size() + " cells",
                    exact, marginalSigma2);
            PrivateColumn column = PrivateColumn.of(domain, cells, noisy, marginalSd, settings);
            columns.add(column.model());
            scores.add(column.scores());
            meanSquares.add(column.meanSquare());
            if (column.nullScores() != null) {
                scores.add(column.nullScores());
                meanSquares.add(column.nullMeanSquare());
            }
            described.put(spec.name(), domain.describe());
            progress.advance(1);
        }
        int dimensions = scores.size();
        double[][] correlation = identity(dimensions);
        if (correlated && dimensions >= 2) {
            correlation = PrivateCorrelation.release(scores.toArray(new double[0][]),
                    meanSquares.stream().mapToDouble(Double::doubleValue).toArray(), counts, correlationRho);
        }
        progress.finish();
        Map<String, Object> record = PrivacyRecord.of(epsilon, delta, bits, accountant, describeSplit());
        record.put(DECLARED_DOMAINS, plan.declared());
        record.put(DOMAINS, described);
        return new CopulaModel(schema, columns, new CholeskyNormals(correlation), record);
    }

    private static double[][] identity(int d) {
        double[][] r = new double[d][d];
        for (int a = 0; a < d; a++) {
            r[a][a] = 1;
        }
        return r;
    }

    /** What the split is, for the model's record. */
    static String describeSplit() {
        return "domains " + DOMAIN_SHARE + " of rho, less the share of those declared public; of the rest "
                + (float) MARGINAL_SHARE
                + " for the one-way marginals (shared equally among the columns) and the remainder for the "
                + "correlation of the normal scores";
    }
}
