package io.tabsynth.spi.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ordered, named and typed columns of a {@link Frame}. Immutable. */
public final class Schema {
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> index;

    private Schema(List<ColumnSpec> columns) {
        this.columns = List.copyOf(columns);
        Map<String, Integer> idx = new HashMap<>();
        Map<String, String> folded = new HashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            String name = this.columns.get(i).name();
            if (idx.put(name, i) != null) {
                throw new BadInputException("column name '" + name + "' appears twice in the schema");
            }
            String other = folded.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new BadInputException("column names '" + other + "' and '" + name + "' differ only in case, and"
                        + " tabsynth looks columns up regardless of case: rename one");
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    /** A schema of the given columns, in order; names must be unique. */
    public static Schema of(List<ColumnSpec> columns) {
        return new Schema(columns);
    }

    /** A schema of the given columns, in order; names must be unique. */
    public static Schema of(ColumnSpec... columns) {
        return new Schema(List.of(columns));
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public ColumnSpec column(int i) {
        return columns.get(i);
    }

    /** The spec of the named column; a {@link BadInputException} naming it if there is none. */
    public ColumnSpec column(String name) {
        return columns.get(indexOf(name));
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    /** The position of the named column; a {@link BadInputException} listing the columns if there is none. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw noSuchColumn("", name);
        }
        return i;
    }

    /**
     * The error for a name that is not a column: what the name was given as ({@code "target"}, or empty), the
     * nearest column name if one is near, and the columns.
     */
    public BadInputException noSuchColumn(String role, String name) {
        return new BadInputException((role.isEmpty() ? "" : role + " ") + "'" + name + "' is not a column"
                + Suggestion.didYouMean(name, names()) + " (columns: " + String.join(", ", names()) + ")");
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (ColumnSpec c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** A copy with one column's spec replaced. */
    public Schema with(ColumnSpec replacement) {
        List<ColumnSpec> copy = new ArrayList<>(columns);
        copy.set(indexOf(replacement.name()), replacement);
        return new Schema(copy);
    }

    /**
     * The JSON form: {@code {"columns":[{"name":..,"kind":..,"format":..,"missingValues":[..]}]}}, format and
     * missing values only where a column has them.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode cols = root.putArray("columns");
        for (ColumnSpec c : columns) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("kind", c.kind().jsonName());
            if (c.format() != null) {
                o.put("format", c.format());
            }
            if (!c.missingValues().isEmpty()) {
                c.missingValues().forEach(o.putArray("missingValues")::add);
            }
        }
        return root;
    }

    /** Reads the form written by {@link #toJson()}. */
    public static Schema fromJson(JsonNode root) {
        JsonNode cols = root.get("columns");
        if (cols == null || !cols.isArray()) {
            throw new BadInputException("schema JSON has no 'columns' array");
        }
        List<ColumnSpec> specs = new ArrayList<>();
        for (JsonNode c : cols) {
            JsonNode format = c.get("format");
            List<String> missing = new ArrayList<>();
            c.path("missingValues").forEach(t -> missing.add(t.asText()));
            specs.add(new ColumnSpec(c.path("name").asText(), ColumnKind.parse(c.path("kind").asText()),
                    format == null || format.isNull() ? null : format.asText(), missing));
        }
        return new Schema(specs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema && ((Schema) o).columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (ColumnSpec c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.name()).append(':').append(c.kind().jsonName());
            if (c.format() != null) {
                sb.append('(').append(c.format()).append(')');
            }
            if (!c.missingValues().isEmpty()) {
                sb.append(" missing ").append(c.missingValues());
            }
        }
        return "Schema[" + sb + "]";
    }
}
