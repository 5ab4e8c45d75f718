package io.tabsynth.engine.run;

import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.disclosure.RareValueModel;
import io.tabsynth.engine.governance.optout.Exclusion;
import io.tabsynth.engine.governance.optout.OptOutList;
import io.tabsynth.engine.data.io.CsvBatches;
import io.tabsynth.engine.data.io.FileBatches;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.FrameBatches;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.WrittenForm;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.disclosure.ValueCounts;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fitting a generator: parameters checked against its description, constraints bound to the data (transforms
 * applied before the generator sees it, the rest enforced on samples), rare text values kept out, and samples
 * given the real data's written form. Also reads the constraints files a fit or a sample uses.
 */
final class Fitting {
    private final Extensions extensions;
    private final Recorder recorder;

    Fitting(Extensions extensions, Recorder recorder) {
        this.extensions = extensions;
        this.recorder = recorder;
    }

    /**
     * Fits a generator to data under constraints ({@code null} for none): the constraints are checked against the
     * data, transforms that enforce some of them by construction are applied before the generator sees the data,
     * and the model rejects sampled rows that break the rest. {@code data} may be {@code null} for a generator that
     * needs none (see {@link Generator#needsData()}).
     */
    FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress,
                    ConstraintFile constraints) {
        return fit(data, generatorId, params, seed, progress, constraints, null);
    }

    /**
     * As {@link #fit(Frame, String, Map, long, Progress, ConstraintFile)}, first removing the rows of the people on the
     * opt-out list ({@code null} for none), before anything is learned from the data: constraints, the rare-value
     * rule, any differentially private mechanism and the generator see only the rows left. The list is one of the
     * fit's inputs, and its record says which list it honoured and how many rows that removed.
     */
    FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress,
                    ConstraintFile constraints, OptOutList optOuts) {
        PluginHost.Found<Generator> g = extensions.generator(generatorId);
        Generator generator = g.extension();
        String owner = "generator '" + generatorId + "'";
        int minCount = RareValues.minCount(params);
        Map<String, String> own = new LinkedHashMap<>(params);
        own.remove(RareValues.PARAM);
        Params resolved = Params.resolve(owner, generator.describe(), own);
        List<Artifact> inputs = fileParameters(generator, resolved, owner);
        List<Path> ownFiles = inputs.stream().map(Artifact::path).toList();
        if (data == null) {
            if (optOuts != null) {
                throw new BadInputException("an opt-out list removes rows of real data, and " + owner
                        + " is given none: give --data");
            }
            if (generator.needsData()) {
                throw new BadInputException(owner + " learns from real data: give --data");
            }
            data = Frame.empty(Schema.of());
        } else if (data.rowCount() == 0 && generator.needsData()) {
            throw new BadInputException("cannot fit generator '" + generatorId + "' to data with no rows");
        }
        Map<String, Object> fitResults = new LinkedHashMap<>();
        if (optOuts != null) {
            Exclusion excluded = optOuts.exclude(data);
            if (excluded.kept().rowCount() == 0 && generator.needsData()) {
                throw new BadInputException("cannot fit generator '" + generatorId + "': the opt-out list "
                        + optOuts.file() + " removes every row of " + DataFiles.named(data));
            }
            data = excluded.kept();
            inputs.add(optOuts.artifact());
            fitResults.put(Exclusion.RESULT, excluded.record(!generator.differentiallyPrivate(resolved)));
        }
        Instant started = Instant.now();
        boolean learns = generator.needsData();
        Map<String, String> recorded = new LinkedHashMap<>(resolved.asText());
        boolean rareValueRule = learns && !generator.differentiallyPrivate(resolved);
        if (learns && !rareValueRule && params.containsKey(RareValues.PARAM)) {
            fitResults.put(FittedModel.MIN_COUNT_IGNORED, owner);
        }
        if (rareValueRule) {
            recorded.put(RareValues.PARAM, Integer.toString(minCount));
        }
        Constraints.Bound bound = null;
        Frame training = data;
        if (constraints != null) {
            inputs.add(constraints.artifact());
            if (learns) {
                bound = constraints.constraints().bind(data.schema(), data);
                training = bound.toModel(data);
            }
        }
        RareValues rare = null;
        if (rareValueRule) {
            // a column a constraint's transform made (fixed combinations, merged) keeps the real combinations asked for
            List<String> dataColumns = training.schema().names().stream().filter(data.schema()::has).toList();
            rare = RareValues.learn(training.select(dataColumns), minCount, seed);
            training = rare.toModel(training);
        }
        // a differentially private fit records no exact row count: no mechanism paid for it
        Artifact source = Artifact.of(data);
        Artifact recordedSource = source != null && generator.differentiallyPrivate(resolved) ? source.withoutRows() : source;
        List<Artifact> fitRead = new ArrayList<>(Artifact.read(Artifact.REAL_DATA_ROLE, recordedSource));
        fitRead.addAll(inputs);
        FitContext ctx = new FitContext(seed, Runtime.getRuntime().availableProcessors(), progress,
                new RecordedFitFiles(recorder, g, recorded, seed, fitRead, ownFiles), DataFiles.declaredDomains(data),
                minCount);
        WrittenForm form = training.rowCount() > 0 ? WrittenForm.learn(training) : WrittenForm.NONE;
        Frame learnt = training;
        Model model = Activity.run("fitting " + generatorId + (learns ? " to " + DataFiles.named(data) : ""),
                () -> generator.fit(learnt, resolved, ctx));
        keepWarnings(model, fitResults);
        if (rare != null && !rare.isEmpty()) {
            model = new RareValueModel(model, rare);
        }
        model = WrittenFormModel.of(model, form);
        if (constraints != null) {
            if (!learns) {
                bound = constraints.constraints().bind(model.schema(), null);
            }
            model = new ConstrainedModel(model, bound, learns ? data.schema() : model.schema(),
                    ConstrainedModel.DEFAULT_MAX_TRIES);
        }
        ModelInfo info = new ModelInfo(generatorId, g.info().pluginId(), g.info().pluginVersion(),
                EngineVersion.get(), recorded, seed, model.schema(),
                generator.differentiallyPrivate(resolved) ? ModelInfo.ROWS_NOT_RECORDED : data.rowCount(),
                bound == null ? null : bound.spec(), bound == null ? null : constraints.language(), rare == null || rare.isEmpty() ? null : rare.toJson(), form,
                learns ? ModelInfo.TrainingData.of(Artifact.of(data)) : null);
        return new FittedModel(model, info, recordedSource, started, Instant.now(), null, inputs, fitResults);
    }

    /** Keeps the generator's warnings about the fit ({@link Model#warnings()}) among the fit's results. */
    private static void keepWarnings(Model model, Map<String, Object> fitResults) {
        if (!model.warnings().isEmpty()) {
            fitResults.put(FittedModel.WARNINGS, List.copyOf(model.warnings()));
        }
    }

    /**
     * Fits a generator that learns from batches ({@link Generator#fitsStreaming}) to a data file read batch by batch
     * ({@link FrameReader#batches}), holding one batch at a time. The content digest lineage records is computed on
     * the first pass the generator makes, batch by batch, and equals the digest of the whole file read at once. What
     * needs every row at once is not done: constraints and opt-out lists; the written form of values is learned
     * from the first batch. The rare-value rule applies as in {@link #fit}: where the data has categorical columns
     * a first pass counts their values exactly ({@link ValueCounts}, and digests the content), the plan is learned
     * from those counts, and the generator sees every batch with the rare values replaced by stand-ins.
     */
    FittedModel fitStreaming(Path data, Path metadataFile, String generatorId, Map<String, String> params, long seed,
                             Progress progress) {
        PluginHost.Found<Generator> g = extensions.generator(generatorId);
        Generator generator = g.extension();
        String owner = "generator '" + generatorId + "'";
        int minCount = RareValues.minCount(params);
        Map<String, String> own = new LinkedHashMap<>(params);
        own.remove(RareValues.PARAM);
        Params resolved = Params.resolve(owner, generator.describe(), own);
        if (!generator.needsData() || !generator.fitsStreaming(resolved)) {
            throw new BadInputException(owner + " does not fit data read in batches with these parameters: fit without "
                    + "--streaming");
        }
        List<Artifact> inputs = fileParameters(generator, resolved, owner);
        List<Path> ownFiles = inputs.stream().map(Artifact::path).toList();
        Metadata metadata = metadataFile == null ? Metadata.NONE : Metadata.read(metadataFile);
        recorder.remember(metadataFile);
        FileBatches batches = Activity.run("reading the first batch of " + data,
                () -> FrameReader.batches(data, metadata, CsvBatches.DEFAULT_BATCH_ROWS));
        recorder.remember(data);
        Instant started = Instant.now();
        DigestedBatches digested = new DigestedBatches(batches);
        Map<String, String> recorded = new LinkedHashMap<>(resolved.asText());
        Map<String, Object> fitResults = new LinkedHashMap<>();
        boolean rareValueRule = !generator.differentiallyPrivate(resolved);
        if (!rareValueRule && params.containsKey(RareValues.PARAM)) {
            fitResults.put(FittedModel.MIN_COUNT_IGNORED, owner);
        }
        RareValues rare = null;
        FrameBatches training = digested;
        if (rareValueRule) {
            recorded.put(RareValues.PARAM, Integer.toString(minCount));
            rare = Activity.run("counting the category values of " + data, () -> rareValues(digested, minCount, seed));
            training = rare.isEmpty() ? digested : digested.map(rare::toModel);
        }
        FrameBatches learnt = training;
        // a file the generator writes during the fit names its other inputs: the data is digested by its first pass
        RecordedFitFiles files = new RecordedFitFiles(recorder, g, recorded, seed, new ArrayList<>(inputs), ownFiles);
        FitContext ctx = new FitContext(seed, Runtime.getRuntime().availableProcessors(), progress, files,
                metadata.domains());
        Model model = Activity.run("fitting " + generatorId + " to " + data + " in batches",
                () -> generator.fitStreaming(learnt, resolved, ctx));
        keepWarnings(model, fitResults);
        Artifact source = Artifact.dataRead(data, Sha256.file(data), digested.contentSha256(), digested.rows(),
                metadataFile, metadataFile == null ? null : Sha256.file(metadataFile));
        boolean replaced = rare != null && !rare.isEmpty();
        if (replaced) {
            model = new RareValueModel(model, rare);
        }
        WrittenForm form = WrittenForm.learn(replaced ? rare.toModel(batches.first()) : batches.first());
        model = WrittenFormModel.of(model, form);
        ModelInfo info = new ModelInfo(generatorId, g.info().pluginId(), g.info().pluginVersion(),
                EngineVersion.get(), recorded, seed, model.schema(), digested.rows(), null, null,
                replaced ? rare.toJson() : null, form, ModelInfo.TrainingData.of(source));
        return new FittedModel(model, info, source, started, Instant.now(), null, inputs, fitResults);
    }

    /**
     * The rare-value plan of data read in batches, from its categorical columns' exact value counts; with no such
     * column (or {@code minCount} 1) the data is not read for it.
     */
    private static RareValues rareValues(FrameBatches data, int minCount, long seed) {
        ValueCounts counts = new ValueCounts(data.schema());
        if (minCount > 1 && !counts.isEmpty()) {
            try (FrameStream batches = data.open()) {
                while (batches.hasNext()) {
                    counts.add(batches.next());
                }
            }
        }
        return RareValues.learn(counts, minCount, seed);
    }

    /** The files the generator's FILE parameters name (a spec, say), which the fit reads as inputs. */
    private List<Artifact> fileParameters(Generator generator, Params resolved, String owner) {
        List<Artifact> inputs = new ArrayList<>();
        for (ParamSpec spec : generator.describe()) {
            String value = resolved.asText().get(spec.name());
            if (spec.type() == ParamSpec.Type.FILE && !value.isEmpty()) {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new BadInputException(owner + " parameter '" + spec.name() + "': file not found: " + value);
                }
                inputs.add(Artifact.file(spec.name(), file));
                recorder.remember(file);
            }
        }
        return inputs;
    }

    /** Reads a constraints file with the installed constraint language, or the one with id {@code language}. */
    ConstraintFile constraints(Path file, String language) {
        PluginHost.Found<io.tabsynth.spi.ConstraintLanguage> reader = extensions.constraintLanguage(language,
                file.toString(), file + ": no installed plugin reads constraints files (the rules plugin does)");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": constraints file not found");
        }
        Constraints c = reader.extension().read(file);
        recorder.remember(file);
        return new ConstraintFile(file, Artifact.file("constraints", file), c, new ModelInfo.ConstraintLanguageId(
                reader.info().id(), reader.info().pluginId(), reader.info().pluginVersion()));
    }
}
