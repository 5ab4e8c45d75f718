package io.tabsynth.plugins.copula;

import io.tabsynth.engine.Activity;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.io.DaemonPool;
import io.tabsynth.engine.spi.FitContext;
import io.tabsynth.engine.spi.Generator;
import io.tabsynth.engine.spi.Model;
import io.tabsynth.engine.spi.ParamSpec;
import io.tabsynth.engine.spi.Params;
import io.tabsynth.engine.spi.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.pf4j.Extension;

/**
 * The Gaussian copula generator ({@code gaussian-copula}). Each column gets a marginal model (see
 * {@link ColumnModels}); the dependence between columns is a multivariate normal on their normal scores.
 * Columns are fitted in parallel; the fit is deterministic (it draws no random numbers), so the model
 * depends only on the data and parameters.
 */
@Extension
public final class GaussianCopula implements Generator {
    /** The generator id. */
    public static final String ID = "gaussian-copula";

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
                ParamSpec.bool("enforceMinMax", true, "clip sampled numbers to the real data's range"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        ColumnModels.Settings settings = new ColumnModels.Settings(params.getString("marginals"),
                params.getInt("knots"), params.getInt("discreteLevels"), params.getBoolean("enforceMinMax"));
        List<ColumnSpec> specs = data.schema().columns();
        Progress progress = context.progress();
        // one unit per column's model, and as many again for the correlation, which dominates on wide tables
        progress.start("fitting gaussian-copula", 2L * specs.size());
        ColumnModels.Fitted[] fitted = new ColumnModels.Fitted[specs.size()];
        CorrelatedNormals[] normals = new CorrelatedNormals[1];
        ForkJoinPool pool = new ForkJoinPool(context.threads());
        Activity fitting = Activity.current();
        try {
            DaemonPool.await(pool.submit(() -> {
                IntStream.range(0, specs.size()).parallel().forEach(i -> {
                    fitted[i] = fitting.within("column '" + specs.get(i).name() + "'",
                            () -> ColumnModels.fit(data, specs.get(i), settings));
                    progress.advance(1);
                });
                ColumnModels.Fitted[] arranged = LabelOrder.arrange(fitted);
                System.arraycopy(arranged, 0, fitted, 0, fitted.length);
                normals[0] = CorrelatedNormals.fit(scores(fitted), progress, specs.size());
            }), "fitting gaussian-copula");
        } finally {
            pool.shutdown();
        }
        List<ColumnModel> models = new ArrayList<>();
        for (ColumnModels.Fitted f : fitted) {
            models.add(f.model());
        }
        progress.finish();
        return new CopulaModel(data.schema(), models, normals[0]);
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
        return CopulaModel.load(in);
    }
}
