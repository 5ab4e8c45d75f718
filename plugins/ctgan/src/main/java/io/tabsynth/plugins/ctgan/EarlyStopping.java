package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.fidelity.Quality;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * Early stopping on a validation fidelity score: a share of the real rows is held out of training; after
 * every epoch the generator samples as many rows and they are scored against the held-out ones by the
 * quality score the fidelity evaluator reports ({@link Quality}: the mean of column shapes and the pair
 * trends of related columns), so the generator kept is the one that best keeps both the columns and their
 * relationships. The best generator so far is kept; after {@code patience} epochs without a better
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
        CtganModel now = new CtganModel(t.transformer(), t.sampler(), t.sampling(), t.settings().embedding(), List.of());
        double score = Quality.of(validation, now.sampleFrame(validation.rowCount(), Seeds.derive(seed, "ctgan-check"))).score();
        if (score > best) {
            best = score;
            bestEpoch = epoch;
            since = 0;
            bestState = new ArrayList<>();
            for (INDArray a : t.samplingState()) {
                bestState.add(a.dup());
            }
        } else {
            since++;
        }
        return since >= patience;
    }

    /** Puts the best generator back. */
    void restoreBest(Trainer t) {
        List<INDArray> now = t.samplingState();
        for (int i = 0; i < now.size(); i++) {
            now.get(i).assign(bestState.get(i));
        }
    }

    /** What happened, for the model's description. */
    String summary(int epochsRun) {
        return String.format(Locale.ROOT, "best validation quality %.4f after epoch %d (%d epochs run, %d held-out "
                + "rows, patience %d)", best, bestEpoch, epochsRun, validation.rowCount(), patience);
    }
}
