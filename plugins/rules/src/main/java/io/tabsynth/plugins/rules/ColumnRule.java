package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.NumberText;
import io.tabsynth.spi.data.TextSource;
import io.tabsynth.spi.disclosure.NewValues;
import io.tabsynth.spi.disclosure.TextShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One column of a rules spec: how its values are made (a distribution, an expression, a pattern, a
 * sequence or UUIDs), its missing-value rate, and conditional variants ({@code when}) chosen by conditions
 * on other columns.
 */
final class ColumnRule {
    /** How values are made. */
    enum Source { DISTRIBUTION, EXPRESSION, PATTERN, WORDS, SEQUENCE, UUID }

    /**
     * One way of making the column's values.
     *
     * @param source       how
     * @param distribution for {@link Source#DISTRIBUTION}
     * @param expression   for {@link Source#EXPRESSION}
     * @param pattern      for {@link Source#PATTERN}
     * @param words        for {@link Source#WORDS}: a bag of words or values with new ones in their shape
     * @param nullRate     share of rows left missing
     * @param decimals     rounding of expression results, or -1
     */
    record Variant(Source source, Distribution distribution, Expression expression, String pattern, TextSource words,
                   double nullRate, int decimals) {
    }

    /** A variant used for rows where {@code condition} holds. */
    record Branch(Expression condition, Variant variant) {
    }

    final String name;
    final ColumnKind kind;
    final String format;
    final Variant base;
    final List<Branch> branches;
    final long start;
    final long step;
    final String idFormat;
    final SpecObject spec;

    private ColumnRule(String name, ColumnKind kind, String format, Variant base, List<Branch> branches, long start,
                       long step, String idFormat, SpecObject spec) {
        this.name = name;
        this.kind = kind;
        this.format = format;
        this.base = base;
        this.branches = branches;
        this.start = start;
        this.step = step;
        this.idFormat = idFormat;
        this.spec = spec;
    }

    ColumnSpec columnSpec() {
        return new ColumnSpec(name, kind, format);
    }

    /** True for sequences and UUIDs, which are numbered after constraints have chosen the rows. */
    boolean finishing() {
        return base.source == Source.SEQUENCE || base.source == Source.UUID;
    }

    /** True if the column draws a quantile {@code u} (and so may join a correlated block). */
    boolean quantiled() {
        if (base.source != Source.DISTRIBUTION) {
            return false;
        }
        return branches.stream().allMatch(b -> b.variant.source == Source.DISTRIBUTION);
    }

    boolean hasNulls() {
        return base.nullRate > 0 || branches.stream().anyMatch(b -> b.variant.nullRate > 0);
    }

    boolean hasPattern() {
        return base.source == Source.PATTERN || branches.stream().anyMatch(b -> b.variant.source == Source.PATTERN);
    }

    /** Columns this one reads, through conditions and expressions. */
    Set<String> dependencies() {
        Set<String> d = new LinkedHashSet<>();
        if (base.expression != null) {
            d.addAll(base.expression.columns());
        }
        for (Branch b : branches) {
            d.addAll(b.condition.columns());
            if (b.variant.expression != null) {
                d.addAll(b.variant.expression.columns());
            }
        }
        return d;
    }

