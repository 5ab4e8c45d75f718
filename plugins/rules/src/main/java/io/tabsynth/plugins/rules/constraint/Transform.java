package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;

/** A reversible change of columns that makes every sampled row satisfy a constraint by construction. */
interface Transform {
    /** Its name as the spec records it, e.g. {@code logit}. */
    String name();

    /** The schema after the transform. */
    Schema apply(Schema schema);

    /** Real data into the generator's space. */
    Frame forward(Frame data);

    /** Sampled rows back. */
    Frame backward(Frame sampled);

    /** Adds what it decided from the training data to the constraint's recorded spec (nothing by default). */
    default void record(com.fasterxml.jackson.databind.node.ObjectNode decided) {
    }
}
