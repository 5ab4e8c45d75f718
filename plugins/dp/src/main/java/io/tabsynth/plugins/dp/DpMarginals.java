package io.tabsynth.plugins.dp;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.ExponentialMechanism;
import io.tabsynth.spi.privacy.NoisyCounts;
import io.tabsynth.spi.privacy.PrivacyCost;
import io.tabsynth.spi.privacy.PrivacyRecord;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import io.tabsynth.spi.privacy.domain.ColumnDomain;
import io.tabsynth.spi.privacy.domain.DeclaredDomain;
import io.tabsynth.spi.privacy.domain.DomainPlan;
import io.tabsynth.spi.privacy.domain.DomainRelease;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code dp-marginals} generator: differentially private synthetic data in the manner of MST (McKenna,
 * Sheldon, Miklau, "Winning the NIST Contest", 2021). Domains are released first (see {@link DomainRelease}),
 * then noisy one-way marginals of every column, a tree of column pairs chosen privately
 * ({@link TreeSelection}), noisy two-way marginals on its edges, made consistent ({@link TreeEstimate}); rows
 * are sampled along the tree. Every mechanism is charged to one {@link ZcdpAccountant} whose budget is the
 * (ε, δ) asked for, split as {@link BudgetSplit} says. Noise comes from the secure source unless
 * {@code noise=seeded} asks for reproducible noise (and no privacy claim); sampling from the model is seeded.
 */
@Extension
public final class DpMarginals implements Generator {
    public static final String ID = "dp-marginals";
    static final String SECURE = "secure";
    static final String SEEDED = "seeded";
    static final String TARGET = "target";
    /** The privacy record's list of warnings about the fit, which the engine prints at fit. */
    static final String WARNINGS = "warnings";
    /** The part of δ set aside for thresholded category selection; the rest goes with the zCDP conversion. */
    static final double SELECTION_DELTA_SHARE = 0.1;

    /** Its fit is differentially private: the engine leaves the rare-value rule to its category selection. */
    @Override
    public boolean differentiallyPrivate() {
        return true;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "differentially private (epsilon, delta): noisy marginals along a privately chosen tree (MST)";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(
                ParamSpec.real("epsilon", 1, 0.001, 100, "the privacy budget epsilon of the whole fit"),
                ParamSpec.real("delta", 1e-6, 1e-15, 0.01, "the privacy budget delta of the whole fit"),
                ParamSpec.integer("bins", 32, 2, 4096, "bins between a numeric column's private bounds"),
                ParamSpec.text(TARGET, "", "a column the synthetic data will be used to predict: every other "
                        + "column is modelled given it and its tree parent (three-way marginals); empty: a plain tree"),
                ParamSpec.choice("noise", SECURE, "secure: unpredictable noise (the guarantee holds); seeded: "
                        + "noise from the seed, reproducible, with no privacy claim", SECURE, SEEDED));
    }

    /** The budget its accountant gets: at most that is spent. None with seeded noise, which makes no privacy claim. */
    @Override
    public Optional<PrivacyCost> plannedPrivacyCost(Params params) {
        if (params.getString("noise").equals(SEEDED)) {
            return Optional.empty();
        }
        return Optional.of(PrivacyCost.of(budget(params)));
    }

