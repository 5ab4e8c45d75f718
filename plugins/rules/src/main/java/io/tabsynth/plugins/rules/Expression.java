package io.tabsynth.plugins.rules;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;

/**
 * An Apache Commons JEXL expression over a row's columns, e.g. {@code price * quantity} or
 * {@code segment == 'enterprise' && revenue > 1e6}. Columns are variables by name; any column, whatever its
 * name (spaces, dashes, dots, unicode, JEXL keywords such as {@code size}), is also reached as
 * {@code row['capital-gain']}: {@code row} is always the row itself. Functions of {@link Math} are under
 * {@code math:} (e.g. {@code math:log(x)}). Compiled once, thread-safe to evaluate.
 */
public final class Expression {
    private static final JexlEngine JEXL = new JexlBuilder().strict(true).silent(false).safe(false)
            .namespaces(Map.of("math", Math.class)).cache(512).create();

    /** An engine for each arithmetic that expressions are parsed with, made once. */
    private static final Map<Class<?>, JexlEngine> ENGINES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The variable that holds the whole row, for columns whose names are not identifiers. */
    private static final String ROW = "row";

    private final String text;
    private final JexlScript script;
    private final Set<String> columns;
    private final String where;
    /** Whether the expression itself names {@code null}, and so is evaluated on rows with missing values. */
    private final boolean seesMissing;

    /** Quoted strings, which may hold the word null without naming it. */
    private static final java.util.regex.Pattern QUOTED =
            java.util.regex.Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final java.util.regex.Pattern NULL = java.util.regex.Pattern.compile("\\bnull\\b");

    private Expression(String text, JexlScript script, Set<String> columns, String where) {
        this.text = text;
        this.script = script;
        this.columns = columns;
        this.where = where;
        this.seesMissing = NULL.matcher(QUOTED.matcher(text).replaceAll("''")).find();
    }

    /**
     * Compiles the text held in {@code field} of {@code owner}; a syntax error or a name that is not one of
     * {@code known} columns is reported at that field's line ({@code known} may be {@code null} when the
     * columns are checked later).
     */
    public static Expression parse(SpecObject owner, String field, Collection<String> known) {
        return parse(owner, field, known, JEXL);
    }

    /**
     * Compiles it as {@link #parse(SpecObject, String, Collection)} does, with {@code arithmetic} giving the
     * operators their meaning (constraints compare numbers with their own {@code ==}).
     */
    public static Expression parse(SpecObject owner, String field, Collection<String> known,
                                   org.apache.commons.jexl3.JexlArithmetic arithmetic) {
        return parse(owner, field, known, ENGINES.computeIfAbsent(arithmetic.getClass(), k -> engine(arithmetic)));
    }

    private static JexlEngine engine(org.apache.commons.jexl3.JexlArithmetic arithmetic) {
        return new JexlBuilder().strict(true).silent(false).safe(false).arithmetic(arithmetic)
                .namespaces(Map.of("math", Math.class)).cache(512).create();
    }

    private static Expression parse(SpecObject owner, String field, Collection<String> known, JexlEngine jexl) {
        return parse(owner, field, owner.text(field), known, jexl);
    }

    /**
     * Compiles {@code text}, a part of what {@code field} of {@code owner} holds (one side of an equation), as
     * {@link #parse(SpecObject, String, Collection, org.apache.commons.jexl3.JexlArithmetic)} compiles the whole.
     */
    public static Expression parsePart(SpecObject owner, String field, String text, Collection<String> known,
                                       org.apache.commons.jexl3.JexlArithmetic arithmetic) {
        return parse(owner, field, text, known, ENGINES.computeIfAbsent(arithmetic.getClass(), k -> engine(arithmetic)));
    }

