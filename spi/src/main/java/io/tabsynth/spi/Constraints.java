package io.tabsynth.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;

/**
 * A set of row constraints as written, not yet tied to data. {@link #bind} checks them against a schema
 * and, given training data, decides which ones a reversible transform can enforce by construction.
 */
public interface Constraints {
    /** The constraints as JSON, enough for {@link ConstraintLanguage#fromSpec} to rebuild them. */
    JsonNode spec();

    /** One line per constraint for people, e.g. {@code start < end}. */
    List<String> describe();

    /**
     * Ties the constraints to a schema: every column they name must exist with a fitting kind. With
     * {@code training} (at fit time) transforms are chosen and the training rows must satisfy every
     * constraint; without it (at sample time) only transforms recorded in the spec apply.
     */
    Bound bind(Schema schema, Frame training);

    /** Constraints tied to one schema. Immutable; {@link #checker()} gives the per-sample state. */
    interface Bound {
        /** The spec with the transform decisions made at bind time, for model files and lineage. */
        JsonNode spec();

        /** One name per constraint, in the order {@link Checker#admit} numbers them. */
        List<String> names();

        /** The schema a generator sees after {@link #toModel}. */
        Schema modelSchema();

        /** Transforms training data into the generator's space (identity when no transform applies). */
        Frame toModel(Frame data);

        /** Transforms sampled rows back to the real schema; rows then satisfy every transformed constraint. */
        Frame fromModel(Frame sampled);

        /** A fresh checker for one sample (uniqueness remembers the keys it has admitted). */
        Checker checker();

        /**
         * Why constraint {@code index} may have rejected every row of {@code drawn}, for the error that sampling
         * gives up with (e.g. the values the model does draw, and the one nearest a misspelt value); empty if
         * there is nothing to add.
         */
        default String whyNoneMet(int index, Frame drawn) {
            return "";
        }

        /** What one of these is called in messages: {@code constraint} unless said otherwise. */
        default String noun() {
            return "constraint";
        }

        /** What the user can do when sampling gives up on these constraints, one sentence. */
        default String advice() {
            return "Loosen the constraint, fit with it so a transform can enforce it, or raise max tries";
        }
    }

    /** Checks rows one by one, in output order. Not thread-safe. */
    interface Checker {
        /**
         * Returns -1 and remembers the row (for uniqueness) when it satisfies every constraint, otherwise the
         * index (in {@link Bound#names()}) of the first constraint it breaks. A missing value satisfies a
         * constraint on it, as in SQL {@code CHECK}.
         */
        int admit(Frame frame, int row);
    }
}
