package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.SpecInference;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Drafting a spec for a spec-driven generator from real data, written and recorded as an {@code infer} step. */
final class SpecDrafting {
    /** The seed of the words a draft invents: a drafted spec depends on the data alone. */
    private static final long INFER_SEED = 0;

    private final Extensions extensions;
    private final Recorder recorder;

    SpecDrafting(Extensions extensions, Recorder recorder) {
        this.extensions = extensions;
        this.recorder = recorder;
    }

    /** See {@link Engine#inferSpec(String, Frame, Path, int, Consumer)}. */
    JsonNode draft(String generatorId, Frame data, Path out, int minCount, Consumer<String> notes) {
        PluginHost.Found<SpecInference> found = extensions.specInference(generatorId);
        Instant started = Instant.now();
        RareValues rare = RareValues.learn(data, minCount, INFER_SEED);
        JsonNode spec = Activity.run("drafting a " + generatorId + " spec from " + DataFiles.named(data),
                () -> found.extension().infer(data, rare));
        Artifact written = recorder.writeJson(out, spec, "spec");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("columns", spec.path("columns").size());
        results.put("constraints", spec.path("constraints").size());
        if (!rare.isEmpty()) {
            results.put("rareValues", rare.notes());
        }
        recorder.record(Step.builder("infer")
                .by(generatorId, found.info().pluginId(), found.info().pluginVersion())
                .parameter(RareValues.PARAM, Integer.toString(minCount))
                .inputs(DataFiles.artifacts(data)).output(written).results(results)
                .between(started, Instant.now()).build());
        rare.notes().forEach(notes);
        return spec;
    }
}
