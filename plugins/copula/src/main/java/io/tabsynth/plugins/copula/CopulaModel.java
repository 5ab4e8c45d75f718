package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A fitted Gaussian copula: one {@link ColumnModel} per column and the latent correlation of the copula
 * dimensions (one per modelled column, plus one per numeric column with missing values). A batch draws
 * correlated normals ({@link CorrelatedNormals}) and hands each column its scores. The saved form is JSON (see docs/model-format.md), readable by an auditor.
 */
final class CopulaModel extends BatchedModel {
    static final String FORMAT = "tabsynth-gaussian-copula";
    /**
     * The newest payload version this plugin reads: 1 holds a full correlation, 2 a factor model, 3 a mixture of
     * copulas ({@link MixtureModel}).
     */
    static final int VERSION = 3;
    /** The key of a differentially private fit's record (any payload version may hold it; older plugins ignore it). */
    static final String PRIVACY = "privacy";

    private final Schema schema;
    private final List<ColumnModel> columns;
    private final int[] dimension;
    private final int[] nullDimension;
    private final CorrelatedNormals normals;
    /** What a differentially private fit spent (see {@link PrivateFit}); empty for an ordinary fit. */
    private final Map<String, Object> privacy;
    /** Whether every column's sampling tables are made (racing batches make the same tables twice at worst). */
    private volatile boolean prepared;

    CopulaModel(Schema schema, List<ColumnModel> columns, CorrelatedNormals normals) {
        this(schema, columns, normals, Map.of());
    }

    /** A model with the record of what its differentially private fit spent. */
    CopulaModel(Schema schema, List<ColumnModel> columns, CorrelatedNormals normals, Map<String, Object> privacy) {
        this.privacy = Collections.unmodifiableMap(new LinkedHashMap<>(privacy));
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

    @Override
    public Map<String, Object> privacy() {
        return privacy;
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
        Object domains = privacy.get(PrivateFit.DOMAINS);
        for (ColumnModel c : columns) {
            Object domain = domains instanceof Map<?, ?> m ? m.get(c.spec().name()) : null;
            out.put(c.spec().name(), c.describe() + (domain == null ? "" : " from noisy counts of " + domain));
        }
        return out;
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        return Frame.of(sampleTable(rows, batch * BATCH_ROWS, rng), schema);
    }

    /** {@code rows} sampled rows, the first being row {@code firstRow} of the whole sample. */
    Table sampleTable(int rows, long firstRow, Rng rng) {
        if (!prepared) {
            // a wide table's lookup tables take seconds one after another: make them on every core
            columns.parallelStream().forEach(ColumnModel::prepareSampling);
            prepared = true;
        }
        long columnSeed = rng.nextLong();
        double[][] z = new double[normals.dimensions()][rows];
        normals.draw(rng, z, rows);
        Table t = Table.create("synthetic");
        for (int c = 0; c < columns.size(); c++) {
            double[] scores = dimension[c] < 0 ? null : z[dimension[c]];
            double[] nullScores = nullDimension[c] < 0 ? null : z[nullDimension[c]];
            t.addColumns(columns.get(c).sample(scores, nullScores, rows, firstRow, Seeds.rng(columnSeed, c)));
        }
        return t;
    }

    /**
     * The columns outside the copula (identifiers, free text) alone, {@code rows} of them from row {@code firstRow}
     * of the whole sample; an empty table if there are none.
     */
    Table sampleOutside(int rows, long firstRow, Rng rng) {
        long columnSeed = rng.nextLong();
        Table t = Table.create("synthetic");
        for (int c = 0; c < columns.size(); c++) {
            if (dimension[c] < 0 && nullDimension[c] < 0) {
                t.addColumns(columns.get(c).sample(null, null, rows, firstRow, Seeds.rng(columnSeed, c)));
            }
        }
        return t;
    }

    /** Jackson, created on first save or load only: fitting and sampling should not pay for it. */
    static final class Json {
        static final ObjectMapper MAPPER = JsonOutput.mapper();
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", normals.payloadVersion());
        root.set("schema", schema.toJson());
        writeDependence(root);
        Json.MAPPER.writeValue(new io.tabsynth.spi.io.NonClosingStream(out), root);
    }

    /** Writes the column models and the correlation into {@code o} (the whole model but its schema). */
    void writeDependence(ObjectNode o) {
        ArrayNode cols = o.putArray("columns");
        for (ColumnModel c : columns) {
            ObjectNode col = c.toJson();
            col.put("name", c.spec().name());
            cols.add(col);
        }
        normals.toJson(o);
        if (!privacy.isEmpty()) {
            o.set(PRIVACY, Json.MAPPER.valueToTree(privacy));
        }
    }

    /** The model of {@link #writeDependence}'s object {@code o}, for the columns of {@code schema}. */
    static CopulaModel readDependence(Schema schema, JsonNode o) {
        List<ColumnModel> columns = new ArrayList<>();
        JsonNode cols = o.get("columns");
        for (int i = 0; i < schema.size(); i++) {
            columns.add(ColumnModels.fromJson(schema.column(i), cols.get(i)));
        }
        JsonNode privacy = o.get(PRIVACY);
        return new CopulaModel(schema, columns, CorrelatedNormals.fromJson(o), privacy == null ? Map.of()
                : Json.MAPPER.convertValue(privacy, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    /** The saved model's root object, checked to be a Gaussian copula model of a version this plugin reads. */
    static JsonNode root(InputStream in) throws IOException {
        JsonNode root = Json.MAPPER.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a Gaussian copula model (format is not " + FORMAT + ")");
        }
        int version = root.path("version").asInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("Gaussian copula model version " + version
                    + " is not supported (this plugin reads versions 1 to " + VERSION + ")");
        }
        return root;
    }

    static CopulaModel load(InputStream in) throws IOException {
        JsonNode root = root(in);
        return readDependence(Schema.fromJson(root.get("schema")), root);
    }
}
