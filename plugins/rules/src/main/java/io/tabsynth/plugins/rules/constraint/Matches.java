package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A column's values, as written in a file, match a regular expression in full (e.g. {@code \d{5}}). */
final class Matches extends Rule {
    private final SpecObject spec;
    private final String column;
    private final Pattern pattern;
    private int at;

    Matches(SpecObject spec) {
        spec.allowOnly(List.of("type", "column", "pattern", "description"));
        this.spec = spec;
        this.column = spec.text("column");
        try {
            this.pattern = Pattern.compile(spec.text("pattern"));
        } catch (PatternSyntaxException e) {
            throw spec.error("pattern", "not a regular expression: " + e.getDescription());
        }
    }

    @Override
    String name() {
        return column + " matches " + pattern.pattern();
    }

    @Override
    List<String> columns() {
        return List.of(column);
    }

    @Override
    void bind(Schema schema) {
        RuleConstraints.kind(spec, "column", schema, column);
        at = schema.indexOf(column);
    }

    @Override
    boolean holds(Frame frame, int row) {
        return frame.isMissing(at, row) || pattern.matcher(CellText.of(frame, at, row)).matches();
    }
}
