package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.Activity;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.Suggestion;
import io.tabsynth.engine.TabsynthException;
import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.certify.CertifyRequest;
import io.tabsynth.engine.certify.ReportBinding;
import io.tabsynth.engine.constraint.Conditions;
import io.tabsynth.engine.constraint.ConstrainedModel;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.disclosure.RareValueModel;
import io.tabsynth.engine.disclosure.RareValues;
import io.tabsynth.engine.data.FrameReader;
import io.tabsynth.engine.data.Metadata;
import io.tabsynth.engine.data.Source;
import io.tabsynth.engine.data.WrittenForm;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.ContentDigest;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.GrowingFileDigest;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.lineage.Sha256;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.policy.Policy;
import io.tabsynth.engine.spi.ConstraintLanguage;
import io.tabsynth.engine.spi.Constraints;
import io.tabsynth.engine.spi.EvaluationInput;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Exporter;
import io.tabsynth.engine.spi.FitContext;
import io.tabsynth.engine.spi.FrameStream;
import io.tabsynth.engine.spi.FrameWriter;
import io.tabsynth.engine.spi.Generator;
import io.tabsynth.engine.spi.Model;
import io.tabsynth.engine.spi.ParamSpec;
import io.tabsynth.engine.spi.Params;
import io.tabsynth.engine.spi.Progress;
import io.tabsynth.engine.spi.ReportExporter;
import io.tabsynth.engine.spi.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

/**
 * The one way in for the command line, scripts and notebooks: discovers plugins, reads data, fits,
 * saves, loads and samples models, and writes outputs atomically through exporter plugins. Every step that
 * writes a file (saving a fitted model, sampling, exporting) leaves a signed lineage record.
 */
public final class Engine implements AutoCloseable {
    /** The seed of the words {@link #inferSpec} invents: a drafted spec depends on the data alone. */
    private static final long INFER_SEED = 0;

    private final PluginHost plugins;
    private final Lineage lineage;
    private final List<PluginHost.Found<Generator>> generators;
    private final List<PluginHost.Found<Evaluator>> evaluators;
    private final List<PluginHost.Found<Exporter>> exporters;
    private final List<PluginHost.Found<ReportExporter>> reportExporters;
    private final List<PluginHost.Found<ConstraintLanguage>> constraintLanguages;
    private final List<PluginHost.Found<io.tabsynth.engine.spi.SpecInference>> specInferences;
    /** Every file this engine has read, which none of its outputs may replace. */
    private final InputFiles inputFiles = new InputFiles();

    private Engine(PluginHost plugins, Lineage lineage) {
        this.plugins = plugins;
        this.lineage = lineage;
        this.generators = plugins.generators();
        this.evaluators = plugins.evaluators();
        this.exporters = plugins.exporters();
        this.reportExporters = plugins.reportExporters();
        this.constraintLanguages = plugins.constraintLanguages();
        this.specInferences = plugins.specInferences();
    }

    /**
     * An engine with the plugins in {@code pluginsDir} (may be {@code null} or missing) and, when
     * {@code classpath} is true, the extensions on the class path.
     */
    public static Engine open(Path pluginsDir, boolean classpath) {
        return open(pluginsDir, classpath, Lineage.standard(null));
    }

    /** As {@link #open(Path, boolean)}, recording lineage with the given ledger and keys. */
    public static Engine open(Path pluginsDir, boolean classpath, Lineage lineage) {
        return new Engine(new PluginHost(pluginsDir, classpath), lineage);
    }

    /** An engine with the class path's extensions only (development and tests). */
    public static Engine classpath() {
        return open(null, true);
    }

    /** An engine with the class path's extensions and the given lineage (development and tests). */
    public static Engine classpath(Lineage lineage) {
        return open(null, true, lineage);
    }

    /** Where this engine records lineage. */
    public Lineage lineage() {
        return lineage;
    }

    /** Every extension found, generators first, then evaluators, then exporters, each sorted by id. */
    public List<ExtensionInfo> extensions() {
        List<ExtensionInfo> all = new ArrayList<>();
        for (List<? extends PluginHost.Found<?>> list : List.of(generators, evaluators, exporters, reportExporters,
                constraintLanguages, specInferences)) {
            list.stream().map(PluginHost.Found::info).sorted(java.util.Comparator.comparing(ExtensionInfo::id))
                    .forEach(all::add);
        }
        return all;
    }

