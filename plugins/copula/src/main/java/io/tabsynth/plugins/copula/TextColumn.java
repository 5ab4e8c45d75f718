package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.random.Rng;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * A free-text column: new texts from a {@link BagOfWords} learned from the real ones, outside the copula. They
 * match the real texts' vocabulary and length but copy none of them.
 */
final class TextColumn implements ColumnModel {
    private final ColumnSpec spec;
    private final BagOfWords words;

    TextColumn(ColumnSpec spec, BagOfWords words) {
        this.spec = spec;
        this.words = words;
    }

    static TextColumn fit(ColumnSpec spec, List<String> texts) {
        return new TextColumn(spec, BagOfWords.learn(texts));
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
            out[i] = words.text(rng);
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return words.describe();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "text");
        return words.writeTo(o);
    }

    static TextColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new TextColumn(spec, BagOfWords.readFrom(o));
    }
}
