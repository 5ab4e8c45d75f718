package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.certify.CertifyRequest;
import io.tabsynth.engine.certify.CharterWords;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.governance.optout.OptOutList;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.privacy.BudgetLimit;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.disclosure.RareValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way in for the command line, scripts and notebooks: discovers plugins, reads data, fits, saves, loads and
 * samples models, evaluates, certifies, and writes outputs atomically through exporter plugins. Every step that
 * writes a file leaves a signed lineage record. Each job is a service of its own; this class only hands calls to
 * them: {@link Extensions}, {@link Recorder}, {@link DataFiles}, {@link Fitting}, {@link SpecDrafting},
 * {@link ModelFiles}, {@link Sampler}, {@link Export}, {@link Evaluation} and {@link Certification}.
 */
public final class Engine implements AutoCloseable {
    private final PluginHost plugins;
    private final Extensions extensions;
    private final Recorder recorder;
    private final DataFiles dataFiles;
    private final Fitting fitting;
    private final SpecDrafting drafting;
    private final ModelFiles modelFiles;
    private final Export export;
    private final Sampler sampler;
    private final Evaluation evaluation;
    private final Certification certification;
    private final Revalidating revalidating;
    private final PrivacyBudgeting budgeting;

    private Engine(PluginHost plugins, Lineage lineage) {
        this(plugins, new Extensions(plugins), lineage);
    }

    private Engine(PluginHost plugins, Extensions extensions, Lineage lineage) {
        this.plugins = plugins;
        this.extensions = extensions;
        this.recorder = new Recorder(lineage);
        this.dataFiles = new DataFiles(recorder);
        this.fitting = new Fitting(extensions, recorder);
        this.drafting = new SpecDrafting(extensions, recorder);
        this.modelFiles = new ModelFiles(extensions, recorder);
        this.export = new Export(extensions, recorder);
        this.sampler = new Sampler(extensions, recorder, export);
        this.evaluation = new Evaluation(extensions, recorder, dataFiles);
        this.certification = new Certification(recorder, dataFiles);
        this.revalidating = new Revalidating(recorder, dataFiles, evaluation);
        this.budgeting = new PrivacyBudgeting(extensions, recorder);
    }

