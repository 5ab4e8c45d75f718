package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;

/**
 * One row constraint. {@link #bind} ties it to a schema (checking its columns) and returns the check; a
 * rule that a reversible transform can enforce also offers one.
 */
abstract class Rule {
    /** For people and for counting rejections, e.g. {@code start < end}. */
    abstract String name();

    /** The columns it reads. */
    abstract List<String> columns();

    /** Checks the columns' kinds against the schema; errors name the rule's place in the file. */
    abstract void bind(Schema schema);

    /** True if the row satisfies it; rows missing a value it reads satisfy it. */
    abstract boolean holds(Frame frame, int row);

    /** A fresh state for one sample; stateless rules return themselves. */
    Rule fresh() {
        return this;
    }

    /**
     * Whether the spec's {@code transform} choice asks for the transform named {@code name}: {@code auto} does
     * when training data is there to learn from, {@code none} never does; any other name is an error at
     * {@code spec}'s transform field.
     */
    static boolean wanted(String choice, String name, Frame training, io.tabsynth.plugins.rules.spec.SpecObject spec) {
        if (choice.equals("none") || (choice.equals("auto") && training == null)) {
            return false;
        }
        if (!choice.equals("auto") && !choice.equals(name)) {
            throw spec.error("transform", "this constraint's transform is " + name + " or none, not '" + choice + "'");
        }
        return true;
    }

    /** Whether it has a {@code transform} field at all. */
    boolean transformable() {
        return false;
    }

    /**
     * The transform that enforces it, for data like {@code training} ({@code null} at sample time), or
     * {@code null}. {@code choice} is the spec's {@code transform} field: {@code auto}, {@code none} or a name.
     */
    Transform transform(Schema schema, Frame training, String choice) {
        return null;
    }
}
