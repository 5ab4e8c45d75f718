package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.random.Rng;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * An identifier column: new keys in the format learned from the real keys ({@link KeyFormat}), never the real
 * keys themselves. Keys are unique within one sample.
 */
final class IdentifierColumn implements ColumnModel {
    private final ColumnSpec spec;
    private final KeyFormat format;

    IdentifierColumn(ColumnSpec spec, KeyFormat format) {
        this.spec = spec;
        this.format = format;
    }

    /** Learns the key format from the real keys. */
    static IdentifierColumn fit(ColumnSpec spec, List<String> keys) {
        return new IdentifierColumn(spec, KeyFormat.learn(spec.name(), keys));
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public boolean inCopula() {
        return false;
    }

    @Override
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = format.key(firstRow + i, rng);
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return format.describe();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "identifier");
        return format.writeTo(o);
    }

    static IdentifierColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new IdentifierColumn(spec, KeyFormat.readFrom(o));
    }
}
