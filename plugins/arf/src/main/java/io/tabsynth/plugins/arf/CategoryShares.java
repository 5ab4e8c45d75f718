package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.Arrays;

/** A category column within a leaf: how many of the leaf's real rows hold each code (only codes held). */
final class CategoryShares implements LeafColumn {
    private final int[] codes;
    private final int[] counts;
    private final int[] cumulative;

    CategoryShares(int[] codes, int[] counts) {
        this.codes = codes;
        this.counts = counts;
        this.cumulative = new int[counts.length];
        int run = 0;
        for (int i = 0; i < counts.length; i++) {
            run += counts[i];
            cumulative[i] = run;
        }
    }

    /** The shares of the codes of {@code values} at {@code rows}. */
    static CategoryShares of(double[] values, int[] rows, int levels) {
        int[] count = new int[levels];
        for (int r : rows) {
            count[(int) values[r]]++;
        }
        int held = 0;
        for (int c : count) {
            held += c > 0 ? 1 : 0;
        }
        int[] codes = new int[held];
        int[] counts = new int[held];
        int k = 0;
        for (int c = 0; c < levels; c++) {
            if (count[c] > 0) {
                codes[k] = c;
                counts[k++] = count[c];
            }
        }
        return new CategoryShares(codes, counts);
    }

    @Override
    public double draw(Rng rng) {
        int u = rng.nextInt(cumulative[cumulative.length - 1]);
        int i = Arrays.binarySearch(cumulative, u + 1);
        return codes[i >= 0 ? i : -i - 1];
    }

    /**
     * The codes held, each weighted by its share of the leaf's rows times {@code factor} of the code: the leaf's
     * chance of drawing the code and of the code agreeing with a condition; their total is the chance of agreeing.
     */
    WeightedCodes weighted(java.util.function.IntToDoubleFunction factor) {
        double total = cumulative[cumulative.length - 1];
        double[] weights = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            weights[i] = counts[i] / total * factor.applyAsDouble(codes[i]);
        }
        return new WeightedCodes(codes, weights);
    }

    @Override
    public double chance(double value) {
        int i = Arrays.binarySearch(codes, (int) value);
        return i < 0 ? 0 : counts[i] / (double) cumulative[cumulative.length - 1];
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putPOJO("codes", codes);
        o.putPOJO("counts", counts);
        return o;
    }

    static CategoryShares fromJson(JsonNode o) {
        return new CategoryShares(ints(o.get("codes")), ints(o.get("counts")));
    }

    static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }
}
