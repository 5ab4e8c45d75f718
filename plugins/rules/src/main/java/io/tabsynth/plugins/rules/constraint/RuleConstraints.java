package io.tabsynth.plugins.rules.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.plugins.rules.spec.SpecFile;
import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The constraints of a constraints file (or of a rules spec's {@code constraints} list): inequality,
 * range, fixedCombinations, unique, regex and expression. See docs/rules.md for the format.
 */
public final class RuleConstraints implements Constraints {
    private static final List<String> TYPES = List.of("inequality", "range", "fixedCombinations", "unique", "regex",
            "expression");

    private final List<SpecObject> entries;
    private final ArrayNode spec;

    private RuleConstraints(List<SpecObject> entries) {
        this.entries = entries;
        this.spec = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> spec.add(e.node()));
        entries.forEach(RuleConstraints::rule);   // every entry is checked on reading
    }

    /** Reads a constraints file: an object with a {@code constraints} list. */
    public static RuleConstraints read(SpecFile file) {
        SpecObject root = file.root();
        root.allowOnly(List.of("constraints", "description"));
        if (!root.has("constraints")) {
            throw root.error("missing field 'constraints' (a list of constraints)");
        }
        return new RuleConstraints(root.objects("constraints"));
    }

    /** The constraints listed in {@code field} of an object (e.g. a rules spec), possibly none. */
    public static RuleConstraints of(SpecObject owner, String field) {
        return new RuleConstraints(owner.objects(field));
    }

    /** Rebuilds constraints from {@link #spec()} or a bound spec. */
    public static RuleConstraints fromSpec(JsonNode spec, String where) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("constraints", spec);
        return new RuleConstraints(SpecFile.of(where, root).root().objects("constraints"));
    }

    static Rule rule(SpecObject o) {
        String type = o.text("type");
        switch (type) {
            case "inequality":
                return new Inequality(o);
            case "range":
                return new Range(o);
            case "fixedCombinations":
                return new FixedCombinations(o);
            case "unique":
                return new Unique(o);
            case "regex":
                return new Matches(o);
            case "expression":
                return new Holds(o);
            default:
                throw o.error("type", "unknown constraint type '" + type + "' (types: " + String.join(", ", TYPES) + ")");
        }
    }

    /** The kind of a column a rule names; an unknown column is an error at the rule's field. */
    static ColumnKind kind(SpecObject rule, String field, Schema schema, String column) {
        if (!schema.has(column)) {
            throw rule.noColumn(field, column, schema.names());
        }
        return schema.column(column).kind();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public JsonNode spec() {
        return spec;
    }

    @Override
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(rule(e).name()));
        return out;
    }

    @Override
    public Bound bind(Schema schema, Frame training) {
        return bind(schema, training, e -> rule(e));
    }

    /**
     * Binds with rules made by {@code make} (fresh objects: rules keep per-binding state). Derivations are chosen
     * first: their columns leave the generator's schema before any other transform and come back last, computed
     * from the other columns' real values; a constraint on a derived column is checked on the computed values, with
     * no transform of its own.
     */
    BoundRules bind(Schema schema, Frame training, Function<SpecObject, Rule> make) {
        List<Rule> rules = new ArrayList<>();
        for (SpecObject e : entries) {
            Rule r = make.apply(e);
            r.bind(schema);
            rules.add(r);
        }
        Transform[] chosen = new Transform[rules.size()];
        List<Transform> transforms = new ArrayList<>();
        java.util.Set<String> derived = new java.util.HashSet<>();
        Schema modelSchema = schema;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof Holds) {
                chosen[i] = rules.get(i).transform(modelSchema, training, entries.get(i).text("transform", "auto"));
                if (chosen[i] instanceof Derivation d) {
                    modelSchema = d.apply(modelSchema);
                    transforms.add(d);
                    derived.add(d.column());
                }
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r instanceof Holds) {
                continue;
            }
            String choice = entries.get(i).text("transform", "auto");
            List<String> computed = r.columns().stream().filter(derived::contains).toList();
            if (!computed.isEmpty()) {
                if (!choice.equals("auto") && !choice.equals("none")) {
                    throw entries.get(i).error("transform", "column '" + computed.get(0) + "' is computed by an equation "
                            + "constraint, so this constraint is checked on the computed values: its transform is none");
                }
                continue;
            }
            chosen[i] = r.transform(modelSchema, training, choice);
            if (chosen[i] != null) {
                modelSchema = chosen[i].apply(modelSchema);
                transforms.add(chosen[i]);
            }
        }
        ArrayNode decided = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            SpecObject e = entries.get(i);
            if (training != null) {
                check(r, e, training);
            }
            ObjectNode d = e.node().deepCopy();
            if (r.transformable() && (e.node().has("transform") || training != null)) {
                d.put("transform", chosen[i] == null ? "none" : chosen[i].name());
            }
            if (chosen[i] != null && training != null) {
                chosen[i].record(d);
            }
            decided.add(d);
        }
        return new BoundRules(rules, transforms, modelSchema, decided);
    }

    private static void check(Rule rule, SpecObject where, Frame training) {
        Rule r = rule.fresh();
        int broken = 0;
        int first = -1;
        for (int row = 0; row < training.rowCount(); row++) {
            if (!r.holds(training, row)) {
                broken++;
                if (first < 0) {
                    first = row;
                }
            }
        }
        if (broken > 0) {
            throw where.error(String.format(java.util.Locale.ROOT, "constraint '%s' is broken by %,d of %,d rows of the "
                    + "real data (first: data row %d); fix the data or the constraint", rule.name(), broken,
                    training.rowCount(), first + 1));
        }
    }

    /** For an error raised outside any entry. */
    static BadInputException error(String message) {
        return new BadInputException(message);
    }
}