    /** Reads a column; {@code columns} are every column name of the spec, for expressions. */
    static ColumnRule read(SpecObject o, Collection<String> columns) {
        String name = o.text("name");
        if (name.isBlank()) {
            throw o.error("name", "a column needs a non-empty name");
        }
        String type = o.text("type");
        Variant base = variant(o, type, columns, false);
        ColumnKind kind = kindOf(o, type, base);
        String format = kind == ColumnKind.CONTINUOUS || kind == ColumnKind.INTEGER ? numberFormat(o)
                : base.distribution != null ? base.distribution.format() : null;
        if (format == null && o.has("format") && base.source != Source.SEQUENCE) {
            throw o.error("format", "only number and date columns have a format; this column is " + kind.jsonName());
        }
        List<Branch> branches = new ArrayList<>();
        for (SpecObject w : o.objects("when")) {
            if (base.source == Source.SEQUENCE || base.source == Source.UUID) {
                throw w.error(type + " columns cannot vary with 'when'");
            }
            Expression condition = Expression.parse(w, "if", columns);
            SpecObject from = w.has("type") && !w.text("type").equals(type) ? o.subset(Set.of("name", "kind")) : o;
            SpecObject merged = from.with(w, Set.of("if", "when"));
            String branchType = merged.text("type");
            Variant v = variant(merged, branchType, columns, true);
            ColumnKind k = kindOf(merged, branchType, v);
            if (k != kind) {
                throw w.error("type", "this variant makes " + k.jsonName() + " values but the column is "
                        + kind.jsonName());
            }
            String f = v.distribution != null ? v.distribution.format() : null;
            if (kind == ColumnKind.DATETIME && !java.util.Objects.equals(f, format)
                    || w.has("format") && kind != ColumnKind.DATETIME && !java.util.Objects.equals(numberFormat(w), format)) {
                throw w.error("format", "a variant must keep the column's format " + format);
            }
            branches.add(new Branch(condition, v));
        }
        long start = 1;
        long step = 1;
        String idFormat = null;
        if (base.source == Source.SEQUENCE) {
            start = o.integer("start", 1);
            step = o.integer("step", 1);
            if (step == 0) {
                throw o.error("step", "must not be 0");
            }
            idFormat = o.text("format", null);
            if (idFormat != null) {
                try {
                    String.format(java.util.Locale.ROOT, idFormat, 1L);
                } catch (java.util.IllegalFormatException e) {
                    throw o.error("format", "'" + idFormat + "' is not a format for a number, e.g. C-%06d ("
                            + e.getMessage() + ")");
                }
            }
        }
        return new ColumnRule(name, kind, format, base, branches, start, step, idFormat, o);
    }

    private static final List<String> SPECIAL = List.of("expression", "pattern", "words", "shape", "sequence", "uuid");

    private static Variant variant(SpecObject o, String type, Collection<String> columns, boolean branch) {
        List<String> allowed = new ArrayList<>(Distribution.COMMON);
        if (branch) {
            allowed.add("if");
        }
        Source source;
        Distribution dist = null;
        Expression expr = null;
        String pattern = null;
        TextSource words = null;
        int decimals = -1;
        if (Distribution.TYPES.containsKey(type)) {
            allowed.addAll(Distribution.TYPES.get(type));
            o.allowOnly(allowed);
            source = Source.DISTRIBUTION;
            dist = Distribution.read(type, o);
        } else {
            switch (type) {
                case "expression":
                    allowed.addAll(List.of("expr", "kind", "decimals", "format"));
                    o.allowOnly(allowed);
                    source = Source.EXPRESSION;
                    expr = Expression.parse(o, "expr", columns);
                    decimals = (int) o.integer("decimals", -1);
                    break;
                case "pattern":
                    allowed.addAll(List.of("pattern", "kind"));
                    o.allowOnly(allowed);
                    source = Source.PATTERN;
                    pattern = o.text("pattern");
                    try {
                        Pattern.compile(pattern);
                        com.github.curiousoddman.rgxgen.RgxGen.parse(pattern);
                    } catch (RuntimeException e) {
                        throw o.error("pattern", "'" + pattern + "' is not a usable regular expression: " + e.getMessage());
                    }
                    break;
                case "words":
                    allowed.addAll(List.of("words", "lengths", "kind"));
                    o.allowOnly(allowed);
                    source = Source.WORDS;
                    words = BagOfWords.of(weights(o, "words", "word", k -> k),
                            weights(o, "lengths", "length", k -> lengthOf(o, k)));
                    break;
                case "shape":
                    // what rules infer writes for a column with values fewer than minCount rows hold
                    allowed.addAll(List.of("values", "newValues", "shape", "kind"));
                    o.allowOnly(allowed);
                    source = Source.WORDS;
                    words = newValues(o);
                    break;
                case "sequence":
                    allowed.addAll(List.of("start", "step", "format"));
                    o.allowOnly(allowed);
                    source = Source.SEQUENCE;
                    break;
                case "uuid":
                    o.allowOnly(allowed);
                    source = Source.UUID;
                    break;
                default:
                    List<String> types = new ArrayList<>(new java.util.TreeSet<>(Distribution.TYPES.keySet()));
                    types.addAll(SPECIAL);
                    throw o.error("type", "unknown column type '" + type + "' (types: " + String.join(", ", types) + ")");
            }
        }
        double nullRate = o.number("nullRate", 0, 0, 1);
        if (nullRate > 0 && (source == Source.SEQUENCE || source == Source.UUID)) {
            throw o.error("nullRate", type + " columns are never missing; inject nulls with an edge case instead");
        }
        return new Variant(source, dist, expr, pattern, words, nullRate, decimals);
    }