    /**
     * Adds a generator made in this process (e.g. in a notebook, before it becomes a plugin jar); it is used
     * and recorded like a plugin's, under the given plugin id and version. An id already installed is refused.
     */
    public void register(Generator generator, String pluginId, String pluginVersion) {
        if (generators.stream().anyMatch(g -> g.info().id().equals(generator.id()))) {
            throw new BadInputException("a generator '" + generator.id() + "' is already installed");
        }
        generators.add(new PluginHost.Found<>(generator, new ExtensionInfo(generator.id(), "generator", pluginId,
                pluginVersion, "session", generator.description())));
    }

    /** The generator with this id; a {@link BadInputException} listing the installed ones if none. */
    public Generator generator(String id) {
        return findGenerator(id).extension();
    }

    private PluginHost.Found<Generator> findGenerator(String id) {
        return generators.stream().filter(g -> g.info().id().equals(id)).findFirst().orElseThrow(() ->
                notInstalled("generator", id, generators));
    }

    /** Installed evaluators. */
    public List<Evaluator> evaluators() {
        return evaluators.stream().map(PluginHost.Found::extension).collect(Collectors.toList());
    }

    /** The exporter that writes the file's extension; a {@link BadInputException} listing formats if none. */
    public Exporter exporterFor(Path file) {
        return findExporter(file).extension();
    }

