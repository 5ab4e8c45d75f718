package io.tabsynth.engine.run;

import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.data.WrittenForm;
import java.util.Map;

/**
 * How a model was made: the provenance every fitted model carries and every model file records.
 *
 * @param generator     generator id
 * @param pluginId      id of the plugin that provides it (and can load the model)
 * @param pluginVersion that plugin's version
 * @param engineVersion the engine's version at fit time
 * @param params        every parameter value, defaults included, as text
 * @param seed          the fit seed
 * @param schema        the schema of the data it was fitted on, which is the schema it samples
 * @param rows          how many rows it was fitted on
 * @param constraints   the constraints it was fitted with ({@link io.tabsynth.engine.spi.Constraints.Bound#spec()}),
 *                      or {@code null}
 * @param rareValues    the {@link io.tabsynth.engine.disclosure.RareValues} plan of the fit (text values fewer than
 *                      {@code minCount} real rows hold, replaced by new ones), or {@code null} if it changed nothing
 * @param writtenForm   the decimals and datetime granularity of the real columns, which samples are rounded to
 *                      ({@link WrittenForm#NONE} when no real column has one)
 */
public record ModelInfo(String generator, String pluginId, String pluginVersion, String engineVersion,
                        Map<String, String> params, long seed, Schema schema, long rows,
                        com.fasterxml.jackson.databind.JsonNode constraints,
                        com.fasterxml.jackson.databind.JsonNode rareValues, WrittenForm writtenForm) {
    public ModelInfo {
        params = Map.copyOf(params);
        writtenForm = writtenForm == null ? WrittenForm.NONE : writtenForm;
    }
}
