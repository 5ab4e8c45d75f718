package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.random.Rng;
import tech.tablesaw.columns.Column;

/**
 * A numeric column with few distinct values (ages, counts, ratings, money columns that are mostly zero):
 * each value with its exact share, in increasing order, so that spikes survive exactly and the order of
 * values lines up with the normal scores.
 */
final class DiscreteColumn implements ColumnModel {
    private final ColumnSpec spec;
    private final double[] values;
    private final double[] probabilities;
    private final double nullRate;
    private final NumericOutput output;
    private final Steps steps;
    private final NullGate nulls;

    DiscreteColumn(ColumnSpec spec, double[] values, double[] probabilities, double nullRate, NumericOutput output) {
        this.spec = spec;
        this.values = values;
        this.probabilities = probabilities;
        this.nullRate = nullRate;
        this.output = output;
        this.steps = new Steps(0, probabilities);
        this.nulls = new NullGate(nullRate);
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public boolean inCopula() {
        return true;
    }

    @Override
    public boolean nullDimension() {
        return nulls.active();
    }

    @Override
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = values.length == 0 || nulls.isNull(nullZ, i) ? Double.NaN : values[steps.index(z[i])];
        }
        return output.column(v, rows);
    }

    @Override
    public String describe() {
        return "empirical, " + values.length + " distinct values";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "discrete");
        o.put("nullRate", nullRate);
        o.putPOJO("values", values);
        o.putPOJO("probabilities", probabilities);
        output.toJson(o);
        return o;
    }

    static DiscreteColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new DiscreteColumn(spec, ColumnModels.doubles(o.get("values")), ColumnModels.doubles(o.get("probabilities")),
                o.path("nullRate").asDouble(), NumericOutput.fromJson(spec, o));
    }
}
