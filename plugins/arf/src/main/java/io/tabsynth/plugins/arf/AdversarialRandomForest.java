package io.tabsynth.plugins.arf;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The adversarial random forest generator ({@code arf}), from Watson, Blesch, Kapar and Wright, "Adversarial random
 * forests for density estimation and generative modeling" (AISTATS 2023): forests learn to tell real rows from
 * synthetic ones until they cannot ({@link AdversarialTraining}); then each leaf of the last forest is a region where
 * the columns are nearly independent, and a row is drawn from one leaf, column by column ({@link LeafSet}). Every
 * leaf covers at least {@code minNodeSize} real rows. See docs/arf.md.
 */
@Extension
public final class AdversarialRandomForest implements Generator {
    /** The generator id. */
    public static final String ID = "arf";
    static final String TREES = "trees";
    static final String MIN_NODE_SIZE = "minNodeSize";
    static final String ROUNDS = "rounds";
    static final String DELTA = "delta";
    static final int DEFAULT_TREES = 10;
    /**
     * The least real rows a leaf covers unless the rare-value rule's k is larger; chosen on adult so that near copies
     * and membership inference stay at the holdout's level (docs/arf.md, "Privacy").
     */
    static final int DEFAULT_MIN_NODE_SIZE = 20;
    /**
     * Leaves of fewer real rows describe a handful of people, whose categories and narrow numeric bounds then come
     * out in the rows drawn from them: a leaf size below this is warned of (docs/arf.md, "Privacy").
     */
    static final int FEWEST_PRIVATE_LEAF_ROWS = 5;
    static final int DEFAULT_ROUNDS = 10;
    static final double DEFAULT_DELTA = 0.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "adversarial random forest: forest leaves with independent columns; fast, keeps category structure";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(
                ParamSpec.integer(TREES, DEFAULT_TREES, 1, 1000, "trees per forest"),
                ParamSpec.integer(MIN_NODE_SIZE, DEFAULT_MIN_NODE_SIZE, 1, 1_000_000,
                        "the least real rows every leaf covers; the rare-value rule's minCount when that is larger"),
                ParamSpec.integer(ROUNDS, DEFAULT_ROUNDS, 1, 100, "the most adversarial rounds"),
                ParamSpec.real(DELTA, DEFAULT_DELTA, 0, 0.5,
                        "stop once the forest's out-of-bag accuracy is at most 0.5 + delta"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        List<ColumnSpec> specs = data.schema().columns();
        int n = specs.size();
        int minRows = leafRows(params, context);
        Feature[] byColumn = new Feature[n];
        KeyFormat[] keys = new KeyFormat[n];
        BagOfWords[] texts = new BagOfWords[n];
        List<Feature> learned = new ArrayList<>();
        List<double[]> real = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            ColumnSpec spec = specs.get(c);
            if (spec.kind() == ColumnKind.IDENTIFIER) {
                keys[c] = KeyFormat.learn(spec.name(), data.strings(spec.name()).asList());
            } else if (spec.kind() == ColumnKind.FREE_TEXT) {
                texts[c] = BagOfWords.learn(data.strings(spec.name()).asList());
            } else {
                byColumn[c] = Feature.learn(data, spec, minRows);
                learned.add(byColumn[c]);
                real.add(byColumn[c].encode(data));
            }
        }
        AdversarialTraining.Settings settings = new AdversarialTraining.Settings(params.getInt(TREES), minRows,
                params.getInt(ROUNDS), params.getDouble(DELTA));
        Progress progress = context.progress();
        progress.start("fitting arf", settings.rounds());
        Feature[] features = learned.toArray(new Feature[0]);
        AdversarialTraining.Result result = AdversarialTraining.run(real.toArray(new double[0][]), features,
                settings, context.seed(), context.threads(), progress);
        progress.finish();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("leafRows", minRows);
        training.put("rounds", result.rounds());
        training.put("outOfBagAccuracy", Math.round(result.accuracy() * 1000) / 1000.0);
        double[][] values = real.toArray(new double[0][]);
        return new ArfModel(data.schema(), byColumn, keys, texts, result.leaves(),
                Determination.learn(values, features, minRows), training, leafSizeWarnings(params, context));
    }

    /**
     * What the user is told of the leaf size: that a {@code minNodeSize} below the rare-value rule's k was raised to
     * k, and that leaves of fewer than {@value #FEWEST_PRIVATE_LEAF_ROWS} real rows (both turned down) reproduce real
     * rows.
     */
    static List<String> leafSizeWarnings(Params params, FitContext context) {
        int asked = params.getInt(MIN_NODE_SIZE);
        int k = context.minCount();
        int leafRows = leafRows(params, context);
        List<String> out = new ArrayList<>();
        if (asked < k) {
            out.add(ID + ": " + MIN_NODE_SIZE + "=" + asked + " is below the rare-value rule's minCount=" + k
                    + ", so every leaf keeps at least " + k + " real rows");
        }
        if (leafRows < FEWEST_PRIVATE_LEAF_ROWS) {
            out.add(ID + ": leaves of fewer than " + FEWEST_PRIVATE_LEAF_ROWS + " real rows reproduce real rows: with "
                    + MIN_NODE_SIZE + "=" + asked + " and minCount=" + k + " a leaf may describe " + leafRows
                    + (leafRows == 1 ? " person, whose values then come out" : " people, whose values then come out")
                    + " as synthetic rows; keep " + MIN_NODE_SIZE + " at " + DEFAULT_MIN_NODE_SIZE
                    + " (the default) for data about people");
        }
        return out;
    }

    /** The least real rows every leaf covers: {@code minNodeSize}, or the rare-value rule's k when that is larger. */
    static int leafRows(Params params, FitContext context) {
        return Math.max(params.getInt(MIN_NODE_SIZE), context.minCount());
    }

    @Override
    public Model load(InputStream in) throws IOException {
        return ArfModel.load(in);
    }
}
