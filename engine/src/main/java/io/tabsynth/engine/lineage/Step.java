package io.tabsynth.engine.lineage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one engine step did, as the engine reports it to {@link Lineage}: the step name, the extension and
 * plugin that did it, every parameter, the seed, the files read and written, results, and when.
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
}