    /** The accountant of a fit with these parameters: ρ that (ε, δ) allows once the selections' δ is set aside. */
    private static ZcdpAccountant budget(Params params) {
        double delta = params.getDouble("delta");
        return ZcdpAccountant.forEpsilonDelta(params.getDouble("epsilon"), delta, SELECTION_DELTA_SHARE * delta);
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        double epsilon = params.getDouble("epsilon");
        double delta = params.getDouble("delta");
        RandomBits bits = params.getString("noise").equals(SEEDED) ? RandomBits.seeded(context.seed())
                : RandomBits.secure();
        Schema schema = data.schema();
        Map<String, DeclaredDomain> declared = context.declaredDomains();
        DomainPlan plan = DomainPlan.of(schema, declared);
        List<Integer> modelled = plan.modelled();
        int target = target(params.getString(TARGET), schema, modelled);
        int k = modelled.size();
        double selectionDelta = SELECTION_DELTA_SHARE * delta;
        ZcdpAccountant accountant = budget(params);
        BudgetSplit split = target < 0 ? BudgetSplit.of(accountant.rhoBudget(), plan.paidCalls(), plan.allCalls(), k)
                : BudgetSplit.of(accountant.rhoBudget(), plan.paidCalls(), plan.allCalls(), k, k - 2, k - 1);
        Progress progress = context.progress();
        progress.start("fitting dp-marginals", 3);

        DomainRelease release = new DomainRelease(accountant, bits, split.domainRho(),
                plan.deltaPerSelection(selectionDelta), params.getInt("bins"), declared);
        List<ColumnDomain> domains = new ArrayList<>();
        List<ColumnDomain> modelledDomains = new ArrayList<>();
        int[][] cells = new int[k][];
        int[] sizes = new int[k];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            domains.add(null);
        }
        for (int m = 0; m < k; m++) {
            int c = modelled.get(m);
            ColumnDomain domain = release.release(data, c);
            domains.set(c, domain);
            modelledDomains.add(domain);
            cells[m] = domain.cells(data, c);
            sizes[m] = domain.size();
            names.add(schema.column(c).name());
        }
        progress.advance(1);

        NoisyCounts counts = new NoisyCounts(accountant, bits);
        long[][] oneWayNoisy = new long[k][];
        double[][] oneWayFirst = new double[k][];
        for (int m = 0; m < k; m++) {
            long[] exact = new long[sizes[m]];
            for (int cell : cells[m]) {
                exact[cell]++;
            }
            oneWayNoisy[m] = counts.histogram("counts of column '" + names.get(m) + "' in " + sizes[m] + " cells",
                    exact, split.oneWaySigma2());
        }
        double oneWayVariance = k == 0 ? 1 : split.oneWaySigma2().doubleValue();
        TreeEstimate firstEstimate = TreeEstimate.of(sizes, oneWayNoisy, oneWayVariance, List.of(), 1);
        for (int m = 0; m < k; m++) {
            oneWayFirst[m] = firstEstimate.oneWay()[m];
        }
        progress.advance(1);

