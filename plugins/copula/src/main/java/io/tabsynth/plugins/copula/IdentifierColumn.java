package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.random.Rng;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * An identifier column. Keys carry no distribution to learn, and copying real keys would leak them, so new
 * keys are made in the real keys' format: the most common prefix and suffix around a zero-padded running
 * number for keys like {@code CUST-00042} or {@code 1000042}, random UUIDs for UUIDs. Keys are unique within
 * one sample.
 */
final class IdentifierColumn implements ColumnModel {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)(\\D*)$");

    private final ColumnSpec spec;
    private final String style;
    private final String prefix;
    private final String suffix;
    private final int width;

    IdentifierColumn(ColumnSpec spec, String style, String prefix, String suffix, int width) {
        this.spec = spec;
        this.style = style;
        this.prefix = prefix;
        this.suffix = suffix;
        this.width = width;
    }

    /** Learns the key format from the real keys. */
    static IdentifierColumn fit(ColumnSpec spec, List<String> keys) {
        Map<String, Integer> shapes = new HashMap<>();
        String example = null;
        int uuids = 0;
        int present = 0;
        for (String k : keys) {
            if (k.isEmpty()) {
                continue;
            }
            present++;
            if (UUID.matcher(k).matches()) {
                uuids++;
            }
            var m = NUMBERED.matcher(k);
            if (m.matches()) {
                String shape = m.group(1) + "#" + m.group(3);
                int c = shapes.merge(shape, 1, Integer::sum);
                if (example == null || c > shapes.getOrDefault(shapeOf(example), 0)) {
                    example = k;
                }
            }
        }
        if (present > 0 && uuids * 2 > present) {
            return new IdentifierColumn(spec, "uuid", "", "", 0);
        }
        if (example != null) {
            var m = NUMBERED.matcher(example);
            m.matches();
            return new IdentifierColumn(spec, "numbered", m.group(1), m.group(3), m.group(2).length());
        }
        return new IdentifierColumn(spec, "numbered", spec.name() + "-", "", 6);
    }

    private static String shapeOf(String key) {
        var m = NUMBERED.matcher(key);
        return m.matches() ? m.group(1) + "#" + m.group(3) : key;
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public boolean inCopula() {
        return false;
    }

    @Override
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            if (style.equals("uuid")) {
                out[i] = rng.nextUuid().toString();
            } else {
                String num = Long.toString(firstRow + i + 1);
                StringBuilder sb = new StringBuilder(prefix);
                for (int p = num.length(); p < width; p++) {
                    sb.append('0');
                }
                out[i] = sb.append(num).append(suffix).toString();
            }
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return style.equals("numbered") ? "new keys " + prefix + "0".repeat(Math.max(1, width)) + suffix
                : "new keys (" + style + ")";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "identifier");
        o.put("style", style);
        o.put("prefix", prefix);
        o.put("suffix", suffix);
        o.put("width", width);
        return o;
    }

    static IdentifierColumn fromJson(ColumnSpec spec, JsonNode o) {
        return new IdentifierColumn(spec, o.path("style").asText(), o.path("prefix").asText(),
                o.path("suffix").asText(), o.path("width").asInt());
    }
}
