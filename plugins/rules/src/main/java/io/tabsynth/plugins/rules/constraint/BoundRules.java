package io.tabsynth.plugins.rules.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.List;

/** Constraints tied to a schema, with the transforms chosen for them. */
public final class BoundRules implements Constraints.Bound {
    private final List<Rule> rules;
    private final List<Transform> transforms;
    private final Schema modelSchema;
    private final JsonNode spec;
    private final List<String> names = new ArrayList<>();

    BoundRules(List<Rule> rules, List<Transform> transforms, Schema modelSchema, JsonNode spec) {
        this.rules = List.copyOf(rules);
        this.transforms = List.copyOf(transforms);
        this.modelSchema = modelSchema;
        this.spec = spec;
        rules.forEach(r -> names.add(r.name()));
    }

    @Override
    public JsonNode spec() {
        return spec;
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public Schema modelSchema() {
        return modelSchema;
    }

    @Override
    public Frame toModel(Frame data) {
        Frame f = data;
        for (Transform t : transforms) {
            f = t.forward(f);
        }
        return f;
    }

    @Override
    public Frame fromModel(Frame sampled) {
        Frame f = sampled;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            f = transforms.get(i).backward(f);
        }
        return f;
    }

    @Override
    public Constraints.Checker checker() {
        return checking();
    }

    /** A checker that can also test a row without remembering it (for edge cases injected afterwards). */
    public RowChecker checking() {
        List<Rule> fresh = new ArrayList<>();
        rules.forEach(r -> fresh.add(r.fresh()));
        return new RowChecker(fresh);
    }

    /** Checks rows in output order; uniqueness remembers admitted keys. */
    public static final class RowChecker implements Constraints.Checker {
        private final List<Rule> rules;

        RowChecker(List<Rule> rules) {
            this.rules = rules;
        }

        @Override
        public int admit(Frame frame, int row) {
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                boolean ok = r instanceof Unique ? ((Unique) r).wouldHold(frame, row) : r.holds(frame, row);
                if (!ok) {
                    return i;
                }
            }
            for (Rule r : rules) {
                if (r instanceof Unique) {
                    r.holds(frame, row);
                }
            }
            return -1;
        }

        /** Whether a row admitted earlier still satisfies every rule after a change to {@code column}. */
        public boolean stillHolds(Frame frame, int row, String column) {
            for (Rule r : rules) {
                if (r.columns().contains(column) && !(r instanceof Unique) && !r.holds(frame, row)) {
                    return false;
                }
            }
            return true;
        }
    }
}
