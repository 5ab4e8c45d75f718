package io.tabsynth.engine.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.Suggestion;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditional sampling: fixed values for some columns ({@code --condition education=Doctorate}). Every
 * generator supports it through {@link ConstrainedModel}: rows without the values are rejected. Values are
 * compared as the column's kind reads them (numbers numerically, everything else as written in a file).
 */
public final class Conditions implements Constraints.Bound {
    private final Schema schema;
    /** In the order given: {@link #columns}, {@link #wanted} and {@link #numbers} are indexed alike. */
    private final Map<String, String> values;
    private final int[] columns;
    private final String[] wanted;
    private final double[] numbers;

    private Conditions(Schema schema, Map<String, String> values) {
        this.schema = schema;
        values.replaceAll((column, value) -> schema.has(column)
                && schema.column(column).kind() == ColumnKind.BOOLEAN ? value.trim().toLowerCase(java.util.Locale.ROOT) : value);
        this.values = java.util.Collections.unmodifiableMap(values);
        this.columns = new int[values.size()];
        this.wanted = values.values().toArray(new String[0]);
        this.numbers = new double[values.size()];
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!schema.has(e.getKey())) {
                throw schema.noSuchColumn("condition on", e.getKey());
            }
            columns[i] = schema.indexOf(e.getKey());
            ColumnKind kind = schema.column(columns[i]).kind();
            if (kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER) {
                try {
                    numbers[i] = Double.parseDouble(e.getValue().trim());
                } catch (NumberFormatException ex) {
                    throw new BadInputException("condition " + e.getKey() + "=" + e.getValue() + ": column '"
                            + e.getKey() + "' is " + kind.jsonName() + ", and '" + e.getValue() + "' is not a number");
                }
            } else if (kind == ColumnKind.BOOLEAN && !e.getValue().equals("true") && !e.getValue().equals("false")) {
                throw new BadInputException("condition " + e.getKey() + "=" + e.getValue() + ": column '" + e.getKey()
                        + "' is boolean: write true or false");
            } else if (kind == ColumnKind.DATETIME) {
                String format = schema.column(columns[i]).format();
                try {
                    if (format != null) {
                        io.tabsynth.spi.data.DateTimeFormats.parse(e.getValue(), format);
                    }
                } catch (java.time.DateTimeException ex) {
                    throw new BadInputException("condition " + e.getKey() + "=" + e.getValue() + ": column '"
                            + e.getKey() + "' holds datetimes written " + format + ", and '" + e.getValue() + "' is not one");
                }
            }
            i++;
        }
    }

    /** Conditions from {@code column=value} pairs; an unknown column or a value of the wrong kind is bad input. */
    public static Conditions of(Schema schema, Map<String, String> values) {
        return new Conditions(schema, new LinkedHashMap<>(values));
    }

    /** Parses {@code column=value} texts as given on the command line. */
    public static Map<String, String> parse(List<String> texts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : texts) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("condition '" + t + "' must be column=value");
            }
            m.put(t.substring(0, eq).trim(), t.substring(eq + 1));
        }
        return m;
    }

    /** The fixed values, column to value. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public JsonNode spec() {
        ObjectNode n = new ObjectMapper().createObjectNode();
        values.forEach(n::put);
        return n;
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        values.forEach((k, v) -> names.add(k + " = " + v));
        return names;
    }

    @Override
    public Schema modelSchema() {
        return schema;
    }

    @Override
    public Frame toModel(Frame data) {
        return data;
    }

    @Override
    public Frame fromModel(Frame sampled) {
        return sampled;
    }

    @Override
    public Constraints.Checker checker() {
        return (frame, row) -> {
            for (int i = 0; i < columns.length; i++) {
                if (!matches(frame, i, row, wanted[i])) {
                    return i;
                }
            }
            return -1;
        };
    }

    /**
     * The values the model drew instead: for a number column their range (and, for whole numbers asked a
     * fraction, that the column holds none), for any other the commonest and the one nearest the value asked.
     */
    @Override
    public String whyNoneMet(int index, Frame drawn) {
        int c = columns[index];
        String name = schema.column(c).name();
        if (schema.column(c).kind().isNumeric()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < drawn.rowCount(); r++) {
                if (!drawn.isMissing(c, r)) {
                    double v = drawn.number(c, r);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            String whole = schema.column(c).kind() == ColumnKind.INTEGER && numbers[index] != Math.rint(numbers[index])
                    ? "; " + name + " holds whole numbers" : "";
            return lo > hi ? whole : whole + "; the model drew " + name + " from " + CellText.number(lo) + " to "
                    + CellText.number(hi);
        }
        java.util.TreeMap<String, Integer> seen = new java.util.TreeMap<>();
        for (int r = 0; r < drawn.rowCount(); r++) {
            if (!drawn.isMissing(c, r)) {
                seen.merge(CellText.of(drawn, c, r), 1, Integer::sum);
            }
        }
        if (seen.isEmpty()) {
            return "";
        }
        List<String> common = seen.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .map(Map.Entry::getKey).toList();
        return "; the model drew " + String.join(", ", common) + (seen.size() > common.size() ? ", ..." : "")
                + " for " + name + Suggestion.didYouMean(wanted[index], seen.keySet());
    }

    @Override
    public String noun() {
        return "condition";
    }

    @Override
    public String advice() {
        return "Ask for a value the model draws, or raise max tries (--max-tries) if the value is only rare";
    }

    private boolean matches(Frame frame, int i, int row, String wanted) {
        int c = columns[i];
        if (frame.isMissing(c, row)) {
            return wanted.isEmpty();
        }
        ColumnKind kind = schema.column(c).kind();
        if (kind == ColumnKind.CONTINUOUS) {
            return frame.table().doubleColumn(c).getDouble(row) == numbers[i];
        }
        if (kind == ColumnKind.INTEGER) {
            return frame.table().longColumn(c).getLong(row) == numbers[i];
        }
        return CellText.of(frame, c, row).equals(wanted);
    }
}
