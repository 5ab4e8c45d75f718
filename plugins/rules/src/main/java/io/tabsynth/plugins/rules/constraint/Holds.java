package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.plugins.rules.Expression;
import io.tabsynth.plugins.rules.spec.SpecObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A general condition: a JEXL expression over the row that must be true, e.g. {@code price * qty == total}; its
 * {@code ==} and {@code !=} compare numbers as {@link NumberEquality} says.
 */
final class Holds extends Rule {
    private final SpecObject spec;
    private final Expression expression;

    Holds(SpecObject spec) {
        spec.allowOnly(List.of("type", "expr", "description"));
        this.spec = spec;
        this.expression = Expression.parse(spec, "expr", null, new NumberEquality(true));
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
}
