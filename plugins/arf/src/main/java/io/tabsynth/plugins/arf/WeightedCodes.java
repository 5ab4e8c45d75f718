package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.Arrays;

/**
 * A category column within a leaf whose codes carry weights rather than row counts: a leaf's {@link CategoryShares}
 * reweighted by each code's chance of agreeing with a condition ({@link ConditionedLeaves}). Only codes of positive
 * weight are kept. Immutable.
 */
final class WeightedCodes implements LeafColumn {
    private final int[] codes;
    private final double[] weights;
    private final double[] cumulative;

    WeightedCodes(int[] codes, double[] weights) {
        int kept = 0;
        for (double w : weights) {
            kept += w > 0 ? 1 : 0;
        }
        this.codes = new int[kept];
        this.weights = new double[kept];
        this.cumulative = new double[kept];
        double run = 0;
        int k = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                run += weights[i];
                this.codes[k] = codes[i];
                this.weights[k] = weights[i];
                this.cumulative[k++] = run;
            }
        }
    }

    /** The sum of the weights (0 when no code has any). */
    double total() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    @Override
    public double draw(Rng rng) {
        int i = Arrays.binarySearch(cumulative, rng.nextDouble() * total());
        return codes[Math.min(i >= 0 ? i + 1 : -i - 1, codes.length - 1)];
    }

    @Override
    public double chance(double value) {
        int i = Arrays.binarySearch(codes, (int) value);
        return i < 0 ? 0 : weights[i] / total();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putPOJO("codes", codes);
        ArrayNode w = o.putArray("weights");
        for (double x : weights) {
            w.add(x);
        }
        return o;
    }
}
