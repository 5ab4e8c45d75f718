package io.tabsynth.plugins.rules.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * One object of a spec with its place in the file: typed field access whose errors name the line and the
 * field's path (e.g. {@code columns[2].sd}) and say what was expected.
 */
public final class SpecObject {
    private final SpecFile file;
    private final ObjectNode node;
    private final String path;

    private SpecObject(SpecFile file, ObjectNode node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    static SpecObject of(SpecFile file, JsonNode node, String path) {
        if (!(node instanceof ObjectNode)) {
            throw file.error(node, path, "expected an object {...}, found " + describe(node));
        }
        return new SpecObject(file, (ObjectNode) node, path);
    }

    /** The node as read. */
    public ObjectNode node() {
        return node;
    }

    /** Where it is, e.g. {@code columns[2]}. */
    public String path() {
        return path;
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** Fails unless every field is one of {@code allowed}, suggesting the nearest name for a typo. */
    public void allowOnly(Collection<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error(f, "unknown field" + Suggestion.didYouMean(f, allowed)
                        + "; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    public String text(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw error(field, "expected text, found " + describe(v));
        }
        return v.asText();
    }

    public String text(String field, String otherwise) {
        return has(field) ? text(field) : otherwise;
    }

    /** A scalar as text whatever its JSON type (numbers and booleans too). */
    public String scalar(String field) {
        JsonNode v = require(field);
        if (!v.isValueNode()) {
            throw error(field, "expected a value, found " + describe(v));
        }
        return v.asText();
    }

    public double number(String field) {
        JsonNode v = require(field);
        if (!v.isNumber()) {
            throw error(field, "expected a number, found " + describe(v));
        }
        return v.asDouble();
    }

    public double number(String field, double otherwise) {
        return has(field) ? number(field) : otherwise;
    }

    public long integer(String field) {
        JsonNode v = require(field);
        if (!v.isIntegralNumber()) {
            throw error(field, "expected a whole number, found " + describe(v));
        }
        return v.asLong();
    }

    public long integer(String field, long otherwise) {
        return has(field) ? integer(field) : otherwise;
    }

    public boolean bool(String field, boolean otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw error(field, "expected true or false, found " + describe(v));
        }
        return v.asBoolean();
    }

    /** A number in {@code [min, max]}; the message says the range. */
    public double number(String field, double otherwise, double min, double max) {
        double v = number(field, otherwise);
        if (!(v >= min && v <= max)) {
            throw error(field, "must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    /** The field's raw node, or {@code null}. */
    public JsonNode get(String field) {
        return has(field) ? node.get(field) : null;
    }

    /** The elements of an array field that must hold objects; empty when the field is absent. */
    public List<SpecObject> objects(String field) {
        List<SpecObject> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(field, "expected a list [...], found " + describe(v));
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(of(file, v.get(i), pathOf(field) + "[" + i + "]"));
        }
        return out;
    }

    /** The elements of an array field that must hold text; empty when absent. */
    public List<String> texts(String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(field, "expected a list of names, found " + describe(v));
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw error(field, "expected a list of names, found an element " + describe(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The object held in a field. */
    public SpecObject object(String field) {
        return of(file, require(field), pathOf(field));
    }

    /** This object with only the named fields (same place). */
    public SpecObject subset(Collection<String> fields) {
        ObjectNode kept = node.objectNode();
        node.fields().forEachRemaining(e -> {
            if (fields.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
            }
        });
        file.sameLine(kept, node);
        return new SpecObject(file, kept, path);
    }

    /** This object with some fields replaced by those of {@code overrides}, placed where the overrides are. */
    public SpecObject with(SpecObject overrides, Collection<String> skip) {
        ObjectNode merged = node.objectNode();
        node.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        overrides.node.fields().forEachRemaining(e -> {
            if (!skip.contains(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        file.sameLine(merged, overrides.node);
        return new SpecObject(file, merged, overrides.path);
    }

    private JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error("missing field '" + field + "'");
        }
        return v;
    }

    /** An error about a field, naming its line (or the object's, if absent) and path. */
    public BadInputException error(String field, String what) {
        JsonNode v = node.get(field);
        return file.error(v == null ? node : v, pathOf(field), what);
    }

    /**
     * The error for a field that names {@code column}, which is not among {@code columns}: the nearest name if one
     * is near (did you mean), and the columns there are.
     */
    public BadInputException noColumn(String field, String column, Collection<String> columns) {
        return error(field, "no column '" + column + "'" + Suggestion.didYouMean(column, columns) + " (columns: "
                + String.join(", ", columns) + ")");
    }

    /** An error about the object as a whole. */
    public BadInputException error(String what) {
        return file.error(node, path, what);
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "text \"" + v.asText() + "\"";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        return v.toString();
    }
}
