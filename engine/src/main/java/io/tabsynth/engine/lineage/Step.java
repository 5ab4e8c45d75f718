package io.tabsynth.engine.lineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one engine step did, as the engine reports it to {@link Lineage}: the step name, the extension and
 * plugin that did it, every parameter, the seed, the files read and written, results, and when. Made with
 * {@link #builder(String)}; a {@link SignedRecord} read back gives its step again.
 *
 * @param step          {@code fit}, {@code sample}, {@code evaluate}, {@code export} or {@code certify}
 * @param extension     the extension's id, e.g. {@code gaussian-copula}
 * @param pluginId      the plugin that provides it
 * @param pluginVersion that plugin's version
 * @param parameters    every parameter, defaults included
 * @param seed          the seed, or {@code null} for steps without randomness
 * @param inputs        files read
 * @param outputs       files written
 * @param results       results worth recording (scores, row counts, verdicts)
 * @param started       when the step started
 * @param finished      when it finished
 */
public record Step(String step, String extension, String pluginId, String pluginVersion, Map<String, String> parameters,
                   Long seed, List<Artifact> inputs, List<Artifact> outputs, Map<String, Object> results,
                   Instant started, Instant finished) {
    public Step {
        parameters = Map.copyOf(parameters);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        results = Map.copyOf(results);
    }

    /** The parameter of a sample step from a model fitted in memory and never saved: the fit's seed. */
    public static final String UNSAVED_FIT_SEED = "fit.seed";

    /**
     * Whether this step fitted a model to real data: a {@code fit}, or the {@code sample} of a model fitted in memory
     * and never saved, whose record names the real data in the fit's place. What such a step made has a privacy
     * guarantee ({@link FitPrivacy}) or none.
     */
    public boolean fitsRealData() {
        boolean fit = step.equals("fit") || step.equals("sample") && parameters.containsKey(UNSAVED_FIT_SEED);
        return fit && inputs.stream().anyMatch(in -> Artifact.REAL_DATA_ROLE.equals(in.role()));
    }

    /** A builder for a step named {@code step}; extension and plugin must be named, the rest defaults to none. */
    public static Builder builder(String step) {
        return new Builder(step);
    }

    /** Builds a {@link Step}: no parameters, seed, files or results unless given; started and finished now unless given. */
    public static final class Builder {
        private final String step;
        private String extension;
        private String pluginId;
        private String pluginVersion;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Long seed;
        private final List<Artifact> inputs = new ArrayList<>();
        private final List<Artifact> outputs = new ArrayList<>();
        private final Map<String, Object> results = new LinkedHashMap<>();
        private Instant started;
        private Instant finished;

        private Builder(String step) {
            this.step = step;
        }

        /** The extension that did the step, and the plugin (id and version) that provides it. */
        public Builder by(String extensionId, String pluginId, String pluginVersion) {
            this.extension = extensionId;
            this.pluginId = pluginId;
            this.pluginVersion = pluginVersion;
            return this;
        }

        public Builder parameters(Map<String, String> parameters) {
            this.parameters.putAll(parameters);
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        /** The seed; {@code null} (the default) for a step without randomness. */
        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder input(Artifact input) {
            inputs.add(input);
            return this;
        }

        public Builder inputs(List<Artifact> inputs) {
            this.inputs.addAll(inputs);
            return this;
        }

        public Builder output(Artifact output) {
            outputs.add(output);
            return this;
        }

        public Builder outputs(List<Artifact> outputs) {
            this.outputs.addAll(outputs);
            return this;
        }

        public Builder results(Map<String, ?> results) {
            this.results.putAll(results);
            return this;
        }

        public Builder result(String name, Object value) {
            results.put(name, value);
            return this;
        }

        /** When the step started and finished. */
        public Builder between(Instant started, Instant finished) {
            this.started = started;
            this.finished = finished;
            return this;
        }

        /** The step; an {@link IllegalStateException} if no extension and plugin were named. */
        public Step build() {
            if (extension == null) {
                throw new IllegalStateException("step '" + step + "' names no extension and plugin (call by(...))");
            }
            Instant now = Instant.now();
            Instant from = started != null ? started : now;
            return new Step(step, extension, pluginId, pluginVersion, parameters, seed, inputs, outputs, results, from,
                    finished != null ? finished : now);
        }
    }
}
