package io.tabsynth.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.pf4j.ExtensionPoint;

/**
 * Reads constraints files: rules every sampled row must satisfy, whichever generator made it. The engine
 * applies them around any model (see {@link Constraints}); a plugin contributes the language.
 */
public interface ConstraintLanguage extends ExtensionPoint {
    /** The language id, e.g. {@code rules}. */
    String id();

    /** Reads a constraints file; errors name the file, line and field and say what is wrong. */
    Constraints read(Path file);

    /** Rebuilds constraints from their {@link Constraints#spec()}, as a model file stores them. */
    Constraints fromSpec(JsonNode spec, String where);
}