    /** An engine with the plugins in {@code pluginsDir} (may be {@code null} or missing) and, when {@code classpath} is true, the extensions on the class path. */
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
        return recorder.lineage();
    }

    /**
     * This engine, its plugins and the generators registered in it, recording every step also with what
     * {@code context} adds (a charter, a plan): for steps done under a charter in a session that is not. It shares
     * this engine's plugins: close this engine, not it.
     */
    public Engine with(Lineage.Context context) {
        return new Engine(plugins, extensions, lineage().with(context));
    }

    /** Every extension found, generators first, then evaluators, then exporters, each sorted by id. */
    public List<ExtensionInfo> extensions() {
        return extensions.infos();
    }

    /** Adds a generator made in this process (e.g. in a notebook), recorded under the given plugin id and version; an id already installed is refused. */
    public void register(Generator generator, String pluginId, String pluginVersion) {
        extensions.register(generator, pluginId, pluginVersion);
    }

    /** The generator with this id; a {@link BadInputException} listing the installed ones if none. */
    public Generator generator(String id) {
        return extensions.generator(id).extension();
    }

    /** The evaluator with this id; a {@link BadInputException} listing the installed ones if none. */
    public Evaluator evaluator(String id) {
        return extensions.evaluator(id).extension();
    }

    /** Installed evaluators. */
    public List<Evaluator> evaluators() {
        return extensions.evaluators().stream().map(PluginHost.Found::extension).toList();
    }

    /** The exporter that writes the file's extension; a {@link BadInputException} listing formats if none. */
    public Exporter exporterFor(Path file) {
        return extensions.exporterFor(file).extension();
    }

    /** Reads a data file (CSV, Arrow IPC, Parquet); {@code metadata} may be {@code null}. The frame remembers the file and its digests for lineage. */
    public Frame read(Path data, Path metadata) {
        return dataFiles.read(data, metadata);
    }

    /** Reads a data file with the column kinds of {@code like}, as evaluation reads synthetic data like the real data. */
    public Frame readLike(Path data, Frame like) {
        return dataFiles.readLike(data, Metadata.of(like.schema(), Metadata.NONE.missingValues()), null);
    }

    /** Fits a generator to data. Parameters are checked against the generator's description first. */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress) {
        return fit(data, generatorId, params, seed, progress, null);
    }

    /** Fits under constraints ({@code null} for none; see {@link Fitting}); {@code data} is {@code null} for a generator that needs none. */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress,
                           ConstraintFile constraints) {
        return fitting.fit(data, generatorId, params, seed, progress, constraints);
    }

    /** Drafts a spec for a spec-driven generator from real data, writes it as JSON to {@code out} and records the step; text values fewer than {@link RareValues#DEFAULT_MIN_COUNT} rows hold stay out of it. */
    public JsonNode inferSpec(String generatorId, Frame data, Path out) {
        return inferSpec(generatorId, data, out, RareValues.DEFAULT_MIN_COUNT, note -> { });
    }

    /** As {@link #inferSpec(String, Frame, Path)} with another {@code minCount}; {@code notes} gets one line per column whose rare values were replaced. */
    public JsonNode inferSpec(String generatorId, Frame data, Path out, int minCount, Consumer<String> notes) {
        return drafting.draft(generatorId, data, out, minCount, notes);
    }

    /**
     * As {@link #fit(Frame, String, Map, long, Progress, ConstraintFile)}, with the rows of the people on the opt-out
     * list ({@code null} for none) removed before anything is learned; the fit's record names the list and the rows
     * it removed.
     */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress,
                           ConstraintFile constraints, OptOutList optOuts) {
        return fitting.fit(data, generatorId, params, seed, progress, constraints, optOuts);
    }

    /**
     * Fits a generator to a data file read batch by batch, in memory that does not grow with its rows (see
     * docs/data.md, "Data larger than memory"); {@code metadata} may be {@code null}.
     */
    public FittedModel fitStreaming(Path data, Path metadata, String generatorId, Map<String, String> params, long seed,
                                    Progress progress) {
        return fitting.fitStreaming(data, metadata, generatorId, params, seed, progress);
    }

    /**
     * Refuses, before any value of the data is read, a fit that the {@code privacyBudget} of a policy file does not
     * allow: what this engine's ledger recorded on the same data (found by the data file's digest, or by
     * {@code contentSha256} when the data was already read; {@code null} otherwise) plus what the fit plans to spend
     * must stay within every limit that applies. A {@link io.tabsynth.engine.privacy.BudgetRefusedException} (exit 3)
     * says what was spent, by which fits and when, and what the fit would add; a ledger that does not verify is a
     * {@link io.tabsynth.engine.lineage.VerificationException}.
     */
    public void checkPrivacyBudget(Path policy, Path data, String contentSha256, String generatorId,
                                   Map<String, String> params) {
        budgeting.check(policy, data, contentSha256, generatorId, params);
    }

    /** As {@link #checkPrivacyBudget(Path, Path, String, String, Map)}, with limits already read (a charter's). */
    public void checkPrivacyBudget(List<BudgetLimit> limits, Path data, String contentSha256, String generatorId,
                                   Map<String, String> params) {
        budgeting.check(limits, data, contentSha256, generatorId, params);
    }

    /**
     * The privacy budget recorded on real data read from a file, across the given ledgers (this engine's when none),
     * each verified first.
     */
    public SpentBudget privacyBudget(Frame data, List<Path> ledgers) {
        return budgeting.spent(data, ledgers);
    }

    /** Reads a constraints file with the installed constraint language; an error if several are installed. */
    public ConstraintFile constraints(Path file) {
        return constraints(file, null);
    }

    /** Reads a constraints file with the constraint language of this id ({@code null}: the only one installed). */
    public ConstraintFile constraints(Path file, String language) {
        return fitting.constraints(file, language);
    }

    /** Saves a model atomically in the model file format and records the fit. Returns the model, now tied to its file. */
    public FittedModel save(FittedModel model, Path file) {
        return modelFiles.save(model, file);
    }

    /** Loads a model file with the plugin that wrote it. */
    public FittedModel load(Path file) {
        return modelFiles.load(file);
    }

    /** Samples rows, writes them atomically to {@code out} in the format its extension names, and records the step. */
    public long sample(FittedModel model, long rows, long seed, Path out, Progress progress) {
        return sample(model, rows, seed, out, progress, Sampling.NONE);
    }

    /** As {@link #sample(FittedModel, long, long, Path, Progress)}, with conditions and extra constraints, whose rejected rows are redrawn. */
    public long sample(FittedModel model, long rows, long seed, Path out, Progress progress, Sampling sampling) {
        return sampler.sample(model, rows, seed, out, progress, sampling);
    }

    /** Samples rows into memory under conditions and constraints (no file, so no lineage record). */
    public Frame sampleFrame(FittedModel model, int rows, long seed, Sampling sampling) {
        return sampler.sampleFrame(model, rows, seed, sampling);
    }

    /** Refuses a sample file of fewer than one row, naming the option (e.g. {@code --rows}): it would be a header alone. */
    public static void checkSampleRows(long rows, String option) {
        Sampler.checkRows(rows, option);
    }

    /** Writes a frame atomically to {@code out}, in the format its extension names, and records the export. */
    public void write(Frame frame, Path out) {
        export.write(frame, out);
    }

    /** Writes a stream of batches atomically to {@code out}, in the format its extension names, and records it. */
    public long write(FrameStream stream, Path out) {
        return export.write(stream, out, List.of());
    }

    /** Evaluates synthetic data against real data, applies the policy, writes and records the reports (see {@link Evaluation}). */
    public ObjectNode evaluate(EvaluateRequest r) {
        return evaluation.evaluate(r);
    }

    /** As {@link #evaluate(EvaluateRequest)}, for data in memory; see {@link EvaluateFrames}. */
    public ObjectNode evaluate(EvaluateFrames frames) {
        return evaluation.evaluate(frames);
    }

    /** Certifies a synthetic dataset whose lineage verifies (see {@link Certification}); returns the signing key id. */
    public String certify(CertifyRequest r) {
        return certify(r, List.of());
    }

    /**
     * As {@link #certify(CertifyRequest)}, also honouring these signed revocation lists besides the ledger's
     * revocations and the imported lists: a revoked dataset, or one made from anything revoked, is refused.
     */
    public String certify(CertifyRequest r, List<Path> revocationLists) {
        return certify(r, revocationLists, null);
    }

    /**
     * As {@link #certify(CertifyRequest, List)}, under a charter (or {@code null}): its purpose, approved uses and
     * audiences fill the card where the card info says nothing of them.
     */
    public String certify(CertifyRequest r, List<Path> revocationLists, CharterWords charter) {
        return certification.certify(r, revocationLists, charter);
    }

    /**
     * Revalidates a certificate against a newer snapshot of the real data, measures the drift from the real data it
     * was made from, and writes and records the signed result (see {@link Revalidating}).
     */
    public Revalidation revalidate(RevalidateRequest r) {
        return revalidating.revalidate(r);
    }

    @Override
    public void close() {
        plugins.close();
    }
}
