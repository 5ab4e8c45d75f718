package io.tabsynth.plugins.rules;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A rare event injected at a stated rate into one column: a null, the column's boundary values, extreme
 * values, empty, blank, very long or tricky Unicode strings, a duplicate of an earlier row's value, or a given
 * value. Each injection is drawn independently per row, so the count is binomial(rows, rate).
 *
 * @param column the column
 * @param kind   what is injected
 * @param rate   share of rows
 * @param value  the value for kind {@code value}
 * @param length the length for kind {@code long}
 */
record EdgeCase(String column, String kind, double rate, String value, int length) {
    static final List<String> KINDS = List.of("null", "min", "max", "extreme", "empty", "blank", "long", "unicode",
            "duplicate", "value");

    /** Strings that break careless code: combining marks, emoji with joiners, right-to-left text, CJK, quotes. */
    static final List<String> UNICODE = List.of("Z\u0351\u036b\u0343a\u0310\u0300l\u0350g\u0351o",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u0645\u0631\u062D\u0628\u0627 \u202Eabc",
            "\u6F22\u5B57\u304B\u306A\u30AB\u30CA", "O'Brien \"quoted\", comma", "line\nbreak", "\u00A0\u2003tab\tsep",
            "\uD835\uDD73\uD835\uDD8A\uD835\uDD98\uD835\uDD99");

    /** Reads one entry of {@code edgeCases}; the column must exist and the kind must suit it. */
    static EdgeCase read(SpecObject o, java.util.Map<String, ColumnRule> columns, boolean unique) {
        o.allowOnly(List.of("column", "kind", "rate", "value", "length", "description"));
        String column = o.text("column");
        ColumnRule rule = columns.get(column);
        if (rule == null) {
            throw o.noColumn("column", column, columns.keySet());
        }
        String kind = o.text("kind");
        if (!KINDS.contains(kind)) {
            throw o.error("kind", "unknown edge case '" + kind + "' (kinds: " + String.join(", ", KINDS) + ")");
        }
        double rate = o.number("rate", 0.01, 0, 1);
        ColumnKind k = rule.kind;
        switch (kind) {
            case "min":
            case "max": {
                Object bound = bound(rule, kind.equals("min"));
                if (bound == null) {
                    throw o.error("kind", "column '" + column + "' has no " + kind + " (give its distribution one, or "
                            + "use kind 'value')");
                }
                break;
            }
            case "extreme":
                if (!k.isNumeric()) {
                    throw o.error("kind", "extreme values need a numeric or datetime column; '" + column + "' is "
                            + k.jsonName());
                }
                break;
            case "empty":
            case "blank":
            case "long":
            case "unicode":
                if (!k.isText()) {
                    throw o.error("kind", kind + " strings need a text column; '" + column + "' is " + k.jsonName());
                }
                break;
            case "duplicate":
                if (unique) {
                    throw o.error("kind", "column '" + column + "' must be unique (a constraint says so), so duplicates "
                            + "are not allowed");
                }
                break;
            case "value":
                if (!o.has("value")) {
                    throw o.error("an edge case of kind 'value' needs a 'value'");
                }
                parse(o.scalar("value"), rule, o);
                break;
            default:
                break;
        }
        return new EdgeCase(column, kind, rate, o.has("value") ? o.scalar("value") : null,
                (int) o.integer("length", 10_000));
    }

    static Object bound(ColumnRule rule, boolean min) {
        Distribution d = rule.base.distribution();
        if (d == null) {
            return null;
        }
        return min ? d.min() : d.max();
    }

    /** A given value read as the column's kind. */
    static Object parse(String text, ColumnRule rule, SpecObject where) {
        try {
            switch (rule.kind) {
                case CONTINUOUS:
                    return Double.parseDouble(text);
                case INTEGER:
                    return Long.parseLong(text);
                case BOOLEAN:
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    return Boolean.parseBoolean(text);
                case DATETIME:
                    return LocalDateTime.parse(text.length() == 10 ? text + "T00:00:00" : text.replace(' ', 'T'));
                default:
                    return text;
            }
        } catch (RuntimeException e) {
            throw where.error("value", "'" + text + "' is not a " + rule.kind.jsonName() + " value for column '"
                    + rule.name + "'");
        }
    }

    /** The label lineage uses, e.g. {@code revenue:extreme}. */
    String label() {
        return column + ":" + kind;
    }
}
