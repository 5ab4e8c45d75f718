package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A mixture of Gaussian copulas: one {@link CopulaModel} per group of similar real rows ({@link Clusters}), each
 * drawn with its group's share of the rows. Each row of a batch picks its group, each group samples its rows, and
 * the rows are put back in the order they were picked. Columns outside the copula (identifiers, free text) are
 * drawn once for the whole batch by the first group's models, which every group shares, so keys stay unique and
 * run on across groups. Saved as payload version 3 (docs/model-format.md).
 */
final class MixtureModel extends BatchedModel {
    /** The payload version of a mixture. */
    static final int VERSION = 3;
    /** The saved model's key for the groups. */
    static final String KEY = "mixture";

    private final Schema schema;
    private final List<CopulaModel> components;
    private final double[] shares;
    private final double[] cumulative;

    MixtureModel(Schema schema, List<CopulaModel> components, double[] shares) {
        if (components.size() != shares.length || components.isEmpty()) {
            throw new IllegalArgumentException("a mixture needs one share per component: " + components.size()
                    + " components, " + shares.length + " shares");
        }
        this.schema = schema;
        this.components = List.copyOf(components);
        this.shares = shares.clone();
        this.cumulative = new double[shares.length];
        double run = 0;
        for (int k = 0; k < shares.length; k++) {
            run += shares[k];
            cumulative[k] = run;
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    List<CopulaModel> components() {
        return components;
    }

    double[] shares() {
        return shares.clone();
    }

    /** Each column as the largest group's copula models it, saying how many groups there are. */
    @Override
    public Map<String, String> describeColumns() {
        int largest = 0;
        for (int c = 1; c < shares.length; c++) {
            largest = shares[c] > shares[largest] ? c : largest;
        }
        String where = String.format(java.util.Locale.ROOT, " (in the largest of %d groups, %.0f %% of the rows)",
                components.size(), 100 * shares[largest]);
        Map<String, String> out = new LinkedHashMap<>();
        components.get(largest).describeColumns().forEach((column, model) -> out.put(column, model + where));
        return out;
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        int k = components.size();
        int[] component = new int[rows];
        int[] counts = new int[k];
        double total = cumulative[k - 1];
        for (int i = 0; i < rows; i++) {
            double u = rng.nextDouble() * total;
            int c = 0;
            while (c < k - 1 && u >= cumulative[c]) {
                c++;
            }
            component[i] = c;
            counts[c]++;
        }
        long componentSeed = rng.nextLong();
        long firstRow = batch * BATCH_ROWS;
        int[] start = new int[k];
        Table all = null;
        int offset = 0;
        for (int c = 0; c < k; c++) {
            start[c] = offset;
            if (counts[c] == 0) {
                continue;
            }
            Table part = components.get(c).sampleTable(counts[c], firstRow, Seeds.rng(componentSeed, c));
            all = all == null ? part : all.append(part);
            offset += counts[c];
        }
        int[] order = new int[rows];
        int[] next = start.clone();
        for (int i = 0; i < rows; i++) {
            order[i] = next[component[i]]++;
        }
        Table t = Table.create("synthetic");
        if (all == null) {
            t = components.get(0).sampleTable(0, firstRow, Seeds.rng(componentSeed, 0));
        } else {
            for (int col = 0; col < all.columnCount(); col++) {
                t.addColumns(reordered(all.column(col), order));
            }
        }
        Table outside = components.get(0).sampleOutside(rows, firstRow, Seeds.rng(componentSeed, k));
        for (int col = 0; col < outside.columnCount(); col++) {
            t.replaceColumn(outside.column(col).name(), outside.column(col));
        }
        return Frame.of(t, schema);
    }

    /** The column's values in the order of {@code order}: row i holds the source's row order[i]. */
    private static <T> Column<T> reordered(Column<T> source, int[] order) {
        Column<T> out = source.emptyCopy();
        for (int row : order) {
            out.append(source, row);
        }
        return out;
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode root = CopulaModel.Json.MAPPER.createObjectNode();
        root.put("format", CopulaModel.FORMAT);
        root.put("version", VERSION);
        root.set("schema", schema.toJson());
        ArrayNode groups = root.putArray(KEY);
        for (int c = 0; c < components.size(); c++) {
            ObjectNode g = groups.addObject();
            g.put("share", shares[c]);
            components.get(c).writeDependence(g);
        }
        CopulaModel.Json.MAPPER.writeValue(new io.tabsynth.spi.io.NonClosingStream(out), root);
    }

    /** The mixture a saved version-3 model's root holds. */
    static MixtureModel fromJson(Schema schema, JsonNode root) {
        List<CopulaModel> components = new ArrayList<>();
        JsonNode groups = root.get(KEY);
        double[] shares = new double[groups.size()];
        for (int c = 0; c < shares.length; c++) {
            shares[c] = groups.get(c).path("share").asDouble();
            components.add(CopulaModel.readDependence(schema, groups.get(c)));
        }
        return new MixtureModel(schema, components, shares);
    }
}
