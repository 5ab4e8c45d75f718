package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.random.Rng;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * A categorical or boolean column: its labels, most frequent first, each with its share; nulls have their
 * own share. One copula dimension regardless of the number of categories.
 */
final class CategoryColumn implements ColumnModel {
    private final ColumnSpec spec;
    private final String[] labels;
    private final double[] probabilities;
    private final double nullRate;
    private final Steps steps;

    CategoryColumn(ColumnSpec spec, String[] labels, double[] probabilities, double nullRate) {
        this.spec = spec;
        this.labels = labels;
        this.probabilities = probabilities;
        this.nullRate = nullRate;
        this.steps = new Steps(nullRate, probabilities);
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
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        if (spec.kind() == ColumnKind.BOOLEAN) {
            BooleanColumn col = BooleanColumn.create(spec.name());
            for (int i = 0; i < rows; i++) {
                int k = steps.index(z[i]);
                if (k < 0) {
                    col.appendMissing();
                } else {
                    col.append(labels[k].equals("true"));
                }
            }
            return col;
        }
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            int k = steps.index(z[i]);
            out[i] = k < 0 ? "" : labels[k];
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return labels.length + " categories";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "categories");
        o.put("nullRate", nullRate);
        o.putPOJO("labels", labels);
        o.putPOJO("probabilities", probabilities);
        return o;
    }

    static CategoryColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new CategoryColumn(spec, ColumnModels.strings(o.get("labels")), ColumnModels.doubles(o.get("probabilities")),
                o.path("nullRate").asDouble());
    }
}
