package io.tabsynth.engine.run;

import io.tabsynth.engine.constraint.Conditions;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling a fitted model under conditions and constraints: the model is steered towards the conditions where it
 * can be, and wrapped so that rows breaking them are rejected and redrawn.
 */
final class Sampler {
    private final Extensions extensions;
    private final Recorder recorder;
    private final Export export;

    Sampler(Extensions extensions, Recorder recorder, Export export) {
        this.extensions = extensions;
        this.recorder = recorder;
        this.export = export;
    }

    /** See {@link Engine#sample(FittedModel, long, long, Path, Progress, Sampling)}. */
    long sample(FittedModel model, long rows, long seed, Path out, Progress progress, Sampling sampling) {
        checkRows(rows, "rows");
        PluginHost.Found<Exporter> exporter = extensions.exporterFor(out);
        checkConditions(model, sampling);
        Model sampler = constrain(model.model(), sampling);
        Instant started = Instant.now();
        Artifact written;
        Map<String, Object> results = new LinkedHashMap<>();
        try (FrameStream stream = sampler.sample(rows, seed)) {
            written = Activity.run("sampling " + model.info().generator() + " into " + out,
                    () -> export.write(stream, exporter.extension(), out, rows, progress));
            results.put("rows", written.rows());
            results.putAll(stream.notes());
        }
        ModelInfo info = model.info();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("rows", Long.toString(rows));
        params.put("format", exporter.info().id());
        sampling.conditions().forEach((k, v) -> params.put("condition." + k, v));
        if (sampler != model.model()) {
            params.put("maxTries", Integer.toString(sampling.maxTries()));
        }
        List<Artifact> inputs = new ArrayList<>();
        if (model.file() != null) {
            inputs.add(model.file());
        } else {
            info.params().forEach((k, v) -> params.put("fit." + k, v));
            params.put(Step.UNSAVED_FIT_SEED, Long.toString(info.seed()));
            inputs.addAll(model.lineageInputs());
            if (!model.model().privacy().isEmpty()) {
                // the fit was never saved, so this record is the only one of what it spent
                results.put(FitPrivacy.RESULT, model.model().privacy());
            }
            model.fitResults().forEach((k, v) -> results.put("fit." + k, v));
        }
        if (sampling.constraints() != null) {
            inputs.add(sampling.constraints().artifact());
            results.put(ModelInfo.ConstraintLanguageId.RESULT, sampling.constraints().language().recorded());
        }
        recorder.record(Step.builder("sample")
                .by(info.generator(), info.pluginId(), info.pluginVersion()).parameters(params).seed(seed)
                .inputs(inputs).output(written).results(results).between(started, Instant.now()).build());
        return written.rows();
    }

    /**
     * Refuses a row count for a sample file below one, as a {@link BadInputException} naming the option
     * ({@code --rows}): a file of no rows is a header alone, which tabsynth, like most tools, does not read as data.
     */
    static void checkRows(long rows, String option) {
        if (rows < 1) {
            throw new BadInputException(option + " must be at least 1, not " + rows + ": a sample of no rows would be"
                    + " a file of a header alone, which is no data to read back or evaluate");
        }
    }

    /** Samples rows into memory (no file, so no lineage record). */
    Frame sampleFrame(FittedModel model, int rows, long seed, Sampling sampling) {
        checkConditions(model, sampling);
        try (FrameStream stream = constrain(model.model(), sampling).sample(rows, seed)) {
            return stream.collect();
        }
    }

    /** Refuses a condition on a value the model never emits because fewer than minCount real rows hold it. */
    private static void checkConditions(FittedModel model, Sampling sampling) {
        if (model.info().rareValues() != null && !sampling.conditions().isEmpty()) {
            RareValues plan = RareValues.fromJson(model.info().rareValues());
            sampling.conditions().forEach(plan::checkCondition);
        }
    }

    /**
     * The model steered towards the conditions by its own means where it has them ({@link Model#conditioned});
     * the generator inside fit-time constraints is steered and the constraints kept.
     */
    private static Model steered(Model model, Map<String, String> conditions) {
        if (conditions.isEmpty()) {
            return model;
        }
        if (model instanceof ConstrainedModel c) {
            return c.inner().conditioned(conditions)
                    .<Model>map(inner -> new ConstrainedModel(inner, c.constraints(), c.schema(), c.maxTries()))
                    .orElse(model);
        }
        return model.conditioned(conditions).orElse(model);
    }

    /** The model wrapped so that its rows satisfy the sampling's constraints and conditions. */
    private static Model constrain(Model model, Sampling sampling) {
        Model m = steered(model, sampling.conditions());
        if (m instanceof ConstrainedModel c && sampling.maxTries() != ConstrainedModel.DEFAULT_MAX_TRIES) {
            m = new ConstrainedModel(c.inner(), c.constraints(), c.schema(), sampling.maxTries());
        }
        if (sampling.constraints() != null) {
            m = new ConstrainedModel(m, sampling.constraints().constraints().bind(m.schema(), null), m.schema(),
                    sampling.maxTries());
        }
        if (!sampling.conditions().isEmpty()) {
            m = new ConstrainedModel(m, Conditions.of(m.schema(), sampling.conditions()), m.schema(),
                    sampling.maxTries());
        }
        return m;
    }
}
