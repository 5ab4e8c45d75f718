package io.tabsynth.engine.run;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.ConstraintLanguage;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.ReportExporter;
import io.tabsynth.spi.SpecInference;
import io.tabsynth.spi.Suggestion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The installed extensions of every kind and the one way to find one: by id, or by the extension of the file it
 * writes. A lookup that finds nothing says what is installed (and the nearest id); a constraint language is
 * never picked silently among several.
 */
final class Extensions {
    private final List<PluginHost.Found<Generator>> generators;
    private final List<PluginHost.Found<Evaluator>> evaluators;
    private final List<PluginHost.Found<Exporter>> exporters;
    private final List<PluginHost.Found<ReportExporter>> reportExporters;
    private final List<PluginHost.Found<ConstraintLanguage>> constraintLanguages;
    private final List<PluginHost.Found<SpecInference>> specInferences;

    Extensions(PluginHost host) {
        this(host.generators(), host.evaluators(), host.exporters(), host.reportExporters(), host.constraintLanguages(),
                host.specInferences());
    }

    /** The given extensions of each kind (the generators' list grows with {@link #register}). */
    Extensions(List<PluginHost.Found<Generator>> generators, List<PluginHost.Found<Evaluator>> evaluators,
               List<PluginHost.Found<Exporter>> exporters, List<PluginHost.Found<ReportExporter>> reportExporters,
               List<PluginHost.Found<ConstraintLanguage>> constraintLanguages,
               List<PluginHost.Found<SpecInference>> specInferences) {
        this.generators = new ArrayList<>(generators);
        this.evaluators = List.copyOf(evaluators);
        this.exporters = List.copyOf(exporters);
        this.reportExporters = List.copyOf(reportExporters);
        this.constraintLanguages = List.copyOf(constraintLanguages);
        this.specInferences = List.copyOf(specInferences);
    }

    /** Every extension, generators first, then evaluators, exporters, report exporters, constraint languages and spec inferences, each sorted by id. */
    List<ExtensionInfo> infos() {
        List<ExtensionInfo> all = new ArrayList<>();
        for (List<? extends PluginHost.Found<?>> list : List.of(generators, evaluators, exporters, reportExporters,
                constraintLanguages, specInferences)) {
            list.stream().map(PluginHost.Found::info).sorted(Comparator.comparing(ExtensionInfo::id)).forEach(all::add);
        }
        return all;
    }

    /** Adds a generator made in this process under the given plugin id and version; an id already installed is refused. */
    void register(Generator generator, String pluginId, String pluginVersion) {
        if (find(generators, generator.id()).isPresent()) {
            throw new BadInputException("a generator '" + generator.id() + "' is already installed");
        }
        generators.add(new PluginHost.Found<>(generator, new ExtensionInfo(generator.id(), "generator", pluginId,
                pluginVersion, "session", generator.description())));
    }

    PluginHost.Found<Generator> generator(String id) {
        return byId(generators, "generator", id);
    }

    /** The generator with this id, if installed. */
    Optional<PluginHost.Found<Generator>> findGenerator(String id) {
        return find(generators, id);
    }

    List<PluginHost.Found<Evaluator>> evaluators() {
        return evaluators;
    }

    PluginHost.Found<Evaluator> evaluator(String id) {
        return byId(evaluators, "evaluator", id);
    }

    /** The spec inference that drafts specs for a generator. */
    PluginHost.Found<SpecInference> specInference(String generatorId) {
        return find(specInferences, generatorId).orElseThrow(() -> new BadInputException("no installed plugin drafts "
                + "specs for generator '" + generatorId + "' (installed: " + ids(specInferences) + ")"));
    }

    /** The exporter that writes the file's extension; an error listing the formats, and the nearest, if none. */
    PluginHost.Found<Exporter> exporterFor(Path file) {
        Optional<PluginHost.Found<Exporter>> found = byFormat(exporters, Exporter::formats, file);
        if (found.isPresent()) {
            return found.get();
        }
        String ext = extension(file);
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

    /** The report exporter that writes the file's extension. */
    PluginHost.Found<ReportExporter> reportExporterFor(Path file) {
        return byFormat(reportExporters, ReportExporter::formats, file).orElseThrow(() -> new BadInputException(file
                + ": no report exporter writes '." + extension(file) + "' (installed: " + ids(reportExporters) + ")"));
    }

    /**
     * The constraint language that reads {@code what} (a constraints file, or a model's constraints): the one with
     * id {@code chosen} when that is not {@code null}, else the only one installed. None installed is the error
     * {@code whenNone}; several installed and none chosen is an error naming them, rather than the first found
     * deciding silently.
     */
    PluginHost.Found<ConstraintLanguage> constraintLanguage(String chosen, String what, String whenNone) {
        if (chosen != null) {
            return byId(constraintLanguages, "constraint language", chosen);
        }
        if (constraintLanguages.isEmpty()) {
            throw new BadInputException(whenNone);
        }
        if (constraintLanguages.size() > 1) {
            throw new BadInputException(what + ": several installed plugins read constraints (" + ids(constraintLanguages)
                    + "), and none was chosen; name one by its id");
        }
        return constraintLanguages.get(0);
    }

    /** The constraint language with this id, if installed. */
    Optional<PluginHost.Found<ConstraintLanguage>> findConstraintLanguage(String id) {
        return find(constraintLanguages, id);
    }

    /** The installed constraint languages' ids, sorted. */
    String constraintLanguageIds() {
        return ids(constraintLanguages);
    }

    private static <T> Optional<PluginHost.Found<T>> find(List<PluginHost.Found<T>> found, String id) {
        return found.stream().filter(f -> f.info().id().equals(id)).findFirst();
    }

    /** The extension with this id: "no generator 'x' (did you mean 'y'?) (installed: ...)" if none. */
    private static <T> PluginHost.Found<T> byId(List<PluginHost.Found<T>> found, String what, String id) {
        return find(found, id).orElseThrow(() -> new BadInputException("no " + what + " '" + id + "'"
                + Suggestion.didYouMean(id, found.stream().map(f -> f.info().id()).toList())
                + " (installed: " + ids(found) + ")"));
    }

    /** The first extension whose formats include the file's extension. */
    private static <T> Optional<PluginHost.Found<T>> byFormat(List<PluginHost.Found<T>> found,
                                                              Function<T, List<String>> formats, Path file) {
        String ext = extension(file);
        return found.stream().filter(f -> formats.apply(f.extension()).contains(ext)).findFirst();
    }

    /** The file name's extension in lower case, without the dot; empty if none. */
    private static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** The sorted ids, or "none". */
    static String ids(List<? extends PluginHost.Found<?>> found) {
        return found.isEmpty() ? "none" : found.stream().map(f -> f.info().id()).sorted().collect(Collectors.joining(", "));
    }

    /** The installed generators' ids, sorted. */
    String generatorIds() {
        return ids(generators);
    }
}