    /** A {@code shape} column: {@code values} with weights (optional), the {@code newValues} weight, the {@code shape}. */
    private static NewValues newValues(SpecObject o) {
        Map<String, Double> values = o.has("values") && !o.get("values").isEmpty()
                ? weights(o, "values", "value", k -> k) : Map.of();
        double newWeight = o.number("newValues");
        if (!(newWeight > 0)) {
            throw o.error("newValues", "the weight of new values must be a number > 0");
        }
        try {
            return new NewValues(values, newWeight, TextShape.fromJson(o.get("shape") == null
                    ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : o.get("shape")));
        } catch (IllegalArgumentException e) {
            throw o.error("shape", e.getMessage());
        }
    }

    /** A {@code {"key": weight, ...}} object of positive weights, its keys read by {@code key}. */
    private static <K> Map<K, Double> weights(SpecObject o, String field, String what,
                                              java.util.function.Function<String, K> key) {
        JsonNode v = o.get(field);
        if (v == null || !v.isObject() || v.isEmpty()) {
            throw o.error(field, "expected {\"" + what + "\": weight, ...} with at least one " + what);
        }
        Map<K, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isNumber() || !(e.getValue().asDouble() > 0)) {
                throw o.error(field, "the weight of " + what + " '" + e.getKey() + "' must be a number > 0");
            }
            out.put(key.apply(e.getKey()), e.getValue().asDouble());
        }
        return out;
    }

    private static int lengthOf(SpecObject o, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw o.error("lengths", "'" + text + "' is not a text length in words (1 to 1000)");
    }

    /**
     * A number column's optional {@code format}: a {@link NumberText} pattern such as {@code '$'#,##0.00}, in which
     * output files write its values (CSV) or keep it (Arrow).
     */
    private static String numberFormat(SpecObject o) {
        String format = o.text("format", null);
        if (format != null && !NumberText.isPattern(format)) {
            throw o.error("format", "'" + format + "' is not a number format (a java.text.DecimalFormat pattern such as "
                    + "'$'#,##0.00 or 0.0'%')");
        }
        return format;
    }

    private static ColumnKind kindOf(SpecObject o, String type, Variant v) {
        switch (v.source) {
            case DISTRIBUTION:
                return v.distribution.kind();
            case EXPRESSION:
                return o.has("kind") ? ColumnKind.parse(o.text("kind")) : ColumnKind.CONTINUOUS;
            case WORDS:
            case PATTERN: {
                ColumnKind k = o.has("kind") ? ColumnKind.parse(o.text("kind")) : ColumnKind.FREE_TEXT;
                if (!k.isText()) {
                    throw o.error("kind", "a pattern makes text: categorical, identifier or free_text");
                }
                return k;
            }
            case SEQUENCE:
                return o.has("format") ? ColumnKind.IDENTIFIER : ColumnKind.INTEGER;
            default:
                return ColumnKind.IDENTIFIER;
        }
    }
}
