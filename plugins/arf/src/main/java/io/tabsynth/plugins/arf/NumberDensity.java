package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.Arrays;

/**
 * A number column within a leaf (the paper's FORGE step): the leaf's real rows that are missing, those on each of
 * the column's spikes (drawn exactly), and the rest, drawn from a normal with their mean and spread truncated to the
 * leaf's bounds. Where fewer than the rare-value rule's k real rows of the leaf make the rest, their mean and spread
 * would describe a handful of people: the rest then takes the whole column's mean and spread (still within the
 * leaf's bounds), so no leaf leaks the values of fewer than k rows.
 */
final class NumberDensity implements LeafColumn {
    private final int missing;
    private final double[] spikeValues;
    private final int[] spikeCounts;
    private final int rest;
    private final double mean;
    private final double sd;
    private final double lo;
    private final double hi;
    private final int total;

    NumberDensity(int missing, double[] spikeValues, int[] spikeCounts, int rest, double mean, double sd, double lo,
                  double hi) {
        this.missing = missing;
        this.spikeValues = spikeValues;
        this.spikeCounts = spikeCounts;
        this.rest = rest;
        this.mean = mean;
        this.sd = sd;
        this.lo = lo;
        this.hi = hi;
        int t = missing + rest;
        for (int c : spikeCounts) {
            t += c;
        }
        this.total = t;
    }

    /**
     * The density of {@code values} at {@code rows} within {@code [lower, upper]}.
     *
     * @param whole the mean and spread of the whole column's values off its spikes, for a leaf with too few of them
     * @param least the rare-value rule's k: fewer values off the spikes take {@code whole}'s mean and spread
     */
    static NumberDensity of(double[] values, int[] rows, Feature feature, double lower, double upper, double[] whole,
                            int least) {
        int missing = 0;
        int[] perSpike = new int[feature.spikes().length];
        int rest = 0;
        double sum = 0;
        double sumSquares = 0;
        for (int r : rows) {
            double x = values[r];
            if (Double.isNaN(x)) {
                missing++;
                continue;
            }
            int s = feature.spike(x);
            if (s >= 0) {
                perSpike[s]++;
            } else {
                rest++;
                sum += x;
                sumSquares += x * x;
            }
        }
        int held = 0;
        for (int c : perSpike) {
            held += c > 0 ? 1 : 0;
        }
        double[] spikeValues = new double[held];
        int[] spikeCounts = new int[held];
        int k = 0;
        for (int s = 0; s < perSpike.length; s++) {
            if (perSpike[s] > 0) {
                spikeValues[k] = feature.spikes()[s];
                spikeCounts[k++] = perSpike[s];
            }
        }
        double mean = whole[0];
        double sd = whole[1];
        if (rest >= least) {
            mean = sum / rest;
            sd = Math.sqrt(Math.max(0, sumSquares / rest - mean * mean));
        }
        return new NumberDensity(missing, spikeValues, spikeCounts, rest, mean, sd,
                Math.max(lower, feature.min()), Math.min(upper, feature.max()));
    }

    @Override
    public double draw(Rng rng) {
        int u = rng.nextInt(total);
        if (u < missing) {
            return Double.NaN;
        }
        u -= missing;
        for (int s = 0; s < spikeCounts.length; s++) {
            if (u < spikeCounts[s]) {
                return spikeValues[s];
            }
            u -= spikeCounts[s];
        }
        return TruncatedNormal.draw(mean, sd, lo, hi, rng);
    }

    @Override
    public double chance(double value) {
        if (Double.isNaN(value)) {
            return missing / (double) total;
        }
        int s = Arrays.binarySearch(spikeValues, value);
        if (s >= 0) {
            return spikeCounts[s] / (double) total;
        }
        return value >= lo && value <= hi ? rest / (double) total : 0;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("missing", missing);
        o.putPOJO("spikes", spikeValues);
        o.putPOJO("spikeCounts", spikeCounts);
        o.put("rest", rest);
        o.put("mean", mean);
        o.put("sd", sd);
        o.put("lo", lo);
        o.put("hi", hi);
        return o;
    }

    static NumberDensity fromJson(JsonNode o) {
        JsonNode s = o.get("spikes");
        double[] spikes = new double[s.size()];
        for (int i = 0; i < spikes.length; i++) {
            spikes[i] = s.get(i).asDouble();
        }
        return new NumberDensity(o.path("missing").asInt(), spikes, CategoryShares.ints(o.get("spikeCounts")),
                o.path("rest").asInt(), o.path("mean").asDouble(), o.path("sd").asDouble(), o.path("lo").asDouble(),
                o.path("hi").asDouble());
    }
}
