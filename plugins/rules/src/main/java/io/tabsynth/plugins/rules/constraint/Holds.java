package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.Expression;
import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A general condition: a JEXL expression over the row that must be true, e.g. {@code price * qty == total}; its
 * {@code ==} and {@code !=} compare numbers as {@link NumberEquality} says. An equation with one numeric column
 * alone on a side ({@code total == price * qty}) can be enforced by {@link Derivation}: the column is computed.
 */
final class Holds extends Rule {
    private final SpecObject spec;
    private final Expression expression;
    private final Optional<Equation> equation;

    Holds(SpecObject spec) {
        spec.allowOnly(List.of("type", "expr", "transform", Derivation.DECIMALS, Derivation.INPUT_DECIMALS, "description"));
        this.spec = spec;
        this.expression = Expression.parse(spec, "expr", null, new NumberEquality(true));
        this.equation = Equation.of(expression.text());
    }

    @Override
    String name() {
        return expression.text();
    }

    @Override
    List<String> columns() {
        return new ArrayList<>(expression.columns());
    }

    @Override
    void bind(Schema schema) {
        for (String c : expression.columns()) {
            RuleConstraints.kind(spec, "expr", schema, c);
        }
    }

    @Override
    boolean holds(Frame frame, int row) {
        Expression.Row r = FrameRow.of(frame, row);
        return expression.readsMissing(r) || expression.test(r);
    }

    /** An equation has a {@code transform} field; other expressions cannot be enforced by one. */
    @Override
    boolean transformable() {
        return equation.isPresent();
    }

    @Override
    Transform transform(Schema schema, Frame training, String choice) {
        if (equation.isEmpty()) {
            if (!choice.equals("auto") && !choice.equals("none")) {
                throw spec.error("transform", "only an equation 'column == formula' can be derived; '"
                        + expression.text() + "' is not one");
            }
            return null;
        }
        Equation eq = equation.get();
        Optional<Derivation> derivation = derivation(eq.left(), eq.right(), schema, training)
                .or(() -> derivation(eq.right(), eq.left(), schema, training));
        if (derivation.isEmpty()) {
            if (choice.equals(Derivation.NAME)) {
                throw spec.error("transform", "'" + expression.text() + "' cannot be derived: one side must be a "
                        + "numeric column alone, and the other a formula of other columns the generator learns");
            }
            return null;
        }
        return wanted(choice, Derivation.NAME, training, spec) ? derivation.get() : null;
    }

    /** {@code column == formula} as a derivation, when {@code side} is a numeric column alone and the formula reads others. */
    private Optional<Derivation> derivation(String side, String formulaText, Schema schema, Frame training) {
        Expression lone = Expression.parsePart(spec, "expr", side, null, new NumberEquality(true));
        if (lone.columns().size() != 1) {
            return Optional.empty();
        }
        String column = lone.columns().iterator().next();
        List<String> alone = List.of(column, Expression.reference(column), "row[" + Expression.quote(column) + "]",
                "row[\"" + column + "\"]");
        if (!schema.has(column) || !Derivation.derivable(schema.column(column).kind()) || !alone.contains(side.trim())) {
            return Optional.empty();
        }
        Expression formula = Expression.parsePart(spec, "expr", formulaText, null, new NumberEquality(true));
        if (formula.columns().contains(column) || !schema.names().containsAll(formula.columns())) {
            return Optional.empty();
        }
        ColumnSpec target = schema.column(column);
        int decimals = training != null ? CellText.mostDecimals(training.numbers(column))
                : (int) spec.integer(Derivation.DECIMALS, -1);
        java.util.Map<String, Integer> inputDecimals = new java.util.TreeMap<>();
        for (String c : formula.columns()) {
            if (schema.column(c).kind() == io.tabsynth.spi.data.ColumnKind.CONTINUOUS) {
                int places = training != null ? CellText.mostDecimals(training.numbers(c))
                        : spec.node().path(Derivation.INPUT_DECIMALS).path(c).asInt(-1);
                if (places >= 0) {
                    inputDecimals.put(c, places);
                }
            }
        }
        return Optional.of(new Derivation(target, formula, decimals, inputDecimals));
    }
}
