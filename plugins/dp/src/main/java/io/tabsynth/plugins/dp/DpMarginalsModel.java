package io.tabsynth.plugins.dp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.domain.CellSampler;
import io.tabsynth.spi.privacy.domain.ColumnDomain;
import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A fitted dp-marginals model: every modelled column's domain, the tree of columns with the root's distribution
 * and each other column's distribution given its parent's cell, and the record of what the fit spent. A batch
 * draws the root's cell, then each column's cell given its parent's, then each cell's value. Identifier columns
 * get new keys NAME-000001, NAME-000002, … (the real keys' format is not learned: that would read the data outside
 * the budget; bare numbers would read back as a number column, not with the content the lineage recorded).
 * Saved as JSON (see docs/model-format.md).
 */
final class DpMarginalsModel extends BatchedModel {
    static final String FORMAT = "tabsynth-dp-marginals";
    static final int VERSION = 1;

    private final Schema schema;
    /** Each schema column's domain, null for an identifier column. */
    private final List<ColumnDomain> domains;
    /** The schema index of each modelled column. */
    private final int[] modelled;
    private final TreeEstimate tree;
    private final Map<String, Object> privacy;
    private final CellSampler[][] samplers;

    DpMarginalsModel(Schema schema, List<ColumnDomain> domains, TreeEstimate tree, Map<String, Object> privacy) {
        this.schema = schema;
        this.domains = Collections.unmodifiableList(new ArrayList<>(domains));
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < domains.size(); c++) {
            if (domains.get(c) != null) {
                columns.add(c);
            }
        }
        this.modelled = columns.stream().mapToInt(Integer::intValue).toArray();
        this.tree = tree;
        this.privacy = Collections.unmodifiableMap(new LinkedHashMap<>(privacy));
        this.samplers = new CellSampler[modelled.length][];
        for (int m = 0; m < modelled.length; m++) {
            double[][] rows = tree.conditional()[m];
            samplers[m] = new CellSampler[rows.length];
            for (int p = 0; p < rows.length; p++) {
                samplers[m][p] = CellSampler.of(rows[p]);
            }
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Map<String, Object> privacy() {
        return privacy;
    }

    /** Each modelled column's fitted one-way distribution over its cells (for tests and reports). */
    double[] oneWay(String column) {
        int c = schema.indexOf(column);
        for (int m = 0; m < modelled.length; m++) {
            if (modelled[m] == c) {
                return tree.oneWay()[m].clone();
            }
        }
        throw new IllegalArgumentException("column '" + column + "' is not modelled");
    }

    /** The tree's edges as pairs of column names, parent first. */
    List<List<String>> edges() {
        List<List<String>> edges = new ArrayList<>();
        for (int m = 0; m < modelled.length; m++) {
            int p = tree.parent()[m];
            if (p >= 0) {
                edges.add(List.of(schema.column(modelled[p]).name(), schema.column(modelled[m]).name()));
            }
        }
        return edges;
    }

    ColumnDomain domain(String column) {
        return domains.get(schema.indexOf(column));
    }

    @Override
    public Map<String, String> describeColumns() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnDomain d = domains.get(c);
            out.put(schema.column(c).name(), d == null ? "new keys " + KeyFormat.named(schema.column(c).name()).key(0, null) + ", ... (identifier)" : d.describe());
        }
        int target = tree.target();
        for (int m = 0; m < modelled.length; m++) {
            int p = tree.parent()[m];
            if (p >= 0) {
                boolean both = target >= 0 && p != target;
                out.put(schema.column(modelled[m]).name() + " given", schema.column(modelled[p]).name()
                        + (both ? " and " + schema.column(modelled[target]).name() + " (tree edge and target)"
                        : " (tree edge)"));
            }
        }
        return out;
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        int[][] cells = new int[modelled.length][rows];
        int[] row = new int[modelled.length];
        for (int r = 0; r < rows; r++) {
            for (int m : tree.order()) {
                row[m] = samplers[m][tree.conditionalRow(m, row)].draw(rng);
                cells[m][r] = row[m];
            }
        }
        Table table = Table.create("synthetic");
        long firstRow = batch * BATCH_ROWS;
        int m = 0;
        for (int c = 0; c < schema.size(); c++) {
            ColumnDomain d = domains.get(c);
            if (d == null) {
                KeyFormat format = KeyFormat.named(schema.column(c).name());
                String[] keys = new String[rows];
                for (int r = 0; r < rows; r++) {
                    keys[r] = format.key(firstRow + r, rng);
                }
                table.addColumns(StringColumn.create(schema.column(c).name(), keys));
            } else {
                table.addColumns(d.values(cells[m], tree.oneWay()[m], rng));
                m++;
            }
        }
        return Frame.of(table, schema);
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
        ArrayNode columns = root.putArray("columns");
        for (int c = 0; c < schema.size(); c++) {
            ColumnDomain d = domains.get(c);
            ObjectNode o = d == null ? Json.MAPPER.createObjectNode().put("model", "identifier") : d.toJson();
            o.put("name", schema.column(c).name());
            columns.add(o);
        }
        ObjectNode t = root.putObject("tree");
        t.put("rows", tree.rows());
        t.set("order", Json.MAPPER.valueToTree(tree.order()));
        t.set("parent", Json.MAPPER.valueToTree(tree.parent()));
        t.set("oneWay", Json.MAPPER.valueToTree(tree.oneWay()));
        t.set("conditional", Json.MAPPER.valueToTree(tree.conditional()));
        if (tree.target() >= 0) {
            t.put("target", tree.target());
        }
        root.set("privacy", Json.MAPPER.valueToTree(privacy));
        Json.MAPPER.writeValue(new io.tabsynth.spi.io.NonClosingStream(out), root);
    }

    static DpMarginalsModel load(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IOException("not a dp-marginals model: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a dp-marginals model (format is not " + FORMAT + ")");
        }
        int version = root.path("version").asInt();
        if (version != VERSION) {
            throw new IOException("dp-marginals model version " + version + " is not supported (this plugin reads "
                    + "version " + VERSION + ")");
        }
        Schema schema = Schema.fromJson(root.get("schema"));
        List<ColumnDomain> domains = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnSpec spec = schema.column(c);
            JsonNode o = root.path("columns").path(c);
            String model = o.path("model").asText();
            ColumnDomain domain = ColumnDomain.fromJson(spec, o);
            if (domain != null) {
                domains.add(domain);
            } else if (model.equals("identifier") && spec.kind() == ColumnKind.IDENTIFIER) {
                domains.add(null);
            } else {
                throw new IOException("dp-marginals model: column '" + spec.name() + "' has an unknown model '"
                        + model + "'");
            }
        }
        JsonNode t = root.path("tree");
        TreeEstimate tree = new TreeEstimate(t.path("rows").asDouble(),
                Json.MAPPER.treeToValue(t.path("oneWay"), double[][].class),
                Json.MAPPER.treeToValue(t.path("order"), int[].class),
                Json.MAPPER.treeToValue(t.path("parent"), int[].class),
                Json.MAPPER.treeToValue(t.path("conditional"), double[][][].class), t.path("target").asInt(-1));
        Map<String, Object> privacy = Json.MAPPER.convertValue(root.path("privacy"),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        return new DpMarginalsModel(schema, domains, tree, privacy);
    }
}
