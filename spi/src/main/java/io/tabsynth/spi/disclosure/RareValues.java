package io.tabsynth.spi.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The rule that no generator emits a text value that fewer than {@code minCount} real rows hold: such a value
 * may be one person's name, address or number. For each categorical column with rare values, the rare values
 * are replaced, before the generator sees the data, by one stand-in label (so the generator learns their
 * share and how it goes with the other columns), and each stand-in the generator samples is replaced by a new
 * value in the rare values' learned {@link TextShape}. Values at least {@code minCount} rows hold keep their
 * shares. A column where most rows hold a rare value (names, street addresses) so comes out as new values in
 * its written form. The engine applies this to every generator that learns from data; {@code rules infer}
 * applies the same plan to the spec it drafts. Immutable.
 */
public final class RareValues {
    /** The fit parameter that sets {@code minCount}, common to every generator. */
    public static final String PARAM = "minCount";
    /** The default: a value fewer than five real rows hold is not emitted. */
    public static final int DEFAULT_MIN_COUNT = 5;
    /** The smallest share in percent that notes write as a number; a smaller one reads "under 0.1 %". */
    private static final double SMALLEST_PERCENT = 0.1;
    /** The stand-in label's text, with {@code #} appended while a real value has it. */
    static final String STAND_IN = "(new value)";
    /** The stream of the fit seed that invents words. */
    private static final String INVENT_STREAM = "rare-values";

    /**
     * One column the rule changes.
     *
     * @param name        the column
     * @param standIn     the label that stands for every rare value in the data the generator sees
     * @param kept        the values at least {@code minCount} rows hold, which are emitted as they are
     * @param rareValues  how many distinct values fewer rows hold
     * @param rareRows    how many rows hold one of them
     * @param presentRows how many rows hold a value
     * @param shape       the written form of the rare values
     */
    public record Column(String name, String standIn, List<String> kept, int rareValues, int rareRows,
                         int presentRows, TextShape shape) {
        public Column {
            kept = List.copyOf(kept);
        }

        /**
         * The one new value shown for people wherever the column's rare values are described (fit notes, the model's
         * column summary): drawn with a fixed seed, so every description shows the same one.
         */
        public String example() {
            return shape.draw(new Rng(EXAMPLE_SEED));
        }

        /** True if most rows hold a rare value (names, addresses): the column is mostly new values. */
        public boolean mostlyNew() {
            return 2L * rareRows > presentRows;
        }
    }

    /** The seed of the example new value shown for each column. */
    private static final long EXAMPLE_SEED = 0;

    private final int minCount;
    private final List<Column> columns;

    private RareValues(int minCount, List<Column> columns) {
        this.minCount = minCount;
        this.columns = List.copyOf(columns);
    }

    /** The {@code minCount} parameter's value from fit parameters (default {@link #DEFAULT_MIN_COUNT}). */
    public static int minCount(Map<String, String> params) {
        String v = params.get(PARAM);
        if (v == null) {
            return DEFAULT_MIN_COUNT;
        }
        try {
            int k = Integer.parseInt(v.trim());
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("parameter '" + PARAM + "': '" + v + "' is not a whole number of rows of at least 1 "
                + "(text values fewer real rows hold are never emitted; 1 turns the rule off)");
    }

    /** The plan for a frame's categorical columns; new words are invented from {@code seed}. */
    public static RareValues learn(Frame data, int minCount, long seed) {
        return learn(ValueCounts.of(data), minCount, seed);
    }

    /**
     * The plan from the exact counts of the categorical columns' values (of a whole frame, or gathered batch by
     * batch: the same counts give the same plan); new words are invented from {@code seed}.
     */
    public static RareValues learn(ValueCounts data, int minCount, long seed) {
        List<Column> out = new ArrayList<>();
        for (String name : minCount <= 1 ? List.<String>of() : data.names()) {
            Map<String, Integer> counts = data.of(name);
            Map<String, Integer> rare = new HashMap<>();
            int presentRows = 0;
            int rareRows = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                presentRows = Math.addExact(presentRows, e.getValue());
                if (e.getValue() < minCount) {
                    rare.put(e.getKey(), e.getValue());
                    rareRows += e.getValue();
                }
            }
            if (rare.isEmpty()) {
                continue;
            }
            List<String> kept = counts.entrySet().stream().filter(e -> e.getValue() >= minCount)
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            String standIn = STAND_IN;
            while (counts.containsKey(standIn)) {
                standIn += "#";
            }
            TextShape shape = TextShape.learn(rare, counts, minCount,
                    new Rng(Seeds.derive(Seeds.derive(seed, INVENT_STREAM), name)));
            out.add(new Column(name, standIn, kept, rare.size(), rareRows, presentRows, shape));
        }
        return new RareValues(minCount, out);
    }

    /** The least number of real rows a value emitted as it is must have. */
    public int minCount() {
        return minCount;
    }

    /** The columns the rule changes, in the data's order. */
    public List<Column> columns() {
        return columns;
    }

