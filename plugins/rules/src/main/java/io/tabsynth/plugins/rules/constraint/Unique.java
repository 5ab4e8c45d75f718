package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** No two rows share a value (or a combination of values) in the named columns. Remembers what it admitted. */
final class Unique extends Rule {
    private final SpecObject spec;
    private final List<String> names;
    private final Set<String> seen = new HashSet<>();
    private int[] at;

    Unique(SpecObject spec) {
        spec.allowOnly(List.of("type", "columns", "column", "description"));
        this.spec = spec;
        this.names = spec.has("column") ? List.of(spec.text("column")) : spec.texts("columns");
        if (names.isEmpty()) {
            throw spec.error("unique needs 'column' or 'columns'");
        }
    }

    private Unique(Unique template) {
        this.spec = template.spec;
        this.names = template.names;
        this.at = template.at;
    }

    @Override
    String name() {
        return "unique " + String.join(", ", names);
    }

    @Override
    List<String> columns() {
        return names;
    }

    @Override
    void bind(Schema schema) {
        at = new int[names.size()];
        for (int i = 0; i < at.length; i++) {
            RuleConstraints.kind(spec, names.size() == 1 && spec.has("column") ? "column" : "columns", schema, names.get(i));
            at[i] = schema.indexOf(names.get(i));
        }
    }

    @Override
    Rule fresh() {
        return new Unique(this);
    }

    /** Checks and, when the row passes, remembers its key. */
    @Override
    boolean holds(Frame frame, int row) {
        String key = key(frame, row);
        return key == null || seen.add(key);
    }

    /** Checks without remembering. */
    boolean wouldHold(Frame frame, int row) {
        String key = key(frame, row);
        return key == null || !seen.contains(key);
    }

    /** The row's key over the columns, or {@code null} when one is missing (missing values never clash). */
    private String key(Frame frame, int row) {
        for (int c : at) {
            if (frame.isMissing(c, row)) {
                return null;
            }
        }
        return Cells.key(frame, row, at, "\u001f", "");
    }
}
