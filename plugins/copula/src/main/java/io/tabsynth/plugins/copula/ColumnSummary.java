package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.BooleanColumn;

/**
 * What the streamed fit keeps of one column, fed batch by batch in memory that does not grow with the rows: exact
 * counts for categories and booleans ({@link Categories}); for numbers the missing count, the exact distinct values
 * while there are few (so that a discrete column keeps exact shares) and a {@link QuantileSketch} ({@link Numbers});
 * for identifiers and free text the first rows' values, from which their formats are learned ({@link Texts}).
 * Summaries of two parts of a table merge into the summary of both, and have a JSON form.
 */
abstract class ColumnSummary {
    final ColumnSpec spec;
    long rows;

    ColumnSummary(ColumnSpec spec) {
        this.spec = spec;
    }

    /** The summary of a column of this kind, empty. */
    static ColumnSummary of(ColumnSpec spec, int discreteLevels) {
        switch (spec.kind()) {
            case IDENTIFIER:
            case FREE_TEXT:
                return new Texts(spec);
            case CATEGORICAL:
            case BOOLEAN:
                return new Categories(spec);
            default:
                return new Numbers(spec, discreteLevels);
        }
    }

    /** Adds the column's cells in one batch. */
    abstract void add(Frame batch);

    /** Adds the summary of the same column over other rows. */
    abstract void merge(ColumnSummary other);

    abstract ObjectNode toJson();

    static ColumnSummary fromJson(ColumnSpec spec, JsonNode o) {
        switch (o.path("summary").asText()) {
            case "categories":
                return Categories.fromJson(spec, o);
            case "numbers":
                return Numbers.fromJson(spec, o);
            default:
                return Texts.fromJson(spec, o);
        }
    }

    ObjectNode base(String kind) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("summary", kind);
        o.put("rows", rows);
        return o;
    }

    /** The cells of a category or boolean column as labels, "" for a missing cell. */
    static List<String> labels(Frame batch, ColumnSpec spec) {
        if (spec.kind() != ColumnKind.BOOLEAN) {
            return batch.strings(spec.name()).asList();
        }
        BooleanColumn b = batch.booleans(spec.name());
        List<String> labels = new ArrayList<>(b.size());
        for (int i = 0; i < b.size(); i++) {
            labels.add(b.isMissing(i) ? "" : Boolean.toString(b.get(i)));
        }
        return labels;
    }

    /** Exact counts of every label and of missing cells. */
    static final class Categories extends ColumnSummary {
        /** Label counts, in label order so that the JSON form is the same however the rows came. */
        final TreeMap<String, Long> counts = new TreeMap<>();
        long nulls;

        Categories(ColumnSpec spec) {
            super(spec);
        }

        @Override
        void add(Frame batch) {
            for (String label : labels(batch, spec)) {
                rows++;
                if (label.isEmpty()) {
                    nulls++;
                } else {
                    counts.merge(label, 1L, Long::sum);
                }
            }
        }

        @Override
        void merge(ColumnSummary other) {
            Categories o = (Categories) other;
            rows += o.rows;
            nulls += o.nulls;
            o.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = base("categories");
            o.put("nulls", nulls);
            ObjectNode c = o.putObject("counts");
            counts.forEach(c::put);
            return o;
        }

        static Categories fromJson(ColumnSpec spec, JsonNode o) {
            Categories s = new Categories(spec);
            s.rows = o.path("rows").asLong();
            s.nulls = o.path("nulls").asLong();
            o.path("counts").fields().forEachRemaining(e -> s.counts.put(e.getKey(), e.getValue().asLong()));
            return s;
        }
    }

    /**
     * A numeric column: missing cells counted, the values sketched, and their exact counts kept while there are at
     * most {@code discreteLevels} distinct values (dropped, for good, at the first value past that).
     */
    static final class Numbers extends ColumnSummary {
        private final int discreteLevels;
        long nulls;
        QuantileSketch sketch = new QuantileSketch();
        /** Exact counts by value, or null once there are more than {@code discreteLevels} distinct values. */
        TreeMap<Double, Long> distinct = new TreeMap<>();

        Numbers(ColumnSpec spec, int discreteLevels) {
            super(spec);
            this.discreteLevels = discreteLevels;
        }

        @Override
        void add(Frame batch) {
            double[] v = ColumnModels.withoutNegativeZero(NumericOutput.values(batch, spec));
            for (double x : v) {
                rows++;
                if (Double.isNaN(x)) {
                    nulls++;
                    continue;
                }
                sketch.add(x);
                if (distinct != null) {
                    distinct.merge(x, 1L, Long::sum);
                    if (distinct.size() > discreteLevels) {
                        distinct = null;
                    }
                }
            }
        }

        @Override
        void merge(ColumnSummary other) {
            Numbers o = (Numbers) other;
            rows += o.rows;
            nulls += o.nulls;
            sketch.merge(o.sketch);
            if (distinct != null && o.distinct != null) {
                o.distinct.forEach((k, v) -> distinct.merge(k, v, Long::sum));
                if (distinct.size() > discreteLevels) {
                    distinct = null;
                }
            } else {
                distinct = null;
            }
        }

        /** How many values are present. */
        long present() {
            return rows - nulls;
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = base("numbers");
            o.put("discreteLevels", discreteLevels);
            o.put("nulls", nulls);
            o.set("sketch", sketch.toJson());
            if (distinct != null) {
                ObjectNode d = o.putObject("distinct");
                distinct.forEach((k, v) -> d.put(Double.toString(k), v));
            }
            return o;
        }

        static Numbers fromJson(ColumnSpec spec, JsonNode o) {
            Numbers s = new Numbers(spec, o.path("discreteLevels").asInt());
            s.rows = o.path("rows").asLong();
            s.nulls = o.path("nulls").asLong();
            s.sketch = QuantileSketch.fromJson(o.path("sketch"));
            if (o.has("distinct")) {
                o.path("distinct").fields().forEachRemaining(e ->
                        s.distinct.put(Double.parseDouble(e.getKey()), e.getValue().asLong()));
            } else {
                s.distinct = null;
            }
            return s;
        }
    }

    /** An identifier or free-text column: the first {@link #KEPT} values, from which its written form is learned. */
    static final class Texts extends ColumnSummary {
        /** Values kept to learn a key format or a text model from. */
        static final int KEPT = 65_536;
        final List<String> first = new ArrayList<>();

        Texts(ColumnSpec spec) {
            super(spec);
        }

        @Override
        void add(Frame batch) {
            List<String> cells = batch.strings(spec.name()).asList();
            rows += cells.size();
            for (int i = 0; i < cells.size() && first.size() < KEPT; i++) {
                first.add(cells.get(i));
            }
        }

        @Override
        void merge(ColumnSummary other) {
            Texts o = (Texts) other;
            rows += o.rows;
            for (int i = 0; i < o.first.size() && first.size() < KEPT; i++) {
                first.add(o.first.get(i));
            }
        }

        @Override
        ObjectNode toJson() {
            ObjectNode o = base("texts");
            var a = o.putArray("first");
            first.forEach(a::add);
            return o;
        }

        static Texts fromJson(ColumnSpec spec, JsonNode o) {
            Texts s = new Texts(spec);
            s.rows = o.path("rows").asLong();
            o.path("first").forEach(v -> s.first.add(v.asText()));
            return s;
        }
    }

    /** The counts of a category summary, most frequent first, ties by label (the in-memory fit's order). */
    static List<Map.Entry<String, Long>> byFrequency(Categories c) {
        List<Map.Entry<String, Long>> order = new ArrayList<>(c.counts.entrySet());
        order.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return order;
    }
}
