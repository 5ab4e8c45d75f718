package io.tabsynth.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Renders an evaluation report for people, e.g. as an HTML page with plots. It gets the report JSON (the
 * keys of DESIGN.md) and the data that was evaluated, to draw distributions. The engine writes the output
 * atomically and records it in the evaluate step's lineage.
 */
public interface ReportExporter extends ExtensionPoint {
    /** The id, e.g. {@code html}. */
    String id();

    /** The file extensions it writes, lower case without the dot. */
    List<String> formats();

    /** Writes the rendered report. */
    void export(JsonNode report, EvaluationInput data, OutputStream out) throws IOException;
}
