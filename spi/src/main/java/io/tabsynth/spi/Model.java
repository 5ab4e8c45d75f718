package io.tabsynth.spi;

import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.OutputStream;

/** A fitted generator: it samples new rows and saves itself. Immutable and safe to share between threads. */
public interface Model {
    /** The schema of the rows it samples. */
    Schema schema();

    /**
     * Samples {@code rows} rows as a stream of batches. The same model, row count and seed give the same rows,
     * whatever the number of threads used.
     */
    FrameStream sample(long rows, long seed);

    /** Samples a small number of rows into one frame. */
    default Frame sampleFrame(int rows, long seed) {
        return sample(rows, seed).collect();
    }

    /** How the model represents each column, for people (e.g. {@code age -> empirical, 73 distinct values}). */
    default java.util.Map<String, String> describeColumns() {
        return java.util.Map.of();
    }

    /**
     * What fitting this model spent on differential privacy (ε, δ, ρ and every mechanism call, see
     * docs/privacy.md), for the fit's lineage record; empty for a model that makes no privacy claim.
     */
    default java.util.Map<String, Object> privacy() {
        return java.util.Map.of();
    }

    /**
     * What people should be warned of about this fit (parameters that let it reproduce real rows, say), one sentence
     * each: the engine prints them after the fit and keeps them in the fit's lineage record. None by default.
     */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }

    /**
     * This model steered towards rows with the given values ({@code column -> value}, as text), by the
     * generator's own means such as CTGAN's conditional vector; empty when it has none for these conditions.
     * The engine still checks every row against the conditions and redraws those that miss, so a steered model
     * only has to make matching rows likely, not certain.
     */
    default java.util.Optional<Model> conditioned(java.util.Map<String, String> conditions) {
        return java.util.Optional.empty();
    }

    /**
     * Writes the model's state; {@link Generator#load} of the same plugin reads it back. The engine wraps
     * it in a model file that records the generator, plugin id and version (see docs/model-format.md).
     */
    void save(OutputStream out) throws IOException;
}