    private PluginHost.Found<Exporter> findExporter(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        for (PluginHost.Found<Exporter> e : exporters) {
            if (e.extension().formats().contains(ext)) {
                return e;
            }
        }
        List<String> formats = new ArrayList<>();
        exporters.forEach(e -> formats.addAll(e.extension().formats()));
        String installed = " (formats: " + (formats.isEmpty() ? "none installed" : String.join(", ", formats)) + ")";
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory; name the file to write, e.g. "
                    + file.resolve("synthetic.csv") + installed);
        }
        if (ext.isEmpty()) {
            throw new BadInputException(file + ": has no extension to tell the format, e.g. " + file + ".csv" + installed);
        }
        throw new BadInputException(file + ": no exporter writes '." + ext + "' files" + Suggestion.didYouMean(ext, formats)
                + installed);
    }

    /**
     * Reads a data file (CSV, Arrow IPC, Parquet); {@code metadata} may be {@code null}. The frame remembers
     * the file and its digests (bytes and canonical content) for lineage.
     */
    public Frame read(Path data, Path metadata) {
        Frame frame = Activity.run("reading " + data,
                () -> FrameReader.read(data, metadata == null ? Metadata.NONE : Metadata.read(metadata)));
        inputFiles.remember(data);
        inputFiles.remember(metadata);
        return frame.withSource(new Source(data, Sha256.file(data), ContentDigest.of(frame), frame.rowCount(),
                metadata, metadata == null ? null : Sha256.file(metadata)));
    }

    /** Fits a generator to data. Parameters are checked against the generator's description first. */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress) {
        return fit(data, generatorId, params, seed, progress, null);
    }

    /**
     * Fits a generator to data under constraints ({@code null} for none): the constraints are checked against
     * the data, transforms that enforce some of them by construction are applied before the generator sees
     * the data, and the model rejects sampled rows that break the rest. {@code data} may be {@code null} for a
     * generator that needs none (see {@link Generator#needsData()}).
     */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress,
                           ConstraintFile constraints) {
        PluginHost.Found<Generator> g = findGenerator(generatorId);
        String owner = "generator '" + generatorId + "'";
        int minCount = RareValues.minCount(params);
        Map<String, String> own = new LinkedHashMap<>(params);
        own.remove(RareValues.PARAM);
        Params resolved = Params.resolve(owner, g.extension().describe(), own);
        List<Artifact> inputs = new ArrayList<>();
        for (ParamSpec spec : g.extension().describe()) {
            String value = resolved.asText().get(spec.name());
            if (spec.type() == ParamSpec.Type.FILE && !value.isEmpty()) {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new BadInputException(owner + " parameter '" + spec.name() + "': file not found: " + value);
                }
                inputs.add(Artifact.file(spec.name(), file));
                inputFiles.remember(file);
            }
        }
        if (data == null) {
            if (g.extension().needsData()) {
                throw new BadInputException(owner + " learns from real data: give --data");
            }
            data = Frame.empty(io.tabsynth.engine.data.Schema.of());
        } else if (data.rowCount() == 0 && g.extension().needsData()) {
            throw new BadInputException("cannot fit generator '" + generatorId + "' to data with no rows");
        }
        FitContext ctx = new FitContext(seed, Runtime.getRuntime().availableProcessors(), progress);
        Instant started = Instant.now();
        boolean learns = g.extension().needsData();
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
        if (learns) {
            // a column a constraint's transform made (fixed combinations, merged) keeps the real combinations asked for
            List<String> dataColumns = training.schema().names().stream().filter(data.schema()::has).toList();
            rare = RareValues.learn(training.select(dataColumns), minCount, seed);
            training = rare.toModel(training);
        }
        WrittenForm form = training.rowCount() > 0 ? WrittenForm.learn(training) : WrittenForm.NONE;
        Frame learnt = training;
        Model model = Activity.run("fitting " + generatorId + (learns ? " to " + named(data) : ""),
                () -> g.extension().fit(learnt, resolved, ctx));
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
        Map<String, String> recorded = new LinkedHashMap<>(resolved.asText());
        if (learns) {
            recorded.put(RareValues.PARAM, Integer.toString(minCount));
        }
        ModelInfo info = new ModelInfo(generatorId, g.info().pluginId(), g.info().pluginVersion(),
                EngineVersion.get(), recorded, seed, model.schema(), data.rowCount(),
                bound == null ? null : bound.spec(), rare == null || rare.isEmpty() ? null : rare.toJson(), form);
        return new FittedModel(model, info, data.source(), started, Instant.now(), null, inputs);
    }

    /**
     * Drafts a spec for a spec-driven generator from real data (e.g. {@code rules}), writes it atomically as
     * JSON to {@code out} and records the step. Returns the spec. Text values fewer than
     * {@link RareValues#DEFAULT_MIN_COUNT} rows hold stay out of it.
     */
    public JsonNode inferSpec(String generatorId, Frame data, Path out) {
        return inferSpec(generatorId, data, out, RareValues.DEFAULT_MIN_COUNT, note -> { });
    }

    /**
     * As {@link #inferSpec(String, Frame, Path)}, keeping out of the spec text values fewer than {@code minCount}
     * rows hold (new values in their written form take their place, as in {@link #fit}); {@code notes} gets one
     * line per column so changed.
     */
    public JsonNode inferSpec(String generatorId, Frame data, Path out, int minCount,
                              java.util.function.Consumer<String> notes) {
        PluginHost.Found<io.tabsynth.engine.spi.SpecInference> found = specInferences.stream()
                .filter(f -> f.extension().generatorId().equals(generatorId)).findFirst()
                .orElseThrow(() -> new BadInputException("no installed plugin drafts specs for generator '" + generatorId
                        + "' (installed: " + ids(specInferences) + ")"));
        Instant started = Instant.now();
        RareValues rare = RareValues.learn(data, minCount, INFER_SEED);
        JsonNode spec = Activity.run("drafting a " + generatorId + " spec from " + named(data),
                () -> found.extension().infer(data, rare));
        byte[] bytes;
        try {
            bytes = (Dsse.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the spec: " + e.getMessage(), e);
        }
        Artifact written = writeText(out, bytes, "spec");
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("columns", spec.path("columns").size());
        results.put("constraints", spec.path("constraints").size());
        if (!rare.isEmpty()) {
            results.put("rareValues", rare.notes());
        }
        recordOrUndo(new Step("infer", generatorId, found.info().pluginId(), found.info().pluginVersion(),
                Map.of(RareValues.PARAM, Integer.toString(minCount)), null, sourceArtifacts(data.source()),
                List.of(written), results, started, Instant.now()), out);
        rare.notes().forEach(notes);
        return spec;
    }

    /** Reads a constraints file with the installed constraint language (the rules plugin provides one). */
    public ConstraintFile constraints(Path file) {
        if (constraintLanguages.isEmpty()) {
            throw new BadInputException(file + ": no installed plugin reads constraints files (the rules plugin does)");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": constraints file not found");
        }
        Constraints c = constraintLanguages.get(0).extension().read(file);
        inputFiles.remember(file);
        return new ConstraintFile(file, Artifact.file("constraints", file), c);
    }

    /**
     * Saves a model atomically in the model file format and records the fit (inputs: the training data and
     * metadata files; output: the model file). Returns the model, now tied to its file.
     */
    public FittedModel save(FittedModel model, Path file) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try {
            model.model().save(payload);
        } catch (IOException e) {
            throw new TabsynthException("cannot serialise the model: " + e.getMessage(), e);
        }
        byte[] bytes = ModelFile.encode(model.info(), payload.toByteArray());
        inputFiles.refuseIfRead(file);
        AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
        Artifact saved = new Artifact(Artifact.MODEL_ROLE, file, Sha256.hex(bytes), null, -1);
        ModelInfo info = model.info();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("rows", info.rows());
        results.put("columns", info.schema().size());
        results.put("columnModels", model.model().describeColumns());
        if (info.constraints() != null) {
            results.put("constraints", info.constraints());
        }
        if (info.rareValues() != null) {
            results.put("rareValues", RareValues.fromJson(info.rareValues()).notes());
        }
        Instant started = model.fitStarted() == null ? Instant.now() : model.fitStarted();
        Instant finished = model.fitFinished() == null ? started : model.fitFinished();
        recordOrUndo(new Step("fit", info.generator(), info.pluginId(), info.pluginVersion(), info.params(), info.seed(),
                fitInputs(model), List.of(saved), results, started, finished), file);
        return model.savedAs(saved);
    }

    /** Loads a model file with the plugin that wrote it. */
    public FittedModel load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": model file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        inputFiles.remember(file);
        ModelFile.Decoded d = ModelFile.decode(file.toString(), bytes);
        Artifact artifact = new Artifact(Artifact.MODEL_ROLE, file, Sha256.hex(bytes), null, -1);
        if (!Sidecar.recordsMaking(file, artifact.sha256())) {
            System.err.println("note: " + file + " has no recorded fit (no lineage record made a file with its digest), "
                    + "so the lineage of what is sampled from it will not reach real data");
        }
        ModelInfo info = d.info();
        PluginHost.Found<Generator> g = generators.stream().filter(x -> x.info().id().equals(info.generator()))
                .findFirst().orElseThrow(() -> new BadInputException(file + ": the model needs generator '"
                        + info.generator() + "' from plugin " + info.pluginId() + " " + info.pluginVersion()
                        + ", which is not installed (installed: " + ids(generators) + ")"));
        Model model;
        try {
            model = g.extension().load(new ByteArrayInputStream(d.payload()));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": plugin " + g.info().pluginId() + " " + g.info().pluginVersion()
                    + " cannot load this model (written by " + info.pluginId() + " " + info.pluginVersion() + "): "
                    + e.getMessage(), e);
        }
        if (info.rareValues() != null) {
            try {
                model = new RareValueModel(model, RareValues.fromJson(info.rareValues()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": the model's rare-value plan cannot be read: " + e.getMessage(), e);
            }
        }
        model = WrittenFormModel.of(model, info.writtenForm());
        if (info.constraints() != null) {
            if (constraintLanguages.isEmpty()) {
                throw new BadInputException(file + ": the model was fitted with constraints, and no installed plugin "
                        + "reads them (the rules plugin does)");
            }
            Constraints.Bound bound = constraintLanguages.get(0).extension()
                    .fromSpec(info.constraints(), file + " constraints").bind(info.schema(), null);
            model = new ConstrainedModel(model, bound, info.schema(), ConstrainedModel.DEFAULT_MAX_TRIES);
        }
        return new FittedModel(model, info, null, null, null, artifact, List.of());
    }

    /**
     * Samples rows, writes them atomically to {@code out} in the format its extension names, and records the
     * step (input: the model file, or the training data of a model never saved).
     */
    public long sample(FittedModel model, long rows, long seed, Path out, Progress progress) {
        return sample(model, rows, seed, out, progress, Sampling.NONE);
    }

    /**
     * As {@link #sample(FittedModel, long, long, Path, Progress)}, with conditions and extra constraints: rows
     * that break them are rejected and redrawn. The record names the conditions, the constraints file and
     * how many rows were drawn and rejected.
     */
    public long sample(FittedModel model, long rows, long seed, Path out, Progress progress, Sampling sampling) {
        checkSampleRows(rows, "rows");
        PluginHost.Found<Exporter> exporter = findExporter(out);
        checkConditions(model, sampling);
        Model sampler = constrain(model.model(), sampling);
        Instant started = Instant.now();
        Artifact written;
        Map<String, Object> results = new LinkedHashMap<>();
        try (FrameStream stream = sampler.sample(rows, seed)) {
            written = Activity.run("sampling " + model.info().generator() + " into " + out,
                    () -> write(stream, exporter.extension(), out, rows, progress));
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
            params.put("fit.seed", Long.toString(info.seed()));
            inputs.addAll(fitInputs(model));
        }
        if (sampling.constraints() != null) {
            inputs.add(sampling.constraints().artifact());
        }
        recordOrUndo(new Step("sample", info.generator(), info.pluginId(), info.pluginVersion(), params, seed, inputs,
                List.of(written), results, started, Instant.now()), out);
        return written.rows();
    }

    /**
     * Refuses a row count for a sample file below one, as a {@link BadInputException} naming the option
     * ({@code --rows}): a file of no rows is a header alone, which tabsynth, like most tools, does not read as data.
     */
    public static void checkSampleRows(long rows, String option) {
        if (rows < 1) {
            throw new BadInputException(option + " must be at least 1, not " + rows + ": a sample of no rows would be"
                    + " a file of a header alone, which is no data to read back or evaluate");
        }
    }

    /** Samples rows into memory under conditions and constraints (no file, so no lineage record). */
    public Frame sampleFrame(FittedModel model, int rows, long seed, Sampling sampling) {
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
        if (model instanceof ConstrainedModel) {
            ConstrainedModel c = (ConstrainedModel) model;
            return c.inner().conditioned(conditions)
                    .<Model>map(inner -> new ConstrainedModel(inner, c.constraints(), c.schema(), c.maxTries()))
                    .orElse(model);
        }
        return model.conditioned(conditions).orElse(model);
    }

    /** The model wrapped so that its rows satisfy the sampling's constraints and conditions. */
    private static Model constrain(Model model, Sampling sampling) {
        Model m = steered(model, sampling.conditions());
        if (m instanceof ConstrainedModel && sampling.maxTries() != ConstrainedModel.DEFAULT_MAX_TRIES) {
            ConstrainedModel c = (ConstrainedModel) m;
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

    private static List<Artifact> fitInputs(FittedModel model) {
        List<Artifact> inputs = new ArrayList<>(sourceArtifacts(model.trainingData()));
        inputs.addAll(model.fitInputs());
        return inputs;
    }

    /** Writes a frame atomically to {@code out}, in the format its extension names, and records the export. */
    public void write(Frame frame, Path out) {
        write(FrameStream.of(frame.schema(), List.of(frame)), out, sourceArtifacts(frame.source()));
    }

    /** Writes a stream of batches atomically to {@code out}, in the format its extension names, and records it. */
    public long write(FrameStream stream, Path out) {
        return write(stream, out, List.of());
    }

    private long write(FrameStream stream, Path out, List<Artifact> inputs) {
        PluginHost.Found<Exporter> exporter = findExporter(out);
        Instant started = Instant.now();
        Artifact written = write(stream, exporter.extension(), out, -1, Progress.NONE);
        recordOrUndo(new Step("export", exporter.info().id(), exporter.info().pluginId(), exporter.info().pluginVersion(),
                Map.of("format", exporter.info().id()), null, inputs, List.of(written), Map.of("rows", written.rows()),
                started, Instant.now()), out);
        return written.rows();
    }

    /**
     * Writes the stream through the exporter to a temporary file and renames it into place. Meanwhile one
     * thread computes the content digest of the same batches and, for exporters that only append, the file
     * digest of the bytes written so far, so hashing overlaps writing; another gets the lineage ready to record
     * (key and first-record code, 0.1-0.2 s in a fresh JVM), so that the writer, which waits for the digests
     * when they fall more than four batches behind, never waits for that.
     */
    private Artifact write(FrameStream stream, Exporter exporter, Path out, long expected, Progress progress) {
        ContentDigest.Hasher content = new ContentDigest.Hasher(stream.schema());
        ExecutorService hashing = Executors.newSingleThreadExecutor(daemon("tabsynth-digests"));
        ExecutorService preparing = Executors.newSingleThreadExecutor(daemon("tabsynth-lineage"));
        String[] sha = new String[1];
        inputFiles.refuseIfRead(out);
        FreeSpace space = new FreeSpace(out, expected, FreeSpace.FILE_STORE);
        progress.start("writing " + out.getFileName(), expected);
        try {
            Future<?> ready = preparing.submit(lineage::prepare);
            AtomicFile.write(out, tmp -> {
                ArrayDeque<Future<?>> pending = new ArrayDeque<>();
                long rowsWritten = 0;
                try (GrowingFileDigest file = new GrowingFileDigest(tmp)) {
                    try (FrameWriter w = exporter.open(tmp, stream.schema())) {
                        while (stream.hasNext()) {
                            Frame batch = stream.next();
                            pending.add(hashing.submit(() -> {
                                content.add(batch);
                                if (exporter.appendsOnly()) {
                                    file.catchUp();
                                }
                                return null;
                            }));
                            w.write(batch);
                            rowsWritten += batch.rowCount();
                            space.afterBatch(tmp, rowsWritten);
                            progress.advance(batch.rowCount());
                            while (pending.size() > 4) {
                                await(pending.poll(), "computing the digests");
                            }
                        }
                    }
                    while (!pending.isEmpty()) {
                        await(pending.poll(), "computing the digests");
                    }
                    sha[0] = exporter.appendsOnly() ? file.finish() : Sha256.file(tmp);
                }
                await(ready, "getting lineage ready");
            });
        } finally {
            hashing.shutdownNow();
            preparing.shutdownNow();
        }
        progress.finish();
        return new Artifact("output", out, sha[0], content.finish(), content.rows());
    }

    /** The data's file for messages, or "the data" for a frame that was not read from one. */
    private static String named(Frame data) {
        return data.source() == null ? "the data" : data.source().file().toString();
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void await(Future<?> f, String what) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Evaluates synthetic data against real data with the chosen evaluators, applies the policy if there is
     * one, writes the JSON report atomically and records the step (inputs: real, holdout, synthetic, metadata,
     * policy; results: each evaluator's score and the policy verdict). The synthetic (and holdout) data are
     * read with the real data's column kinds. Returns the report; {@code policy.passed} says whether every
     * gate passed.
     */
    public ObjectNode evaluate(EvaluateRequest r) {
        Instant started = Instant.now();
        Frame real = read(r.real(), r.metadata());
        r.checkColumns(real.schema());
        Metadata metadata = r.metadata() == null ? Metadata.NONE : Metadata.read(r.metadata());
        Metadata likeReal = Metadata.of(real.schema(), metadata.missingValues());
        Frame synthetic = readAs(r.synthetic(), likeReal, r.metadata());
        Frame holdout = r.holdout() == null ? null : readAs(r.holdout(), likeReal, r.metadata());
        List<PluginHost.Found<Evaluator>> chosen = new ArrayList<>();
        if (r.evaluators().isEmpty()) {
            chosen.addAll(evaluators);
        } else {
            for (String id : r.evaluators()) {
                chosen.add(evaluators.stream().filter(e -> e.info().id().equals(id)).findFirst().orElseThrow(() ->
                        notInstalled("evaluator", id, evaluators)));
            }
        }
        if (chosen.isEmpty()) {
            throw new BadInputException("no evaluators are installed");
        }
        ObjectNode report = Dsse.JSON.createObjectNode();
        Map<String, Object> results = new LinkedHashMap<>();
        EvaluationInput input = new EvaluationInput(real, holdout, synthetic, real.schema(), r.options());
        for (PluginHost.Found<Evaluator> e : chosen) {
            Result result = Activity.run("evaluating " + r.synthetic() + " with " + e.info().id(),
                    () -> e.extension().evaluate(input));
            report.set(e.info().id(), ResultJson.of(result));
            if (result.score() != null) {
                results.put(e.info().id() + ".score", result.score());
            }
        }
        if (r.policy() != null) {
            var verdict = Policy.read(r.policy()).evaluate(report);
            inputFiles.remember(r.policy());
            report.set("policy", verdict);
            results.put("policy.passed", verdict.path("passed").asBoolean());
        }
        byte[] bytes;
        try {
            bytes = (Dsse.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the report: " + e.getMessage(), e);
        }
        Artifact written = writeText(r.report(), bytes, "report");
        List<Artifact> outputs = new ArrayList<>(List.of(written));
        if (r.rendered() != null) {
            outputs.add(render(report, input, r.rendered()));
        }
        List<Artifact> inputs = new ArrayList<>(sourceArtifacts(real.source()));
        inputs.add(new Artifact("synthetic", r.synthetic(), synthetic.source().sha256(), synthetic.source().contentSha256(),
                synthetic.rowCount()));
        if (holdout != null) {
            inputs.add(new Artifact("holdout", r.holdout(), holdout.source().sha256(), holdout.source().contentSha256(),
                    holdout.rowCount()));
        }
        if (r.policy() != null) {
            inputs.add(Artifact.file("policy", r.policy()));
        }
        Map<String, String> params = new LinkedHashMap<>(r.options());
        params.put("evaluators", chosen.stream().map(e -> e.info().id()).collect(Collectors.joining(",")));
        PluginHost.Found<Evaluator> first = chosen.get(0);
        recordOrUndo(new Step("evaluate", params.get("evaluators"), first.info().pluginId(), first.info().pluginVersion(),
                params, null, inputs, outputs, results, started, Instant.now()), r.report());
        return report;
    }

    private Artifact render(JsonNode report, EvaluationInput input, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        ReportExporter exporter = reportExporters.stream()
                .filter(e -> e.extension().formats().contains(ext)).map(PluginHost.Found::extension).findFirst()
                .orElseThrow(() -> new BadInputException(out + ": no report exporter writes '." + ext + "' (installed: "
                        + ids(reportExporters) + ")"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            exporter.export(report, input, bytes);
        } catch (IOException e) {
            throw new TabsynthException(out + ": cannot render the report: " + e.getMessage(), e);
        }
        return writeText(out, bytes.toByteArray(), "report");
    }

    private Frame readAs(Path file, Metadata likeReal, Path metadataFile) {
        Frame f = FrameReader.read(file, likeReal);
        inputFiles.remember(file);
        return f.withSource(new Source(file, Sha256.file(file), ContentDigest.of(f), f.rowCount(), metadataFile,
                metadataFile == null ? null : Sha256.file(metadataFile)));
    }

    /**
     * Certifies a synthetic dataset: checks its lineage (a {@link VerificationException} if it fails) and that
     * its content still has the recorded digest, then writes a signed certificate binding the dataset digest,
     * the generation parameters, the report's validation results and the signed history, plus, if asked, the
     * data card (Markdown, HTML) and Croissant JSON-LD. Records the certify step. Returns the key id that signed.
     */
    public String certify(CertifyRequest r) {
        Verifier verifier = new Verifier(TrustStore.standard(lineage.keys()));
        Verification v = verifier.verifyFile(r.dataset());
        if (!v.ok()) {
            throw new VerificationException(r.dataset() + ": lineage does not verify, so it cannot be certified: "
                    + String.join("; ", v.problems()));
        }
        if (!v.reachesRealData() && !r.allowUnverifiedModel()) {
            throw new VerificationException(r.dataset() + ": " + v.unreachedSummary() + "; a dataset from a model of "
                    + "unknown origin is not certified (--allow-unverified-model certifies it anyway, and the certificate "
                    + "and data card then say so)");
        }
        Instant started = Instant.now();
        Frame data = read(r.dataset(), null);
        List<JsonNode> history = Sidecar.read(r.dataset());
        String recorded = recordedContent(history.get(history.size() - 1), r.dataset());
        if (recorded != null && !recorded.equals(data.source().contentSha256())) {
            throw new VerificationException(r.dataset() + ": its content digest is " + data.source().contentSha256()
                    + " but its lineage recorded " + recorded);
        }
        ReportBinding.check(verifier, r.report(), r.dataset(), data.source());
        inputFiles.remember(r.report());
        inputFiles.remember(r.cardInfo());
        Certifier c = new Certifier(r, data, history, data.source().contentSha256(), v.unreached());
        SigningKey key = lineage.keys().signingKey();
        List<Artifact> outputs = new ArrayList<>();
        byte[] certificate;
        try {
            certificate = (Dsse.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    Dsse.sign(Dsse.IN_TOTO, Dsse.JSON.writeValueAsBytes(c.statement()), key)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TabsynthException("cannot encode the certificate: " + e.getMessage(), e);
        }
        outputs.add(writeText(r.certificate(), certificate, "certificate"));
        var card = c.card(key.keyId());
        if (r.cardMarkdown() != null) {
            outputs.add(writeText(r.cardMarkdown(), card.markdown().getBytes(StandardCharsets.UTF_8), "data card"));
        }
        if (r.cardHtml() != null) {
            outputs.add(writeText(r.cardHtml(), card.html().getBytes(StandardCharsets.UTF_8), "data card"));
        }
        if (r.croissant() != null) {
            try {
                outputs.add(writeText(r.croissant(), (Dsse.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                        c.croissant()) + "\n").getBytes(StandardCharsets.UTF_8), "croissant"));
            } catch (IOException e) {
                throw new TabsynthException("cannot encode Croissant: " + e.getMessage(), e);
            }
        }
        List<Artifact> inputs = new ArrayList<>();
        inputs.add(new Artifact("dataset", r.dataset(), data.source().sha256(), data.source().contentSha256(), data.rowCount()));
        inputs.add(Artifact.file("report", r.report()));
        if (r.cardInfo() != null) {
            inputs.add(Artifact.file("card info", r.cardInfo()));
        }
        recordOrUndo(new Step("certify", "certify", "engine", EngineVersion.get(), Map.of(), null, inputs, outputs,
                Map.of("datasetSha256", data.source().sha256()), started, Instant.now()), r.certificate());
        return key.keyId();
    }

    private static String recordedContent(JsonNode envelope, Path file) {
        try {
            var st = Dsse.JSON.readTree(Dsse.payload(envelope));
            for (var s : st.path("subject")) {
                if (Path.of(s.path("name").asText()).getFileName().toString().equals(Sidecar.recordedName(file))) {
                    return s.path("annotations").path("contentSha256").asText(null);
                }
            }
            return null;
        } catch (IOException e) {
            throw new VerificationException(file + ": its last lineage record cannot be read");
        }
    }

    private Artifact writeText(Path out, byte[] bytes, String role) {
        inputFiles.refuseIfRead(out);
        AtomicFile.write(out, tmp -> Files.write(tmp, bytes));
        return new Artifact(role, out, Sha256.hex(bytes), null, -1);
    }

    /** Records a step; if that fails, the step's output is removed so that no file exists without lineage. */
    private void recordOrUndo(Step step, Path out) {
        try {
            lineage.record(step);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the lineage failure is the one to report
            }
            throw e;
        }
    }

    private static List<Artifact> sourceArtifacts(Source source) {
        if (source == null) {
            return List.of();
        }
        List<Artifact> out = new ArrayList<>();
        out.add(new Artifact("real data", source.file(), source.sha256(), source.contentSha256(), source.rows()));
        if (source.metadata() != null) {
            out.add(new Artifact("metadata", source.metadata(), source.metadataSha256(), null, -1));
        }
        return out;
    }

    /** "no generator 'x' (did you mean 'y'?) (installed: ...)". */
    private static BadInputException notInstalled(String what, String id, List<? extends PluginHost.Found<?>> found) {
        return new BadInputException("no " + what + " '" + id + "'"
                + Suggestion.didYouMean(id, found.stream().map(f -> f.info().id()).toList()) + " (installed: " + ids(found) + ")");
    }

    private static String ids(List<? extends PluginHost.Found<?>> found) {
        return found.isEmpty() ? "none" : found.stream().map(f -> f.info().id()).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        plugins.close();
    }
}
