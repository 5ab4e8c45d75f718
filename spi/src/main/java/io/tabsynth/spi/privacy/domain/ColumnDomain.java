package io.tabsynth.spi.privacy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import tech.tablesaw.columns.Column;

/**
 * The finite set of cells one column's values fall into, fixed before any count is released: categories or
 * numeric bins, and always a last cell for a missing value. It turns the real values into cells and sampled cells
 * back into values in the column's own form.
 */
public interface ColumnDomain {
    ColumnSpec spec();

    /** How many cells, the missing cell (the last) included. */
    int size();

    /** The index of the missing cell. */
    default int missingCell() {
        return size() - 1;
    }

    /** The cell of every row of column {@code column}. */
    int[] cells(Frame data, int column);

    /**
     * Values for sampled cells. {@code oneWay} is the column's fitted distribution over its cells, for domains
     * that stand in a released value for a cell holding several (the categories too rare to be released).
     */
    Column<?> values(int[] cells, double[] oneWay, Rng rng);

    /**
     * Where the domain came from: {@link DomainRelease#DECLARED}, {@code paid: …} (the mechanism) or
     * {@code public: …} (its kind's).
     */
    String source();

    /** For people: the cells and where their edges or categories came from. */
    String describe();

    ObjectNode toJson();

    /** The domain saved by {@link #toJson()}, or null when the JSON holds no domain model this reads. */
    static ColumnDomain fromJson(ColumnSpec spec, JsonNode o) {
        String model = o.path("model").asText();
        if (model.equals(CategoryDomain.MODEL)) {
            return CategoryDomain.fromJson(spec, o);
        }
        if (model.equals(NumericDomain.MODEL)) {
            return NumericDomain.fromJson(spec, o);
        }
        return null;
    }
}
