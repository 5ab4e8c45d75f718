package io.tabsynth.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.data.Frame;
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
}
