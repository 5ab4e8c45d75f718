package io.tabsynth.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import org.pf4j.ExtensionPoint;

/**
 * Drafts a spec for a spec-driven generator from real data (e.g. {@code tabsynth rules infer}), for a person
 * to read and edit. Plugins contribute it beside their generator.
 */
public interface SpecInference extends ExtensionPoint {
    /** The generator whose spec it writes, e.g. {@code rules}. */
    String generatorId();

    /** A spec describing the data: kinds, marginals, categories and the constraints the data obeys. */
    JsonNode infer(Frame data);

    /**
     * As {@link #infer(Frame)}, under the engine's rule that no text value fewer than {@code rare.minCount()} real
     * rows hold is emitted: the spec must not name such values, and should make new values in their place
     * ({@link RareValues.Column#shape()}). The default ignores the plan, for inferences whose specs name no values.
     */
    default JsonNode infer(Frame data, RareValues rare) {
        return infer(data);
    }
}
