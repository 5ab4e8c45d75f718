package io.tabsynth.engine.run;

import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.WrittenForm;
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
 * @param rows          how many rows it was fitted on, or {@link #ROWS_NOT_RECORDED} for a differentially private
 *                      fit, whose exact row count no mechanism paid for
 * @param constraints   the constraints it was fitted with ({@link io.tabsynth.spi.Constraints.Bound#spec()}),
 *                      or {@code null}
 * @param constraintLanguage the constraint language those constraints are written in, and its plugin; {@code null}
 *                      without constraints, and in model files written before tabsynth recorded it
 * @param rareValues    the {@link io.tabsynth.spi.disclosure.RareValues} plan of the fit (text values fewer than
 *                      {@code minCount} real rows hold, replaced by new ones), or {@code null} if it changed nothing
 * @param writtenForm   the decimals and datetime granularity of the real columns, which samples are rounded to
 *                      ({@link WrittenForm#NONE} when no real column has one)
 * @param trainingData  the file the model learnt from, by name and content digest, or {@code null} when it learnt
 *                      from no file (in-memory data, a generator that needs none, or a model file written before
 *                      tabsynth recorded it)
 */
public record ModelInfo(String generator, String pluginId, String pluginVersion, String engineVersion,
                        Map<String, String> params, long seed, Schema schema, long rows,
                        com.fasterxml.jackson.databind.JsonNode constraints, ConstraintLanguageId constraintLanguage,
                        com.fasterxml.jackson.databind.JsonNode rareValues, WrittenForm writtenForm,
                        TrainingData trainingData) {
    /** The rows of a model whose fit kept the exact row count out of its record (a differentially private one). */
    public static final long ROWS_NOT_RECORDED = -1;

    public ModelInfo {
        params = Map.copyOf(params);
        writtenForm = writtenForm == null ? WrittenForm.NONE : writtenForm;
    }

    /** "26,048 rows", or, for a fit that kept the count out of its record, "rows whose number is not recorded". */
    public String rowsInWords() {
        return rows == ROWS_NOT_RECORDED ? "rows whose exact number is not recorded (differentially private)"
                : String.format(java.util.Locale.ROOT, "%,d row%s", rows, rows == 1 ? "" : "s");
    }

    /**
     * The constraint language a model's constraints are written in, which loading the model needs.
     *
     * @param id            the language's id, e.g. {@code rules}
     * @param pluginId      the id of the plugin that provides it
     * @param pluginVersion that plugin's version
     */
    public record ConstraintLanguageId(String id, String pluginId, String pluginVersion) {
        /** The key under which a step's results name the language (the fit's and the sample's alike). */
        static final String RESULT = "constraintLanguage";

        /** How a step's results record it: {@code {"id", "plugin", "version"}}. */
        Map<String, String> recorded() {
            return Map.of("id", id, "plugin", pluginId, "version", pluginVersion);
        }

        @Override
        public String toString() {
            return "'" + id + "' (plugin " + pluginId + " " + pluginVersion + ")";
        }
    }

    /**
     * The training data a model file names in its header.
     *
     * @param name          the data file's name (without its folder, which says nothing about the data)
     * @param contentSha256 the digest of its data in canonical form ({@link io.tabsynth.spi.data.ContentDigest}),
     *                      the same whatever the file's format
     */
    public record TrainingData(String name, String contentSha256) {
        /** The training data of a frame read from a file; {@code null} for one that was not. */
        static TrainingData of(io.tabsynth.engine.lineage.Artifact source) {
            return source == null ? null
                    : new TrainingData(source.file().getFileName().toString(), source.contentSha256());
        }
    }
}
