package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.io.NonClosingStream;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A fitted adversarial random forest: the leaves of its last forest ({@link LeafSet}) for the learned columns, new
 * keys ({@link KeyFormat}) for identifiers and new texts ({@link BagOfWords}) for free text; columns that other
 * columns' values decide take the decided value ({@link Determination}). Conditioned on column
 * values, it draws only from leaves and codes that lead to them through the decided columns
 * ({@link ConditionedLeaves}), and writes the values asked for. Saved as JSON (format {@value #FORMAT}).
 */
final class ArfModel extends BatchedModel {
    static final String FORMAT = "tabsynth-arf";
    static final int VERSION = 1;

    private final Schema schema;
    /** Per schema column: its feature, or null for a column outside the forest. */
    private final Feature[] features;
    /** Per schema column: the feature index, or -1. */
    private final int[] featureIndex;
    private final KeyFormat[] keys;
    private final BagOfWords[] texts;
    private final LeafSet leaves;
    /** What rows are drawn from: {@link #leaves}, or for a conditioned model the leaves conditioned. */
    private final LeafSet drawnFrom;
    /** The columns other columns' values decide, in the order they are set. */
    private final List<Determination> determinations;
    private final Map<String, Object> training;
    /** What the fit warned of (the leaf size), kept in the model file. */
    private final List<String> warnings;
    /** The feature indexes and values a conditioned model writes; empty for the plain model. */
    private final int[] fixedColumns;
    private final double[] fixedValues;

    ArfModel(Schema schema, Feature[] features, KeyFormat[] keys, BagOfWords[] texts, LeafSet leaves,
             List<Determination> determinations, Map<String, Object> training, List<String> warnings) {
        this(schema, features, keys, texts, leaves, determinations, training, warnings, leaves, new int[0],
                new double[0]);
    }

    private ArfModel(Schema schema, Feature[] features, KeyFormat[] keys, BagOfWords[] texts, LeafSet leaves,
                     List<Determination> determinations, Map<String, Object> training, List<String> warnings,
                     LeafSet drawnFrom, int[] fixedColumns, double[] fixedValues) {
        this.determinations = List.copyOf(determinations);
        this.schema = schema;
        this.features = features;
        this.keys = keys;
        this.texts = texts;
        this.leaves = leaves;
        this.drawnFrom = drawnFrom;
        this.training = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(training));
        this.warnings = List.copyOf(warnings);
        this.fixedColumns = fixedColumns;
        this.fixedValues = fixedValues;
        this.featureIndex = new int[features.length];
        int f = 0;
        for (int c = 0; c < features.length; c++) {
            featureIndex[c] = features[c] == null ? -1 : f++;
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    LeafSet leaves() {
        return leaves;
    }

    @Override
    public Map<String, String> describeColumns() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int c = 0; c < features.length; c++) {
            String name = schema.column(c).name();
            if (keys[c] != null) {
                out.put(name, keys[c].describe());
            } else if (texts[c] != null) {
                out.put(name, texts[c].describe());
            } else if (features[c].isCategory()) {
                out.put(name, "category shares per leaf, " + features[c].levels() + " codes");
            } else {
                out.put(name, "per leaf: " + features[c].spikes().length
                        + " spikes kept exactly, the rest a truncated normal within the leaf's bounds");
            }
        }
        for (Determination d : determinations) {
            String target = learnedName(d.target());
            out.put(target, out.get(target) + "; decided by " + learnedName(d.by()) + " where its value decides it");
        }
        out.put("(forest)", leaves.leaves().size() + " leaves; " + training);
        return out;
    }

    /** The column name of a learned feature. */
    private String learnedName(int feature) {
        for (int c = 0; c < featureIndex.length; c++) {
            if (featureIndex[c] == feature) {
                return schema.column(c).name();
            }
        }
        throw new IllegalArgumentException("no feature " + feature);
    }

    @Override
    public Optional<Model> conditioned(Map<String, String> conditions) {
        int[] columns = new int[conditions.size()];
        double[] values = new double[conditions.size()];
        int k = 0;
        for (Map.Entry<String, String> e : conditions.entrySet()) {
            if (!schema.has(e.getKey())) {
                return Optional.empty();
            }
            int c = schema.indexOf(e.getKey());
            if (features[c] == null) {
                return Optional.empty();
            }
            double v = features[c].isCategory() ? features[c].code(e.getValue()) : features[c].number(e.getValue());
            if (features[c].isCategory() ? v < 0 : Double.isNaN(v)) {
                return Optional.empty();
            }
            columns[k] = featureIndex[c];
            values[k++] = v;
        }
        boolean[] category = new boolean[leaves.columns()];
        for (int c = 0; c < features.length; c++) {
            if (features[c] != null) {
                category[featureIndex[c]] = features[c].isCategory();
            }
        }
        LeafSet steered = ConditionedLeaves.of(leaves, determinations, category, columns, values);
        return steered == null ? Optional.empty()
                : Optional.of(new ArfModel(schema, features, keys, texts, leaves, determinations, training, warnings,
                        steered, columns, values));
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        long outsideSeed = rng.nextLong();
        double[][] drawn = drawnFrom.draw(rows, rng);
        for (Determination d : determinations) {
            d.apply(drawn, rows);
        }
        for (int k = 0; k < fixedColumns.length; k++) {
            java.util.Arrays.fill(drawn[fixedColumns[k]], fixedValues[k]);
        }
        Table t = Table.create("synthetic");
        long firstRow = batch * BATCH_ROWS;
        for (int c = 0; c < features.length; c++) {
            if (features[c] != null) {
                t.addColumns(features[c].decode(drawn[featureIndex[c]], rows));
                continue;
            }
            Rng own = Seeds.rng(outsideSeed, c);
            String[] out = new String[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = keys[c] != null ? keys[c].key(firstRow + i, own) : texts[c].text(own);
            }
            t.addColumns(StringColumn.create(schema.column(c).name(), out));
        }
        return Frame.of(t, schema);
    }

    /** Jackson, created on first save or load only. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonOutput.mapper();
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("schema", schema.toJson());
        root.set("training", Json.MAPPER.valueToTree(new java.util.TreeMap<>(training)));
        if (!warnings.isEmpty()) {
            root.set("warnings", Json.MAPPER.valueToTree(warnings));
        }
        ArrayNode cols = root.putArray("columns");
        for (int c = 0; c < features.length; c++) {
            ObjectNode o;
            if (features[c] != null) {
                o = features[c].toJson();
            } else if (keys[c] != null) {
                o = keys[c].writeTo(Json.MAPPER.createObjectNode());
            } else {
                o = texts[c].writeTo(Json.MAPPER.createObjectNode());
            }
            cols.add(o);
        }
        ArrayNode ds = root.putArray("determinations");
        determinations.forEach(d -> ds.add(d.toJson()));
        ArrayNode ls = root.putArray("leaves");
        for (Leaf leaf : leaves.leaves()) {
            ObjectNode l = ls.addObject();
            l.put("coverage", leaf.coverage());
            ArrayNode lc = l.putArray("columns");
            for (LeafColumn column : leaf.columns()) {
                lc.add(column.toJson());
            }
        }
        Json.MAPPER.writeValue(new NonClosingStream(out), root);
    }

    static ArfModel load(InputStream in) throws IOException {
        JsonNode root = Json.MAPPER.readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not an adversarial random forest model (format is not " + FORMAT + ")");
        }
        int version = root.path("version").asInt();
        if (version != VERSION) {
            throw new IOException("adversarial random forest model version " + version
                    + " is not supported (this plugin reads version " + VERSION + ")");
        }
        Schema schema = Schema.fromJson(root.get("schema"));
        int n = schema.size();
        Feature[] features = new Feature[n];
        KeyFormat[] keys = new KeyFormat[n];
        BagOfWords[] texts = new BagOfWords[n];
        boolean[] category = new boolean[n];
        int learned = 0;
        for (int c = 0; c < n; c++) {
            ColumnSpec spec = schema.column(c);
            JsonNode o = root.get("columns").get(c);
            if (spec.kind() == ColumnKind.IDENTIFIER) {
                keys[c] = KeyFormat.readFrom(o);
            } else if (spec.kind() == ColumnKind.FREE_TEXT) {
                texts[c] = BagOfWords.readFrom(o);
            } else {
                features[c] = Feature.fromJson(spec, o);
                category[learned++] = features[c].isCategory();
            }
        }
        List<Leaf> leaves = new ArrayList<>();
        for (JsonNode l : root.get("leaves")) {
            LeafColumn[] cols = new LeafColumn[learned];
            for (int j = 0; j < learned; j++) {
                JsonNode o = l.get("columns").get(j);
                cols[j] = category[j] ? CategoryShares.fromJson(o) : NumberDensity.fromJson(o);
            }
            leaves.add(new Leaf(l.path("coverage").asInt(), cols));
        }
        Map<String, Object> training = Json.MAPPER.convertValue(root.get("training"),
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        List<Determination> determinations = new ArrayList<>();
        root.path("determinations").forEach(d -> determinations.add(Determination.fromJson(d)));
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new ArfModel(schema, features, keys, texts, LeafSet.of(leaves, learned), determinations, training,
                warnings);
    }
}
