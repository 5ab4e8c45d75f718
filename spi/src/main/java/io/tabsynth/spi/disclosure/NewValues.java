package io.tabsynth.spi.disclosure;

import io.tabsynth.spi.data.TextSource;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A categorical column under the rare-value rule, as a spec states it: values with their weights, and a weight
 * of new values in a {@link TextShape}. Drawing picks a value or a new one by weight. Immutable.
 */
public final class NewValues implements TextSource {
    private final String[] values;
    private final double[] cumulative;
    private final TextShape shape;

    /**
     * @param weights   each value emitted as it is, with its positive weight (may be empty)
     * @param newWeight the weight of new values (positive)
     * @param shape     their written form
     */
    public NewValues(Map<String, Double> weights, double newWeight, TextShape shape) {
        if (!(newWeight > 0)) {
            throw new IllegalArgumentException("the weight of new values must be positive, found " + newWeight);
        }
        List<String> names = new ArrayList<>(weights.keySet());
        double total = newWeight;
        for (double w : weights.values()) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("weights must be positive, found " + w);
            }
            total += w;
        }
        this.values = names.toArray(new String[0]);
        this.cumulative = new double[values.length];
        double run = 0;
        for (int i = 0; i < values.length; i++) {
            run += weights.get(values[i]);
            cumulative[i] = run / total;
        }
        this.shape = shape;
    }

    @Override
    public String text(Rng rng) {
        double u = rng.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return i < values.length ? values[i] : shape.draw(rng);
    }
}
