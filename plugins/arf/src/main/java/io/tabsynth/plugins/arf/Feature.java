package io.tabsynth.plugins.arf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.data.ArrowFrames;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * One column the forest learns, as a number per row: a category's code (missing has its own code), or a number
 * (datetimes as seconds; NaN for missing). For numbers it keeps the real range and the spikes: values that at least
 * {@code minRows} real rows and at least {@link #SPIKE_SHARE} of the rows hold, which leaves draw exactly (zeros of
 * capital-gain, 40 hours a week); other values are drawn from a truncated normal. Immutable.
 */
final class Feature {
    /** A value at least this share of the rows hold is a spike, kept exactly (besides the k-rule's row count). */
    static final double SPIKE_SHARE = 0.01;
    /** The label a boolean column's missing value has among its codes. */
    private static final String MISSING = "";
    private static final double SECONDS_PER_DAY = 86_400;

    private final ColumnSpec spec;
    /** A category's labels by code ("" for missing); null for a number. */
    private final List<String> labels;
    private final double min;
    private final double max;
    /** A number's spike values, increasing; empty for a category. */
    private final double[] spikes;

    private Feature(ColumnSpec spec, List<String> labels, double min, double max, double[] spikes) {
        this.spec = spec;
        this.labels = labels == null ? null : List.copyOf(labels);
        this.min = min;
        this.max = max;
        this.spikes = spikes;
    }

    /** Whether a column of this kind is learned by the forest (identifiers and free text are not). */
    static boolean learned(ColumnSpec spec) {
        return spec.kind() != ColumnKind.IDENTIFIER && spec.kind() != ColumnKind.FREE_TEXT;
    }

    /** The feature of a column, learned from its real values; {@code minRows} is the least rows a spike has. */
    static Feature learn(Frame data, ColumnSpec spec, int minRows) {
        if (spec.kind() == ColumnKind.CATEGORICAL) {
            List<String> labels = new ArrayList<>(new java.util.TreeSet<>(data.strings(spec.name()).asList()));
            return new Feature(spec, labels, 0, 0, new double[0]);
        }
        if (spec.kind() == ColumnKind.BOOLEAN) {
            return new Feature(spec, List.of("false", "true", MISSING), 0, 0, new double[0]);
        }
        double[] v = data.numbers(spec.name());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        Map<Double, Integer> counts = new TreeMap<>();
        int present = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                counts.merge(x, 1, Integer::sum);
                present++;
            }
        }
        double least = Math.max(minRows, SPIKE_SHARE * v.length);
        List<Double> spikes = new ArrayList<>();
        counts.forEach((x, n) -> {
            if (n >= least) {
                spikes.add(x);
            }
        });
        return new Feature(spec, null, present == 0 ? 0 : lo, present == 0 ? 0 : hi,
                spikes.stream().mapToDouble(Double::doubleValue).toArray());
    }

    ColumnSpec spec() {
        return spec;
    }

    boolean isCategory() {
        return labels != null;
    }

    /** How many codes a category has. */
    int levels() {
        return labels.size();
    }

    String label(int code) {
        return labels.get(code);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double[] spikes() {
        return spikes;
    }

    /** The spike index of a value, or -1 when it is no spike. */
    int spike(double x) {
        int i = java.util.Arrays.binarySearch(spikes, x);
        return i >= 0 ? i : -1;
    }

    /** The column's values as the forest sees them (codes, or numbers with NaN for missing). */
    double[] encode(Frame data) {
        int n = data.rowCount();
        double[] out = new double[n];
        if (spec.kind() == ColumnKind.CATEGORICAL) {
            StringColumn c = data.strings(spec.name());
            for (int i = 0; i < n; i++) {
                out[i] = code(c.get(i));
            }
        } else if (spec.kind() == ColumnKind.BOOLEAN) {
            BooleanColumn c = data.booleans(spec.name());
            for (int i = 0; i < n; i++) {
                out[i] = c.isMissing(i) ? labels.indexOf(MISSING) : c.get(i) ? 1 : 0;
            }
        } else {
            return data.numbers(spec.name());
        }
        return out;
    }

    /** The code of a category's label (as text; booleans read true and false), or -1 if the real data have none. */
    int code(String label) {
        if (spec.kind() == ColumnKind.BOOLEAN) {
            String l = label.trim().toLowerCase(java.util.Locale.ROOT);
            return labels.indexOf(l.isEmpty() ? MISSING : l);
        }
        int i = java.util.Collections.binarySearch(labels, label);
        return Math.max(i, -1);
    }

    /** A number given as text in this column (datetimes in the column's format), or NaN when it reads as none. */
    double number(String text) {
        try {
            if (spec.kind() == ColumnKind.DATETIME) {
                return ArrowFrames.toMicros(DateTimeFormats.parse(text.trim(), spec.format())) / 1e6;
            }
            return Double.parseDouble(text.trim());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A column of the spec's kind from drawn values (codes or numbers), integers and dates rounded. */
    Column<?> decode(double[] v, int rows) {
        switch (spec.kind()) {
            case CATEGORICAL: {
                String[] out = new String[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = labels.get((int) v[i]);
                }
                return StringColumn.create(spec.name(), out);
            }
            case BOOLEAN: {
                BooleanColumn c = BooleanColumn.create(spec.name(), rows);
                for (int i = 0; i < rows; i++) {
                    String l = labels.get((int) v[i]);
                    if (l.equals(MISSING)) {
                        c.setMissing(i);
                    } else {
                        c.set(i, Boolean.parseBoolean(l));
                    }
                }
                return c;
            }
            case CONTINUOUS:
                return DoubleColumn.create(spec.name(), java.util.Arrays.copyOf(v, rows));
            case INTEGER: {
                LongColumn c = LongColumn.create(spec.name(), rows);
                for (int i = 0; i < rows; i++) {
                    if (Double.isNaN(v[i])) {
                        c.setMissing(i);
                    } else {
                        c.set(i, Math.round(v[i]));
                    }
                }
                return c;
            }
            default: {
                boolean timed = DateTimeFormats.hasTime(spec.format());
                LocalDateTime[] t = new LocalDateTime[rows];
                for (int i = 0; i < rows; i++) {
                    if (!Double.isNaN(v[i])) {
                        t[i] = timed ? ArrowFrames.fromMicros(Math.round(v[i] * 1e6))
                                : LocalDate.ofEpochDay(Math.round(v[i] / SECONDS_PER_DAY)).atStartOfDay();
                    }
                }
                return DateTimeColumn.create(spec.name(), t);
            }
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (labels != null) {
            ArrayNode l = o.putArray("labels");
            labels.forEach(l::add);
        } else {
            o.put("min", min);
            o.put("max", max);
            ArrayNode s = o.putArray("spikes");
            for (double x : spikes) {
                s.add(x);
            }
        }
        return o;
    }

    static Feature fromJson(ColumnSpec spec, JsonNode o) {
        if (o.has("labels")) {
            List<String> labels = new ArrayList<>();
            o.get("labels").forEach(l -> labels.add(l.asText()));
            return new Feature(spec, labels, 0, 0, new double[0]);
        }
        double[] spikes = new double[o.path("spikes").size()];
        for (int i = 0; i < spikes.length; i++) {
            spikes[i] = o.get("spikes").get(i).asDouble();
        }
        return new Feature(spec, null, o.path("min").asDouble(), o.path("max").asDouble(), spikes);
    }
}
