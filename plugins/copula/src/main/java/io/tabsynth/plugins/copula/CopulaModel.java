package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.JsonOutput;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.engine.random.Seeds;
import io.tabsynth.engine.spi.BatchedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A fitted Gaussian copula: one {@link ColumnModel} per column and the latent correlation of the copula
 * dimensions (one per modelled column, plus one per numeric column with missing values). A batch draws
 * correlated normals ({@link CorrelatedNormals}) and hands each column its scores. The saved form is JSON (see docs/model-format.md), readable by an auditor.
 */
final class CopulaModel extends BatchedModel {
    static final String FORMAT = "tabsynth-gaussian-copula";
    /** The newest payload version this plugin reads: 1 holds a full correlation, 2 a factor model. */
    static final int VERSION = 2;

    private final Schema schema;
    private final List<ColumnModel> columns;
    private final int[] dimension;
    private final int[] nullDimension;
    private final CorrelatedNormals normals;
    /** Whether every column's sampling tables are made (racing batches make the same tables twice at worst). */
    private volatile boolean prepared;

    CopulaModel(Schema schema, List<ColumnModel> columns, CorrelatedNormals normals) {
        this.schema = schema;
        this.columns = List.copyOf(columns);
        this.dimension = new int[columns.size()];
        this.nullDimension = new int[columns.size()];
        int d = 0;
        for (int i = 0; i < columns.size(); i++) {
            dimension[i] = columns.get(i).inCopula() ? d++ : -1;
            nullDimension[i] = columns.get(i).nullDimension() ? d++ : -1;
        }
        if (normals.dimensions() != d) {
            throw new IllegalArgumentException("the correlation has " + normals.dimensions()
                    + " dimensions but the model has " + d + " copula dimensions");
        }
        this.normals = normals;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** The copula columns' correlation of normal scores (a copy). */
    double[][] correlation() {
        return normals.correlation();
    }

    /** How the model draws its correlated normal scores. */
    CorrelatedNormals normals() {
        return normals;
    }

    List<ColumnModel> columns() {
        return columns;
    }

    @Override
    public java.util.Map<String, String> describeColumns() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (ColumnModel c : columns) {
            out.put(c.spec().name(), c.describe());
        }
        return out;
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        if (!prepared) {
            // a wide table's lookup tables take seconds one after another: make them on every core
            columns.parallelStream().forEach(ColumnModel::prepareSampling);
            prepared = true;
        }
        long columnSeed = rng.nextLong();
        double[][] z = new double[normals.dimensions()][rows];
        normals.draw(rng, z, rows);
        Table t = Table.create("synthetic");
        long firstRow = batch * BATCH_ROWS;
        for (int c = 0; c < columns.size(); c++) {
            double[] scores = dimension[c] < 0 ? null : z[dimension[c]];
            double[] nullScores = nullDimension[c] < 0 ? null : z[nullDimension[c]];
            t.addColumns(columns.get(c).sample(scores, nullScores, rows, firstRow, Seeds.rng(columnSeed, c)));
        }
        return Frame.of(t, schema);
    }

    /** Jackson, created on first save or load only: fitting and sampling should not pay for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonOutput.mapper();
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", normals.payloadVersion());
        root.set("schema", schema.toJson());
        ArrayNode cols = root.putArray("columns");
        for (ColumnModel c : columns) {
            ObjectNode o = c.toJson();
            o.put("name", c.spec().name());
            cols.add(o);
        }
        normals.toJson(root);
        Json.MAPPER.writeValue(new NonClosing(out), root);
    }

    static CopulaModel load(InputStream in) throws IOException {
        JsonNode root = Json.MAPPER.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a Gaussian copula model (format is not " + FORMAT + ")");
        }
        int version = root.path("version").asInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("Gaussian copula model version " + version
                    + " is not supported (this plugin reads versions 1 to " + VERSION + ")");
        }
        Schema schema = Schema.fromJson(root.get("schema"));
        List<ColumnModel> columns = new ArrayList<>();
        JsonNode cols = root.get("columns");
        for (int i = 0; i < schema.size(); i++) {
            ColumnSpec spec = schema.column(i);
            columns.add(ColumnModels.fromJson(spec, cols.get(i)));
        }
        return new CopulaModel(schema, columns, CorrelatedNormals.fromJson(root));
    }

    /** Keeps Jackson from closing the engine's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
