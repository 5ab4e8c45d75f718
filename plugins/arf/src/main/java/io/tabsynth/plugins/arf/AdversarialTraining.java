package io.tabsynth.plugins.arf;

import io.tabsynth.spi.Progress;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.Locale;

/**
 * The adversarial loop of Watson et al. (AISTATS 2023, Algorithm 1): a forest learns to tell the real rows from as
 * many synthetic ones, first drawn from the product of the columns' marginals (each column shuffled on its own),
 * later from the last forest's leaves ({@link LeafSet}); it stops when the forest's out-of-bag accuracy is at most
 * one half plus {@code delta}, when a round no longer lowers the accuracy (the forest before it is kept), or after
 * {@code rounds} rounds.
 */
final class AdversarialTraining {
    /** What the loop ends with: the last forest's leaves, the rounds run and the kept forest's accuracy. */
    record Result(LeafSet leaves, int rounds, double accuracy) {
    }

    /**
     * @param trees       trees per forest
     * @param minRealRows the least real rows a leaf holds (the rare-value rule's k)
     * @param rounds      the most rounds
     * @param delta       the loop stops at an accuracy of at most 0.5 + delta
     */
    record Settings(int trees, int minRealRows, int rounds, double delta) {
    }

    private AdversarialTraining() {
    }

    static Result run(double[][] real, Feature[] features, Settings settings, long seed, int threads,
                      Progress progress) {
        if (features.length == 0) {
            // only identifiers and free text: nothing for a forest to learn, one leaf with no columns
            return new Result(LeafSet.of(java.util.List.of(new Leaf(1, new LeafColumn[0])), 0), 0, 0.5);
        }
        int n = real[0].length;
        double[][] synthetic = shuffledColumns(real, new Rng(Seeds.derive(seed, "marginals")));
        LeafSet kept = null;
        double keptAccuracy = 1;
        int round = 0;
        while (round < settings.rounds()) {
            round++;
            TrainingSet set = new TrainingSet(real, synthetic, features);
            Forest forest = Forest.grow(set, settings.trees(), settings.minRealRows(),
                    Seeds.derive(seed, "round " + round), threads);
            double accuracy = forest.outOfBagAccuracy(set);
            progress.advance(1);
            progress.status(String.format(Locale.ROOT, "round %d: out-of-bag accuracy %.3f", round, accuracy));
            if (kept != null && accuracy >= keptAccuracy) {
                break;
            }
            kept = LeafSet.forge(forest, set, real, features, settings.minRealRows());
            keptAccuracy = accuracy;
            if (accuracy <= 0.5 + settings.delta() || round == settings.rounds()) {
                break;
            }
            synthetic = kept.draw(n, new Rng(Seeds.derive(seed, "synthetic " + round)));
        }
        return new Result(kept, round, keptAccuracy);
    }

    /** Each column's values in its own random order: a sample of the product of the marginals. */
    private static double[][] shuffledColumns(double[][] real, Rng rng) {
        double[][] out = new double[real.length][];
        for (int j = 0; j < real.length; j++) {
            int[] p = rng.permutation(real[j].length);
            out[j] = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[j][i] = real[j][p[i]];
            }
        }
        return out;
    }
}
