package io.tabsynth.plugins.ctgan;

import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.engine.random.Seeds;
import io.tabsynth.engine.stats.TwoSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * Early stopping on a validation fidelity score: a share of the real rows is held out of training; after
 * every epoch the generator samples as many rows and they are scored against the held-out ones by SDMetrics'
 * column-shapes score (mean over columns of 1 − KS statistic for numbers and datetimes, 1 − total variation
 * distance for categories). The best generator so far is kept; after {@code patience} epochs without a better
 * score training stops and the best generator is put back.
 */
final class EarlyStopping {
    private final Frame validation;
    private final int patience;
    private final long seed;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int since;
    private List<INDArray> bestState;

    private EarlyStopping(Frame validation, int patience, long seed) {
        this.validation = validation;
        this.patience = patience;
        this.seed = seed;
    }

    /** Splits {@code data} into training rows and {@code fraction} held out for validation, by a seeded shuffle. */
    static Frame[] split(Frame data, double fraction, long seed) {
        int n = data.rowCount();
        int held = (int) Math.round(n * fraction);
        int[] order = new Rng(Seeds.derive(seed, "ctgan-validation")).permutation(n);
        Selection validation = new BitmapBackedSelection();
        for (int i = 0; i < held; i++) {
            validation.add(order[i]);
        }
        Selection train = new BitmapBackedSelection();
        for (int i = held; i < n; i++) {
            train.add(order[i]);
        }
        return new Frame[] {data.where(train), data.where(validation)};
    }

    static EarlyStopping on(Frame validation, int patience, long seed) {
        return new EarlyStopping(validation, patience, seed);
    }

    /** Scores the generator after {@code epoch} (1-based); returns true when training should stop. */
    boolean stop(int epoch, Trainer t) {
        CtganModel now = new CtganModel(t.transformer(), t.sampler(), t.generator(), t.settings().embedding(), List.of());
        double score = columnShapes(validation, now.sampleFrame(validation.rowCount(), Seeds.derive(seed, "ctgan-check")));
        if (score > best) {
            best = score;
            bestEpoch = epoch;
            since = 0;
            bestState = new ArrayList<>();
            for (INDArray a : t.generatorState()) {
                bestState.add(a.dup());
            }
        } else {
            since++;
        }
        return since >= patience;
    }

    /** Puts the best generator back. */
    void restoreBest(Trainer t) {
        List<INDArray> now = t.generatorState();
        for (int i = 0; i < now.size(); i++) {
            now.get(i).assign(bestState.get(i));
        }
    }

    /** What happened, for the model's description. */
    String summary(int epochsRun) {
        return String.format(Locale.ROOT, "best validation column shapes %.4f after epoch %d (%d epochs run, %d held-out "
                + "rows, patience %d)", best, bestEpoch, epochsRun, validation.rowCount(), patience);
    }

    /** SDMetrics' column-shapes score of {@code synthetic} against {@code real} (identifier columns skipped). */
    static double columnShapes(Frame real, Frame synthetic) {
        double sum = 0;
        int columns = 0;
        for (ColumnSpec c : real.schema().columns()) {
            if (c.kind() == ColumnKind.IDENTIFIER || c.kind() == ColumnKind.FREE_TEXT) {
                continue;
            }
            sum += c.kind().isNumeric() ? 1 - TwoSample.ks(real.numbers(c.name()), synthetic.numbers(c.name()))
                    : 1 - totalVariation(real, synthetic, c.name());
            columns++;
        }
        return columns == 0 ? 1 : sum / columns;
    }

    /** Total variation distance between the category shares (missing is a category). */
    static double totalVariation(Frame real, Frame synthetic, String column) {
        Map<String, double[]> shares = new HashMap<>();
        count(real, column, shares, 0);
        count(synthetic, column, shares, 1);
        double tv = 0;
        for (double[] s : shares.values()) {
            tv += Math.abs(s[0] / real.rowCount() - s[1] / synthetic.rowCount());
        }
        return tv / 2;
    }

    private static void count(Frame f, String column, Map<String, double[]> shares, int side) {
        int c = f.schema().indexOf(column);
        for (int r = 0; r < f.rowCount(); r++) {
            String v = f.isMissing(c, r) ? "\u0000missing" : CellText.of(f, c, r);
            shares.computeIfAbsent(v, k -> new double[2])[side]++;
        }
    }
}
