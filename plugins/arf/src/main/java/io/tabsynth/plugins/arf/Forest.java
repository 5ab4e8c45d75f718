package io.tabsynth.plugins.arf;

import io.tabsynth.spi.Activity;
import io.tabsynth.spi.io.DaemonPool;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A random forest of {@link Tree}s telling real rows from synthetic ones. Each tree grows on its own subsample of
 * {@link #SUBSAMPLE} of the rows, drawn without replacement (so every leaf's real rows are distinct rows), from its
 * own seed: the forest is the same whatever the number of threads. Immutable once grown.
 */
final class Forest {
    /** The share of the rows each tree grows on (ranger's default when sampling without replacement). */
    static final double SUBSAMPLE = 0.632;

    private final List<Tree> trees;
    /** Per tree, which rows of the training set it grew on. */
    private final List<boolean[]> inBag;

    private Forest(List<Tree> trees, List<boolean[]> inBag) {
        this.trees = List.copyOf(trees);
        this.inBag = List.copyOf(inBag);
    }

    /**
     * Grows {@code count} trees, tree {@code t} from the seed's stream {@code t}, on {@code threads} threads.
     *
     * @param minRealRows the least real rows a leaf holds
     */
    static Forest grow(TrainingSet set, int count, int minRealRows, long seed, int threads) {
        int tried = Math.max(1, (int) Math.floor(Math.sqrt(set.features())));
        int sampled = Math.max(1, (int) Math.round(SUBSAMPLE * set.rows()));
        Activity activity = Activity.current();
        List<Tree> trees = new ArrayList<>();
        List<boolean[]> bags = new ArrayList<>();
        try (DaemonPool pool = DaemonPool.of("tabsynth-arf", threads)) {
            List<Future<Object[]>> grown = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                long treeSeed = Seeds.derive(seed, t);
                int number = t + 1;
                grown.add(pool.submit(() -> activity.within("tree " + number, () -> {
                    Rng rng = new Rng(treeSeed);
                    int[] rows = rng.choose(set.rows(), sampled);
                    boolean[] bag = new boolean[set.rows()];
                    for (int r : rows) {
                        bag[r] = true;
                    }
                    return new Object[] {Tree.grow(set, rows, tried, minRealRows, rng), bag};
                })));
            }
            for (Future<Object[]> f : grown) {
                Object[] done = DaemonPool.await(f, "growing the forest");
                trees.add((Tree) done[0]);
                bags.add((boolean[]) done[1]);
            }
        }
        return new Forest(trees, bags);
    }

    List<Tree> trees() {
        return trees;
    }

    /**
     * The out-of-bag accuracy: each row is classed by the trees that did not grow on it (the mean of their leaves'
     * real shares, real above one half), and the share of rows classed right among those some tree left out.
     */
    double outOfBagAccuracy(TrainingSet set) {
        int right = 0;
        int judged = 0;
        for (int row = 0; row < set.rows(); row++) {
            double sum = 0;
            int votes = 0;
            for (int t = 0; t < trees.size(); t++) {
                if (!inBag.get(t)[row]) {
                    Tree tree = trees.get(t);
                    sum += tree.realShare(tree.leafOf(set, row));
                    votes++;
                }
            }
            if (votes > 0) {
                judged++;
                boolean saysReal = sum / votes > 0.5;
                right += saysReal == set.isReal(row) ? 1 : 0;
            }
        }
        return judged == 0 ? 0.5 : right / (double) judged;
    }
}
