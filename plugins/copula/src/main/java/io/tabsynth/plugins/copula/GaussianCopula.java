package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.io.DaemonPool;
import io.tabsynth.spi.privacy.PrivacyCost;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.pf4j.Extension;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * The Gaussian copula generator ({@code gaussian-copula}). Each column gets a marginal model (see
 * {@link ColumnModels}); the dependence between columns is a multivariate normal on their normal scores. By default
 * the rows are first grouped by their normal scores ({@link Clusters}) and each group gets its own copula, fitted the
 * same way on its rows (a {@link MixtureModel}); {@code clusters=1} fits one copula. Columns are fitted in parallel;
 * the fit is deterministic: only the grouping's first centres are drawn, from the fit seed.
 */
@Extension
public final class GaussianCopula implements Generator {
    /** The generator id. */
    public static final String ID = "gaussian-copula";
    /** The parameter naming how many copulas the mixture may have; 1 fits a single copula. */
    static final String CLUSTERS = "clusters";
    /** The copulas a mixture has at most by default (see docs/copula.md for how it was chosen on adult). */
    static final int DEFAULT_CLUSTERS = 20;
    /** A group of fewer real rows gets no copula of its own: its rows join the nearest groups. */
    static final int MIN_GROUP_ROWS = 200;
    /** A group has at least this many rows per copula dimension, so its correlation is well estimated. */
    static final int ROWS_PER_DIMENSION = 10;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Gaussian copula with goodness-of-fit marginals; fast, exact category and spike frequencies";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(
                ParamSpec.choice("marginals", "auto",
                        "continuous marginals: auto (a parametric family if KS accepts it, else empirical), "
                                + "empirical, or parametric (best family always)", "auto", "empirical", "parametric"),
                ParamSpec.integer("knots", 1000, 16, 1_000_000,
                        "quantile knots kept for an empirical marginal"),
                ParamSpec.integer("discreteLevels", 256, 1, 1_000_000,
                        "numeric columns with at most this many distinct values keep each value's exact share"),
                ParamSpec.bool("enforceMinMax", true, "clip sampled numbers to the real data's range"),
                ParamSpec.integer(CLUSTERS, DEFAULT_CLUSTERS, 1, 1000,
                        "a mixture of at most this many copulas, one per group of similar rows (k-means on the "
                                + "normal scores, groups of at least " + MIN_GROUP_ROWS + " rows); 1: one copula; "
                                + "a fit with epsilon fits one copula"),
                ParamSpec.text(PrivateFit.EPSILON, "", "differential privacy: the privacy budget epsilon of the "
                        + "whole fit (" + PrivateFit.MIN_EPSILON + " to " + PrivateFit.MAX_EPSILON
                        + "); empty: an ordinary fit with no privacy claim"),
                ParamSpec.real(PrivateFit.DELTA, 1e-6, 1e-15, 0.01, "with epsilon: the privacy budget delta"),
                ParamSpec.integer(PrivateFit.BINS, 32, 2, 4096,
                        "with epsilon: bins between a numeric column's private bounds"),
                ParamSpec.choice(PrivateFit.NOISE, PrivateFit.SECURE, "with epsilon: secure (unpredictable noise, "
                        + "the guarantee holds) or seeded (noise from the seed, reproducible, no privacy claim)",
                        PrivateFit.SECURE, PrivateFit.SEEDED));
    }

    /** With {@code epsilon}, the fit is differentially private: the engine leaves rare values to its selection. */
    @Override
    public boolean differentiallyPrivate(Params params) {
        return PrivateFit.asked(params);
    }

    /** With {@code epsilon} and secure noise, the most the fit spends, so that a budget limit can refuse it first. */
    @Override
    public Optional<PrivacyCost> plannedPrivacyCost(Params params) {
        return PrivateFit.planned(params);
    }

    /** An ordinary fit streams; a differentially private one reads the whole table (its mechanisms need it). */
    @Override
    public boolean fitsStreaming(Params params) {
        return !PrivateFit.asked(params);
    }

    /**
     * One copula (never a mixture) from batches read twice ({@link StreamingFit}): column summaries, then the
     * tables from which category labels are ordered and the normal scores' correlation found.
     */
    @Override
    public Model fitStreaming(FrameBatches data, Params params, FitContext context) {
        ColumnModels.Settings settings = settings(params);
        ForkJoinPool pool = new ForkJoinPool(context.threads());
        try {
            return DaemonPool.await(pool.submit(() -> StreamingFit.fit(data, settings, context.progress())),
                    "fitting gaussian-copula on streamed batches");
        } finally {
            pool.shutdown();
        }
    }

    private static ColumnModels.Settings settings(Params params) {
        return new ColumnModels.Settings(params.getString("marginals"),
                params.getInt("knots"), params.getInt("discreteLevels"), params.getBoolean("enforceMinMax"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        ColumnModels.Settings settings = settings(params);
        if (PrivateFit.asked(params)) {
            return PrivateFit.fit(data, params, settings, context);
        }
        int clusters = params.getInt(CLUSTERS);
        List<ColumnSpec> specs = data.schema().columns();
        Progress progress = context.progress();
        // one unit per column's model, as many again for the correlation (it dominates on wide tables), one per group
        progress.start("fitting gaussian-copula", 2L * specs.size() + (clusters > 1 ? clusters : 0));
        ForkJoinPool pool = new ForkJoinPool(context.threads());
        Activity fitting = Activity.current();
        Model[] model = new Model[1];
        try {
            DaemonPool.await(pool.submit(() -> {
                ColumnModels.Fitted[] whole = fitColumns(data, settings, null, fitting, progress);
                double[][] scores = scores(whole);
                CorrelatedNormals normals = CorrelatedNormals.fit(scores, progress, specs.size());
                CopulaModel single = new CopulaModel(data.schema(), models(whole), normals);
                // a mixture needs a dependence to split (two dimensions) and rows to spare (no factor model)
                model[0] = clusters > 1 && scores.length >= 2 && normals instanceof CholeskyNormals
                        ? mixture(data, settings, whole, scores, clusters, context.seed(), fitting, progress) : null;
                if (model[0] == null) {
                    model[0] = single;
                    progress.advance(clusters > 1 ? clusters : 0);
                }
            }), "fitting gaussian-copula");
        } finally {
            pool.shutdown();
        }
        progress.finish();
        return model[0];
    }

    /**
     * A mixture of one copula per group of similar rows (see {@link Clusters}), or null when the rows make fewer
     * than two groups of at least {@link #MIN_GROUP_ROWS} rows (and {@link #ROWS_PER_DIMENSION} rows per copula
     * dimension). Columns outside the copula keep the models fitted on every row, shared by the groups.
     */
    private static MixtureModel mixture(Frame data, ColumnModels.Settings settings, ColumnModels.Fitted[] whole,
                                       double[][] scores, int clusters, long seed, Activity fitting, Progress progress) {
        int minRows = Math.max(MIN_GROUP_ROWS, ROWS_PER_DIMENSION * scores.length);
        int[] group = Clusters.of(scores, clusters, minRows, seed);
        int groups = 0;
        for (int g : group) {
            groups = Math.max(groups, g + 1);
        }
        if (groups < 2) {
            return null;
        }
        List<CopulaModel> components = new ArrayList<>();
        double[] shares = new double[groups];
        for (int g = 0; g < groups; g++) {
            Selection rows = new BitmapBackedSelection();
            for (int i = 0; i < group.length; i++) {
                if (group[i] == g) {
                    rows.add(i);
                }
            }
            shares[g] = rows.size() / (double) group.length;
            Frame part = data.where(rows);
            String name = "group " + (g + 1) + " of " + groups;
            ColumnModels.Fitted[] fitted = fitting.within(name, () -> fitColumns(part, settings, whole, fitting, Progress.NONE));
            CorrelatedNormals normals = CorrelatedNormals.fit(scores(fitted), Progress.NONE, 0);
            components.add(new CopulaModel(data.schema(), models(fitted), normals));
            progress.advance(1);
        }
        progress.advance(clusters - groups);
        return new MixtureModel(data.schema(), components, shares);
    }

    /**
     * Every column's model and normal scores, fitted in parallel, category labels laid out by {@link LabelOrder}.
     * Where {@code shared} is given, columns outside the copula keep its models (fitted on every row).
     */
    private static ColumnModels.Fitted[] fitColumns(Frame data, ColumnModels.Settings settings,
                                                    ColumnModels.Fitted[] shared, Activity fitting, Progress progress) {
        List<ColumnSpec> specs = data.schema().columns();
        ColumnModels.Fitted[] fitted = new ColumnModels.Fitted[specs.size()];
        IntStream.range(0, specs.size()).parallel().forEach(i -> {
            fitted[i] = shared != null && !shared[i].model().inCopula() ? shared[i]
                    : fitting.within("column '" + specs.get(i).name() + "'",
                            () -> ColumnModels.fit(data, specs.get(i), settings));
            progress.advance(1);
        });
        return LabelOrder.arrange(fitted);
    }

    private static List<ColumnModel> models(ColumnModels.Fitted[] fitted) {
        List<ColumnModel> models = new ArrayList<>();
        for (ColumnModels.Fitted f : fitted) {
            models.add(f.model());
        }
        return models;
    }

    /** The normal scores of every copula dimension, in the model's order. */
    private static double[][] scores(ColumnModels.Fitted[] fitted) {
        List<double[]> scores = new ArrayList<>();
        for (ColumnModels.Fitted f : fitted) {
            if (f.scores() != null) {
                scores.add(f.scores());
            }
            if (f.nullScores() != null) {
                scores.add(f.nullScores());
            }
        }
        return scores.toArray(new double[0][]);
    }

    @Override
    public Model load(InputStream in) throws IOException {
        JsonNode root = CopulaModel.root(in);
        Schema schema = Schema.fromJson(root.get("schema"));
        return root.has(MixtureModel.KEY) ? MixtureModel.fromJson(schema, root) : CopulaModel.readDependence(schema, root);
    }
}