        List<TreeEstimate.Measured> tables = new ArrayList<>();
        double twoWayVariance = 1;
        TreeEstimate tree;
        if (target >= 0) {
            tree = targetTree(target, cells, sizes, names, firstEstimate, accountant, bits, counts, split);
        } else if (k >= 2) {
            List<TreeSelection.Edge> edges = TreeSelection.select(cells, sizes, oneWayFirst, firstEstimate.rows(), names,
                    new ExponentialMechanism(accountant, bits), split.edgeEpsilon(), split.twoWaySigma2());
            for (TreeSelection.Edge e : edges) {
                int a = e.a();
                int b = e.b();
                long[] exact = TwoWay.counts(cells[a], cells[b], sizes[b], sizes[a] * sizes[b]);
                tables.add(new TreeEstimate.Measured(e, counts.histogram("counts of columns '" + names.get(a)
                        + "' and '" + names.get(b) + "' in " + sizes[a] + " x " + sizes[b] + " cells", exact,
                        split.twoWaySigma2())));
            }
            twoWayVariance = split.twoWaySigma2().doubleValue();
            tree = TreeEstimate.of(sizes, oneWayNoisy, oneWayVariance, tables, twoWayVariance);
        } else {
            tree = TreeEstimate.of(sizes, oneWayNoisy, oneWayVariance, tables, twoWayVariance);
        }
        progress.finish();
        List<String> warnings = DomainWarnings.of(modelledDomains, tree.oneWay());
        return new DpMarginalsModel(schema, domains, tree, record(epsilon, delta, bits, accountant, split,
                plan.declared(), warnings));
    }

    /** The modelled index of the target column, -1 for none; bad input when it names no modelled column. */
    private static int target(String name, Schema schema, List<Integer> modelled) {
        if (name.isEmpty()) {
            return -1;
        }
        for (int m = 0; m < modelled.size(); m++) {
            if (schema.column(modelled.get(m)).name().equals(name)) {
                if (modelled.size() < 2) {
                    return -1;
                }
                return m;
            }
        }
        throw new BadInputException("generator '" + ID + "' parameter 'target': no column '" + name + "' to model"
                + " (identifier columns are not modelled); columns: " + schema.names());
    }

    /**
     * The tree-augmented model around the target ({@link TargetTree}): a tree chosen privately among the other
     * columns, then each of them measured with the target and its tree parent.
     */
    private static TreeEstimate targetTree(int target, int[][] cells, int[] sizes, List<String> names,
                                           TreeEstimate first, ZcdpAccountant accountant, RandomBits bits,
                                           NoisyCounts counts, BudgetSplit split) {
        int k = sizes.length;
        List<Integer> others = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            if (m != target) {
                others.add(m);
            }
        }
        List<TreeSelection.Edge> edges = new ArrayList<>();
        if (others.size() >= 2) {
            int[][] otherCells = new int[others.size()][];
            int[] otherSizes = new int[others.size()];
            double[][] otherOneWay = new double[others.size()][];
            List<String> otherNames = new ArrayList<>();
            for (int o = 0; o < others.size(); o++) {
                otherCells[o] = cells[others.get(o)];
                otherSizes[o] = sizes[others.get(o)];
                otherOneWay[o] = first.oneWay()[others.get(o)];
                otherNames.add(names.get(others.get(o)));
            }
            for (TreeSelection.Edge e : TreeSelection.select(otherCells, otherSizes, otherOneWay, first.rows(),
                    otherNames, new ExponentialMechanism(accountant, bits), split.edgeEpsilon(), split.twoWaySigma2())) {
                edges.add(new TreeSelection.Edge(others.get(e.a()), others.get(e.b())));
            }
        }
        int[] parent = new int[k];
        TargetTree.order(k, target, edges, parent);
        long[][] tables = new long[k][];
        for (int c : others) {
            int p = parent[c];
            boolean withParent = p != target;
            long[] exact = TargetTree.counts(cells[target], withParent ? cells[p] : null, withParent ? sizes[p] : 1,
                    cells[c], sizes[c], sizes[target]);
            String touched = withParent ? "counts of columns '" + names.get(target) + "', '" + names.get(p)
                    + "' and '" + names.get(c) + "' in " + sizes[target] + " x " + sizes[p] + " x " + sizes[c]
                    + " cells" : "counts of columns '" + names.get(target) + "' and '" + names.get(c) + "' in "
                    + sizes[target] + " x " + sizes[c] + " cells";
            tables[c] = counts.histogram(touched, exact, split.twoWaySigma2());
        }
        return TargetTree.of(first, sizes, target, edges, tables, Math.sqrt(split.twoWaySigma2().doubleValue()));
    }

    /** What the fit spent, for the model file and the fit's lineage record. */
    private static Map<String, Object> record(double epsilon, double delta, RandomBits bits,
                                              ZcdpAccountant accountant, BudgetSplit split,
                                              Map<String, Object> declaredDomains, List<String> warnings) {
        Map<String, Object> out = PrivacyRecord.of(epsilon, delta, bits, accountant, split.describe());
        out.put("declaredDomains", declaredDomains);
        if (!warnings.isEmpty()) {
            out.put(WARNINGS, warnings);
        }
        return out;
    }

    @Override
    public Model load(InputStream in) throws IOException {
        return DpMarginalsModel.load(in);
    }
}
