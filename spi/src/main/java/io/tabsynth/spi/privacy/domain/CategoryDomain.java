package io.tabsynth.spi.privacy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The domain of a categorical, free-text or boolean column: its released categories, then (where the categories
 * were selected privately) one cell for every value that was not released, then the missing cell. A value drawn
 * in the unreleased cell is written as one of the released categories, drawn by their fitted shares: no
 * unreleased value can ever be written.
 */
public final class CategoryDomain implements ColumnDomain {
    public static final String MODEL = "categories";
    private static final List<String> BOOLEANS = List.of("false", "true");

    private final ColumnSpec spec;
    private final List<String> categories;
    private final boolean unreleasedCell;
    private final String source;

    public CategoryDomain(ColumnSpec spec, List<String> categories, boolean unreleasedCell, String source) {
        this.spec = spec;
        this.categories = List.copyOf(categories);
        this.unreleasedCell = unreleasedCell;
        this.source = source;
    }

    /** A boolean column's public domain: false, true (its kind says so, no budget is spent). */
    public static CategoryDomain booleans(ColumnSpec spec) {
        return new CategoryDomain(spec, BOOLEANS, false, "public: the boolean values");
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public int size() {
        return categories.size() + (unreleasedCell ? 1 : 0) + 1;
    }

    @Override
    public String source() {
        return source;
    }

    /** The released categories, in cell order. */
    public List<String> categories() {
        return categories;
    }

    /** The cell that holds every value not released, or -1 when the domain has none. */
    public int unreleasedCell() {
        return unreleasedCell ? categories.size() : -1;
    }

    @Override
    public int[] cells(Frame data, int column) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        int unreleased = categories.size();
        int[] cells = new int[data.rowCount()];
        for (int r = 0; r < cells.length; r++) {
            Object value = data.cell(column, r);
            if (value == null) {
                cells[r] = missingCell();
            } else {
                Integer cell = index.get(value.toString());
                cells[r] = cell != null ? cell : unreleased;
            }
        }
        return cells;
    }

    @Override
    public Column<?> values(int[] cells, double[] oneWay, Rng rng) {
        double[] released = new double[categories.size()];
        System.arraycopy(oneWay, 0, released, 0, released.length);
        CellSampler standIn = CellSampler.of(released);
        if (spec.kind() == ColumnKind.BOOLEAN) {
            BooleanColumn out = BooleanColumn.create(spec.name());
            for (int cell : cells) {
                if (cell == missingCell()) {
                    out.appendMissing();
                } else {
                    out.append(BOOLEANS.get(cell).equals("true"));
                }
            }
            return out;
        }
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            int cell = cells[i];
            if (cell == missingCell() || categories.isEmpty()) {
                out[i] = "";
            } else {
                out[i] = categories.get(cell < categories.size() ? cell : standIn.draw(rng));
            }
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return categories.size() + (categories.size() == 1 ? " category (" : " categories (") + source + ")" + (unreleasedCell ? " and a cell for the rest" : "")
                + ", and missing";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", MODEL);
        ArrayNode values = o.putArray("categories");
        categories.forEach(values::add);
        o.put("unreleasedCell", unreleasedCell);
        o.put("source", source);
        return o;
    }

    public static CategoryDomain fromJson(ColumnSpec spec, JsonNode o) {
        List<String> categories = new ArrayList<>();
        o.path("categories").forEach(c -> categories.add(c.asText()));
        return new CategoryDomain(spec, categories, o.path("unreleasedCell").asBoolean(), o.path("source").asText());
    }
}