    private static Expression parse(SpecObject owner, String field, String text, Collection<String> known,
                                    JexlEngine jexl) {
        JexlScript script;
        try {
            script = jexl.createScript(text);
        } catch (JexlException e) {
            throw owner.error(field, "expression '" + text + "' does not parse: " + brief(e));
        }
        Set<String> used = new LinkedHashSet<>();
        for (List<String> var : script.getVariables()) {
            if (var.get(0).equals(ROW) && var.size() == 1) {
                throw owner.error(field, "expression '" + text + "' uses 'row' without a quoted column name: "
                        + "'row' is the row itself, write row['name'] for a column (" + ROW + "['row'] for one named row)");
            }
            String name = var.get(0).equals(ROW) ? var.get(1) : var.get(0);
            if (known != null && !known.contains(name)) {
                throw owner.error(field, "expression '" + text + "' uses '" + name + "', which is not a column here"
                        + Suggestion.didYouMean(name, known) + " (columns: " + String.join(", ", known) + ")");
            }
            used.add(name);
        }
        return new Expression(text, script, used, owner.path() + "." + field);
    }

    /**
     * How an expression names a column: bare when the name parses as that one variable ({@code age},
     * {@code capital_gain}), else {@code row['name']} (spaces, dashes, dots, digits first, unicode, keywords).
     */
    public static String reference(String column) {
        if (!column.equals(ROW)) {
            try {
                List<List<String>> vars = new java.util.ArrayList<>(JEXL.createScript(column).getVariables());
                if (vars.equals(List.of(List.of(column)))) {
                    return column;
                }
            } catch (JexlException e) {
                // not an identifier: reached through the row below
            }
        }
        return ROW + "[" + quote(column) + "]";
    }

    /** A JEXL string literal of the text. */
    public static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The columns it reads. */
    public Set<String> columns() {
        return columns;
    }

    /** Evaluates it for one row; a failure names the expression and the row. */
    public Object evaluate(Row row) {
        try {
            return script.execute(row);
        } catch (JexlException e) {
            throw new BadInputException(where + ": expression '" + text + "' failed on row " + row.describe() + ": "
                    + brief(e));
        }
    }

    /** Evaluates a condition; anything but a boolean result is an error. */
    public boolean test(Row row) {
        Object v = evaluate(row);
        if (!(v instanceof Boolean)) {
            throw new BadInputException(where + ": condition '" + text + "' gave " + v + ", not true or false");
        }
        return (Boolean) v;
    }

    /**
     * True if a column it reads is missing in the row: derived values are then missing, conditions not met. An
     * expression that names {@code null} itself ({@code days == null ? 'no' : 'yes'}) handles missing values and
     * reads them as null: for it this is always false.
     */
    public boolean readsMissing(Row row) {
        if (seesMissing) {
            return false;
        }
        for (String c : columns) {
            if (row.value(c) == null) {
                return true;
            }
        }
        return false;
    }

    private static String brief(JexlException e) {
        String m = e.getMessage();
        // JEXL prefixes where it was called from ("io.x.Expression.parse:47@1:5 "): the expression is named already
        return m == null ? "JEXL could not evaluate it" : m.replaceFirst("^[\\w.$]+(:\\d+)?@[\\d:-]+ ", "");
    }

    /** The row an expression sees: column values by name, and {@code row} for names that are not identifiers. */
    public abstract static class Row implements JexlContext {
        private Map<String, Object> columns;

        /** The value of a column, or {@code null} when missing or unknown. */
        protected abstract Object value(String column);

        /** Whether the row has the column. */
        protected abstract boolean hasColumn(String column);

        /** The row for error messages. */
        protected abstract String describe();

        @Override
        public Object get(String name) {
            return name.equals(ROW) ? columns() : value(name);
        }

        /**
         * The row as a map of column values. JEXL looks into the classes its permissions allow, java.* by
         * default, so the view is handed over inside a java.util wrapper.
         */
        private Map<String, Object> columns() {
            if (columns == null) {
                columns = java.util.Collections.unmodifiableMap(new java.util.AbstractMap<String, Object>() {
                    @Override
                    public Object get(Object key) {
                        return value(String.valueOf(key));
                    }

                    @Override
                    public boolean containsKey(Object key) {
                        return hasColumn(String.valueOf(key));
                    }

                    @Override
                    public Set<Entry<String, Object>> entrySet() {
                        return Set.of();
                    }
                });
            }
            return columns;
        }

        @Override
        public boolean has(String name) {
            return hasColumn(name) || name.equals(ROW);
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("expressions cannot assign columns (" + name + ")");
        }
    }
}
