package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * CTGAN's training-by-sampling: pick a discrete column uniformly, a category by its log-frequency (so rare
 * categories are seen often enough), and a real row that has it; the conditional vector is the one-hot of
 * that category over all discrete columns. At generation time categories are drawn by their real frequency.
 */
public final class ConditionalSampler {
    /** One draw: the discrete column (index into {@link DataTransformer#discrete()}), its category and a row. */
    public record Draw(int discrete, int category, int row) {
    }

    private final List<DataTransformer.Discrete> discrete;
    private final int condDimensions;
    private final List<double[]> logCumulative = new ArrayList<>();
    private final List<double[]> frequencyCumulative = new ArrayList<>();
    private final List<int[][]> rowsByCategory = new ArrayList<>();

    private final List<int[]> counts = new ArrayList<>();

    public ConditionalSampler(DataTransformer transformer, Frame data) {
        this.discrete = transformer.discrete();
        this.condDimensions = transformer.condDimensions();
        for (DataTransformer.Discrete d : discrete) {
            int[] cats = transformer.categories(data, d);
            int[] counts = new int[d.categories()];
            for (int c : cats) {
                counts[c]++;
            }
            this.counts.add(counts);
            int[][] rows = new int[d.categories()][];
            int[] fill = new int[d.categories()];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = new int[counts[k]];
            }
            for (int r = 0; r < cats.length; r++) {
                rows[cats[r]][fill[cats[r]]++] = r;
            }
            rowsByCategory.add(rows);
            logCumulative.add(cumulative(counts, true));
            frequencyCumulative.add(cumulative(counts, false));
        }
    }

    /** A sampler for generation only, from the category counts a trained model kept. */
    public static ConditionalSampler forGeneration(DataTransformer transformer, List<int[]> counts) {
        return new ConditionalSampler(transformer, counts);
    }

    private ConditionalSampler(DataTransformer transformer, List<int[]> counts) {
        this.discrete = transformer.discrete();
        this.condDimensions = transformer.condDimensions();
        for (int[] c : counts) {
            this.counts.add(c);
            rowsByCategory.add(new int[c.length][0]);
            logCumulative.add(cumulative(c, true));
            frequencyCumulative.add(cumulative(c, false));
        }
    }

    /** Each discrete column's category counts in the training data. */
    public List<int[]> counts() {
        return counts;
    }

    /** The discrete columns it conditions on. */
    public List<DataTransformer.Discrete> discrete() {
        return discrete;
    }

    private static double[] cumulative(int[] counts, boolean log) {
        double[] w = new double[counts.length];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = counts[k] == 0 ? 0 : log ? Math.log(counts[k] + 1) : counts[k];
            total += w[k];
        }
        double acc = 0;
        for (int k = 0; k < w.length; k++) {
            acc += w[k] / total;
            w[k] = acc;
        }
        w[w.length - 1] = 1;
        return w;
    }

    /** Whether there is any discrete column to condition on. */
    public boolean active() {
        return !discrete.isEmpty();
    }

    public int condDimensions() {
        return condDimensions;
    }

    /** A training draw: column uniform, category by log-frequency, a real row with that category. */
    public Draw train(Rng rng) {
        int d = rng.nextInt(discrete.size());
        int k = pick(logCumulative.get(d), rng.nextDouble());
        int[] rows = rowsByCategory.get(d)[k];
        return new Draw(d, k, rows[rng.nextInt(rows.length)]);
    }

    /** A generation draw: column uniform, category by its real frequency (no row). */
    public Draw generate(Rng rng) {
        int d = rng.nextInt(discrete.size());
        return new Draw(d, pick(frequencyCumulative.get(d), rng.nextDouble()), -1);
    }

    /** Sets the draw's one-hot in a conditional vector stored at {@code offset} of {@code cond}. */
    public void fill(float[] cond, int offset, Draw draw) {
        DataTransformer.Discrete d = discrete.get(draw.discrete());
        cond[offset + d.condOffset() + draw.category()] = 1;
    }

    private static int pick(double[] cumulative, double u) {
        int k = java.util.Arrays.binarySearch(cumulative, u);
        k = k >= 0 ? k + 1 : -k - 1;
        k = Math.min(k, cumulative.length - 1);
        // skip categories of zero weight (those whose cumulative value equals the one before)
        while (k < cumulative.length - 1 && cumulative[k] == (k == 0 ? 0 : cumulative[k - 1])) {
            k++;
        }
        return k;
    }
}
