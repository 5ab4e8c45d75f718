package io.tabsynth.engine.run;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.EngineVersion;
import io.tabsynth.engine.TabsynthException;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.FrameReader;
import io.tabsynth.engine.data.Metadata;
import io.tabsynth.engine.spi.Evaluator;
import io.tabsynth.engine.spi.Exporter;
import io.tabsynth.engine.spi.FitContext;
import io.tabsynth.engine.spi.FrameStream;
import io.tabsynth.engine.spi.FrameWriter;
import io.tabsynth.engine.spi.Generator;
import io.tabsynth.engine.spi.Model;
import io.tabsynth.engine.spi.Params;
import io.tabsynth.engine.spi.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one way in for the command line, scripts and notebooks: discovers plugins, reads data, fits,
 * saves, loads and samples models, and writes outputs atomically through exporter plugins.
 */
public final class Engine implements AutoCloseable {
    private final PluginHost plugins;
    private final List<PluginHost.Found<Generator>> generators;
    private final List<PluginHost.Found<Evaluator>> evaluators;
    private final List<PluginHost.Found<Exporter>> exporters;

    private Engine(PluginHost plugins) {
        this.plugins = plugins;
        this.generators = plugins.generators();
        this.evaluators = plugins.evaluators();
        this.exporters = plugins.exporters();
    }

    /**
     * An engine with the plugins in {@code pluginsDir} (may be {@code null} or missing) and, when
     * {@code classpath} is true, the extensions on the class path.
     */
    public static Engine open(Path pluginsDir, boolean classpath) {
        return new Engine(new PluginHost(pluginsDir, classpath));
    }

    /** An engine with the class path's extensions only (development and tests). */
    public static Engine classpath() {
        return open(null, true);
    }

    /** Every extension found, generators first, then evaluators, then exporters, each sorted by id. */
    public List<ExtensionInfo> extensions() {
        List<ExtensionInfo> all = new ArrayList<>();
        for (List<? extends PluginHost.Found<?>> list : List.of(generators, evaluators, exporters)) {
            list.stream().map(PluginHost.Found::info).sorted(java.util.Comparator.comparing(ExtensionInfo::id))
                    .forEach(all::add);
        }
        return all;
    }

    /** The generator with this id; a {@link BadInputException} listing the installed ones if none. */
    public Generator generator(String id) {
        return findGenerator(id).extension();
    }

    private PluginHost.Found<Generator> findGenerator(String id) {
        return generators.stream().filter(g -> g.info().id().equals(id)).findFirst().orElseThrow(() ->
                new BadInputException("no generator '" + id + "' (installed: " + ids(generators) + ")"));
    }

    /** Installed evaluators. */
    public List<Evaluator> evaluators() {
        return evaluators.stream().map(PluginHost.Found::extension).collect(Collectors.toList());
    }

    /** The exporter that writes the file's extension; a {@link BadInputException} listing formats if none. */
    public Exporter exporterFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        for (PluginHost.Found<Exporter> e : exporters) {
            if (e.extension().formats().contains(ext)) {
                return e.extension();
            }
        }
        List<String> formats = new ArrayList<>();
        exporters.forEach(e -> formats.addAll(e.extension().formats()));
        throw new BadInputException(file + ": no exporter writes '." + ext + "' files (formats: "
                + (formats.isEmpty() ? "none installed" : String.join(", ", formats)) + ")");
    }

    /** Reads a data file (CSV, Arrow IPC, Parquet); {@code metadata} may be {@code null}. */
    public Frame read(Path data, Path metadata) {
        return FrameReader.read(data, metadata == null ? Metadata.NONE : Metadata.read(metadata));
    }

    /** Fits a generator to data. Parameters are checked against the generator's description first. */
    public FittedModel fit(Frame data, String generatorId, Map<String, String> params, long seed, Progress progress) {
        PluginHost.Found<Generator> g = findGenerator(generatorId);
        Params resolved = Params.resolve("generator '" + generatorId + "'", g.extension().describe(), params);
        if (data.rowCount() == 0) {
            throw new BadInputException("cannot fit generator '" + generatorId + "' to data with no rows");
        }
        FitContext ctx = new FitContext(seed, Runtime.getRuntime().availableProcessors(), progress);
        Model model = g.extension().fit(data, resolved, ctx);
        ModelInfo info = new ModelInfo(generatorId, g.info().pluginId(), g.info().pluginVersion(),
                EngineVersion.get(), resolved.asText(), seed, data.schema(), data.rowCount());
        return new FittedModel(model, info);
    }

    /** Saves a model atomically in the model file format. */
    public void save(FittedModel model, Path file) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try {
            model.model().save(payload);
        } catch (IOException e) {
            throw new TabsynthException("cannot serialise the model: " + e.getMessage(), e);
        }
        byte[] bytes = ModelFile.encode(model.info(), payload.toByteArray());
        AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
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
        ModelFile.Decoded d = ModelFile.decode(file.toString(), bytes);
        ModelInfo info = d.info();
        PluginHost.Found<Generator> g = generators.stream().filter(x -> x.info().id().equals(info.generator()))
                .findFirst().orElseThrow(() -> new BadInputException(file + ": the model needs generator '"
                        + info.generator() + "' from plugin " + info.pluginId() + " " + info.pluginVersion()
                        + ", which is not installed (installed: " + ids(generators) + ")"));
        try {
            return new FittedModel(g.extension().load(new ByteArrayInputStream(d.payload())), info);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": plugin " + g.info().pluginId() + " " + g.info().pluginVersion()
                    + " cannot load this model (written by " + info.pluginId() + " " + info.pluginVersion() + "): "
                    + e.getMessage(), e);
        }
    }

    /** Samples rows and writes them atomically to {@code out}, in the format its extension names. */
    public long sample(FittedModel model, long rows, long seed, Path out, Progress progress) {
        Exporter exporter = exporterFor(out);
        try (FrameStream stream = model.sample(rows, seed)) {
            return write(stream, exporter, out, rows, progress);
        }
    }

    /** Writes a frame atomically to {@code out}, in the format its extension names. */
    public void write(Frame frame, Path out) {
        write(FrameStream.of(frame.schema(), List.of(frame)), out);
    }

    /** Writes a stream of batches atomically to {@code out}, in the format its extension names. */
    public long write(FrameStream stream, Path out) {
        return write(stream, exporterFor(out), out, -1, Progress.NONE);
    }

    private static long write(FrameStream stream, Exporter exporter, Path out, long expected, Progress progress) {
        long[] written = {0};
        progress.start("writing " + out.getFileName(), expected);
        AtomicFile.write(out, tmp -> {
            try (FrameWriter w = exporter.open(tmp, stream.schema())) {
                while (stream.hasNext()) {
                    Frame batch = stream.next();
                    w.write(batch);
                    written[0] += batch.rowCount();
                    progress.advance(batch.rowCount());
                }
            }
        });
        progress.finish();
        return written[0];
    }

    private static String ids(List<? extends PluginHost.Found<?>> found) {
        return found.isEmpty() ? "none" : found.stream().map(f -> f.info().id()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        plugins.close();
    }
}