    /** True if no column is changed. */
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** The column's plan, or {@code null} if the rule leaves it alone. */
    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The data a generator learns from: each rare value replaced by its column's stand-in. */
    public Frame toModel(Frame data) {
        if (columns.isEmpty()) {
            return data;
        }
        Map<String, Set<String>> kept = new HashMap<>();
        columns.forEach(c -> kept.put(c.name(), Set.copyOf(c.kept())));
        return Frame.of(replaced(data.table(), (c, v) -> v.isEmpty() || kept.get(c.name()).contains(v) ? v : c.standIn()),
                data.schema()).withSource(data.source());
    }

    /** Sampled rows with every stand-in replaced by a new value in its column's shape, from {@code rng}. */
    public Frame fromModel(Frame sampled, Rng rng) {
        if (columns.isEmpty()) {
            return sampled;
        }
        return Frame.of(replaced(sampled.table(), (c, v) -> v.equals(c.standIn()) ? c.shape().draw(rng) : v),
                sampled.schema());
    }

    /** A table sharing the unchanged columns of {@code table}, with each changed column's values mapped. */
    private Table replaced(Table table, java.util.function.BiFunction<Column, String, String> map) {
        Table out = Table.create(table.name());
        for (tech.tablesaw.columns.Column<?> col : table.columns()) {
            Column c = column(col.name());
            if (c == null) {
                out.addColumns(col);
                continue;
            }
            StringColumn s = (StringColumn) col;
            String[] values = new String[s.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = map.apply(c, s.get(i));
            }
            out.addColumns(StringColumn.create(c.name(), values));
        }
        return out;
    }

    /**
     * Refuses a condition no row can meet because of this rule: a value of a changed column that is not among
     * the values it keeps. (Whether the value is in the real data at all is not said: that would tell.)
     */
    public void checkCondition(String column, String value) {
        Column c = column(column);
        if (c == null || c.kept().contains(value)) {
            return;
        }
        String keeps = c.kept().isEmpty() ? "keeps no real value"
                : "keeps only the " + c.kept().size() + " values at least " + minCount + " real rows hold"
                + Suggestion.didYouMean(value, c.kept());
        throw new BadInputException("condition " + column + "=" + value + ": no row can have this value: column '"
                + column + "' " + keeps + ", and makes new values in place of rarer ones (fit parameter "
                + PARAM + "=" + minCount + ")");
    }

    /** One line per changed column saying what was done and why, for people (standard error at fit time). */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            String share = percent(c.rareRows(), c.presentRows());
            String sample = "e.g. '" + c.example() + "'";
            if (c.mostlyNew()) {
                out.add(String.format(Locale.ROOT, "column '%s': %s of rows hold a value fewer than %d rows hold "
                        + "(names, addresses, ...): new values in its written form (%s)%s", c.name(), share, minCount,
                        sample, c.kept().isEmpty() ? "" : "; the " + plural(c.kept().size(), "value") + " at least "
                        + minCount + " rows hold keep their shares"));
            } else {
                out.add(String.format(Locale.ROOT, "column '%s': %s that fewer than %d rows hold (%s of rows) "
                        + "replaced by new values in their written form (%s); the other %s keep their shares",
                        c.name(), plural(c.rareValues(), "value"), minCount, share, sample,
                        plural(c.kept().size(), "value")));
            }
        }
        return out;
    }

    /** A share in percent: "0.3 %", "12 %", and "under 0.1 %" for a share that would round to none. */
    private static String percent(int part, int whole) {
        double p = 100.0 * part / whole;
        if (part > 0 && p < SMALLEST_PERCENT) {
            return "under " + SMALLEST_PERCENT + " %";
        }
        return (p < 1 ? String.format(Locale.ROOT, "%.1f", p) : Long.toString(Math.round(p))) + " %";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The plan as JSON: {@code minCount} and, per changed column, its stand-in, kept values, counts and shape. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("minCount", minCount);
        ArrayNode cols = o.putArray("columns");
        for (Column c : columns) {
            ObjectNode j = cols.addObject();
            j.put("name", c.name());
            j.put("standIn", c.standIn());
            ArrayNode kept = j.putArray("kept");
            c.kept().forEach(kept::add);
            j.put("rareValues", c.rareValues());
            j.put("rareRows", c.rareRows());
            j.put("presentRows", c.presentRows());
            j.set("shape", c.shape().toJson());
        }
        return o;
    }

    /** Reads what {@link #toJson} wrote. */
    public static RareValues fromJson(JsonNode o) {
        List<Column> cols = new ArrayList<>();
        for (JsonNode j : o.path("columns")) {
            List<String> kept = new ArrayList<>();
            j.path("kept").forEach(v -> kept.add(v.asText()));
            cols.add(new Column(j.path("name").asText(), j.path("standIn").asText(), kept, j.path("rareValues").asInt(),
                    j.path("rareRows").asInt(), j.path("presentRows").asInt(), TextShape.fromJson(j.path("shape"))));
        }
        return new RareValues(o.path("minCount").asInt(DEFAULT_MIN_COUNT), cols);
    }

    /** The names of the changed columns. */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        columns.forEach(c -> out.add(c.name()));
        return out;
    }
}
