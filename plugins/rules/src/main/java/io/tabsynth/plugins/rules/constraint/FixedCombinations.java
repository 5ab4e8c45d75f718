package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Only combinations of values that the real data has (or that {@code allowed} lists) may appear in the
 * named columns, e.g. city and country. Its transform merges the columns into one categorical column while
 * the generator learns, so every sampled combination is a real one.
 */
final class FixedCombinations extends Rule {
    private static final String SEP = "\u001f";
    private static final String MISSING = "\u0000";

    private final SpecObject spec;
    private final List<String> names;
    private final Set<String> allowed = new HashSet<>();
    private boolean merged;
    private int[] at;

    FixedCombinations(SpecObject spec) {
        spec.allowOnly(List.of("type", "columns", "allowed", "transform", "description"));
        this.spec = spec;
        this.names = spec.texts("columns");
        if (names.size() < 2) {
            throw spec.error("columns", "fixed combinations need at least two columns");
        }
        var list = spec.get("allowed");
        if (list != null) {
            if (!list.isArray()) {
                throw spec.error("allowed", "expected a list of combinations, e.g. [[\"Paris\", \"FR\"], ...]");
            }
            for (var combo : list) {
                if (!combo.isArray() || combo.size() != names.size()) {
                    throw spec.error("allowed", "each combination lists " + names.size() + " values, one per column");
                }
                List<String> parts = new ArrayList<>();
                combo.forEach(v -> parts.add(v.isNull() ? MISSING : v.asText()));
                allowed.add(String.join(SEP, parts));
            }
        }
    }

    @Override
    String name() {
        return "fixed combinations of " + String.join(", ", names);
    }

    @Override
    List<String> columns() {
        return names;
    }

    @Override
    void bind(Schema schema) {
        at = new int[names.size()];
        for (int i = 0; i < at.length; i++) {
            ColumnKind k = RuleConstraints.kind(spec, "columns", schema, names.get(i));
            if (k == ColumnKind.CONTINUOUS || k == ColumnKind.DATETIME) {
                throw spec.error("columns", "fixed combinations need categorical, boolean, integer or text columns; '"
                        + names.get(i) + "' is " + k.jsonName());
            }
            at[i] = schema.indexOf(names.get(i));
        }
    }

    private static String key(Frame frame, int row, int[] columns) {
        return Cells.key(frame, row, columns, SEP, MISSING);
    }

    @Override
    boolean holds(Frame frame, int row) {
        return merged || allowed.contains(key(frame, row, at));
    }

    @Override
    boolean transformable() {
        return true;
    }

    @Override
    Transform transform(Schema schema, Frame training, String choice) {
        if (!wanted(choice, "merge", training, spec)) {
            if (training != null) {
                for (int r = 0; r < training.rowCount(); r++) {
                    allowed.add(key(training, r, at));
                }
            } else if (allowed.isEmpty()) {
                throw spec.error("fixed combinations at sample time need an 'allowed' list (or give the constraints "
                        + "when fitting, where the real combinations are learned)");
            }
            return null;
        }
        merged = true;
        String joined = mergedName(schema);
        List<ColumnSpec> originals = new ArrayList<>();
        names.forEach(n -> originals.add(schema.column(n)));
        Schema[] before = {schema};
        return new Transform() {
            @Override
            public String name() {
                return "merge";
            }

            @Override
            public Schema apply(Schema s) {
                before[0] = s;
                List<ColumnSpec> out = new ArrayList<>();
                for (ColumnSpec c : s.columns()) {
                    if (c.name().equals(names.get(0))) {
                        out.add(ColumnSpec.of(joined, ColumnKind.CATEGORICAL));
                    } else if (!names.contains(c.name())) {
                        out.add(c);
                    }
                }
                return Schema.of(out);
            }

            @Override
            public Frame forward(Frame data) {
                int[] cols = names.stream().mapToInt(data.schema()::indexOf).toArray();
                StringColumn m = StringColumn.create(joined);
                for (int r = 0; r < data.rowCount(); r++) {
                    m.append(key(data, r, cols));
                }
                Table t = Table.create(data.table().name());
                for (int i = 0; i < data.columnCount(); i++) {
                    String n = data.schema().column(i).name();
                    if (n.equals(names.get(0))) {
                        t.addColumns(m);
                    } else if (!names.contains(n)) {
                        t.addColumns(data.column(i));
                    }
                }
                return Frame.of(t, apply(data.schema()));
            }

            @Override
            public Frame backward(Frame sampled) {
                StringColumn m = sampled.strings(joined);
                List<Column<?>> split = new ArrayList<>();
                for (ColumnSpec c : originals) {
                    split.add(c.kind().newColumn(c.name()));
                }
                for (int r = 0; r < sampled.rowCount(); r++) {
                    String[] parts = m.get(r).split(SEP, -1);
                    for (int i = 0; i < split.size(); i++) {
                        append(split.get(i), i < parts.length ? parts[i] : MISSING);
                    }
                }
                Table t = Table.create(sampled.table().name());
                for (ColumnSpec c : before[0].columns()) {
                    int k = names.indexOf(c.name());
                    t.addColumns(k >= 0 ? split.get(k) : sampled.column(c.name()));
                }
                return Frame.of(t, before[0]);
            }
        };
    }

    private String mergedName(Schema schema) {
        String n = String.join("+", names);
        while (schema.has(n)) {
            n = n + "#";
        }
        return n;
    }

    private static void append(Column<?> c, String text) {
        if (text.equals(MISSING) || text.isEmpty()) {
            c.appendMissing();
        } else if (c instanceof LongColumn) {
            ((LongColumn) c).append(Long.parseLong(text));
        } else if (c instanceof BooleanColumn) {
            ((BooleanColumn) c).append(Boolean.parseBoolean(text));
        } else {
            ((StringColumn) c).append(text);
        }
    }
}
