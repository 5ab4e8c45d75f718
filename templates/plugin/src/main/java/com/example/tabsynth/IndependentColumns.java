package com.example.tabsynth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.TextColumns;
import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;
import tech.tablesaw.api.Table;

/**
 * An example third-party generator ({@code independent-columns}): each column is drawn on its own from its
 * values' real frequencies (missing included), so every marginal is kept and every relationship is lost. A
 * baseline to compare real generators with; note that it repeats real values.
 */
@Extension
public final class IndependentColumns implements Generator {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "independent-columns";
    }

    @Override
    public String description() {
        return "each column drawn on its own from its real frequencies (a baseline)";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(ParamSpec.integer("maxValues", 10_000, 1, 10_000_000, "most distinct values kept per column"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        int max = params.getInt("maxValues");
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int c = 0; c < data.columnCount(); c++) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int r = 0; r < data.rowCount(); r++) {
                String v = data.isMissing(c, r) ? "" : CellText.of(data, c, r);
                if (m.containsKey(v) || m.size() < max) {
                    m.merge(v, 1, Integer::sum);
                }
            }
            counts.add(m);
        }
        return new Frequencies(data.schema(), counts);
    }

    @Override
    public Model load(InputStream in) throws IOException {
        JsonNode n = JSON.readTree(in);
        if (n == null || !n.has("schema") || !n.has("columns")) {
            throw new IOException("not an independent-columns model (it needs 'schema' and 'columns')");
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (JsonNode col : n.get("columns")) {
            Map<String, Integer> m = new LinkedHashMap<>();
            col.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
            counts.add(m);
        }
        return new Frequencies(Schema.fromJson(n.get("schema")), counts);
    }

    /** The fitted model: per column, each value as written with its count ("" for missing). */
    static final class Frequencies extends BatchedModel {
        private final Schema schema;
        private final List<Map<String, Integer>> counts;
        private final List<String[]> values = new ArrayList<>();
        private final List<double[]> cumulative = new ArrayList<>();

        Frequencies(Schema schema, List<Map<String, Integer>> counts) {
            this.schema = schema;
            this.counts = counts;
            for (Map<String, Integer> m : counts) {
                String[] v = m.keySet().toArray(new String[0]);
                double[] cum = new double[v.length];
                double total = m.values().stream().mapToInt(Integer::intValue).sum();
                double run = 0;
                for (int i = 0; i < v.length; i++) {
                    run += m.get(v[i]) / total;
                    cum[i] = run;
                }
                values.add(v);
                cumulative.add(cum);
            }
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        protected Frame sampleBatch(long batch, int rows, Rng rng) {
            Table t = Table.create("sample");
            for (int c = 0; c < schema.size(); c++) {
                String[] v = values.get(c);
                double[] cum = cumulative.get(c);
                List<String> cells = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    int i = java.util.Arrays.binarySearch(cum, rng.nextDouble());
                    cells.add(v.length == 0 ? "" : v[Math.min(v.length - 1, i >= 0 ? i : -i - 1)]);
                }
                ColumnSpec spec = schema.column(c);
                t.addColumns(TextColumns.parse(spec, cells, MissingValues.DEFAULT, r -> "sampled row " + r));
            }
            return Frame.of(t, schema);
        }

        @Override
        public void save(OutputStream out) throws IOException {
            ObjectNode n = JSON.createObjectNode();
            n.set("schema", schema.toJson());
            var cols = n.putArray("columns");
            for (Map<String, Integer> m : counts) {
                ObjectNode o = cols.addObject();
                m.forEach(o::put);
            }
            out.write(JSON.writeValueAsBytes(n));
        }
    }
}
