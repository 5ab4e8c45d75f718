package io.tabsynth.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.FitFiles;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a fit hands the engine ({@link FitFiles}): each is written atomically and recorded as a step named by its
 * kind, made by the fit's generator from the fit's inputs, with the digest of the fit's parameters, the fit's seed and
 * the generator's details of the file as results. The file may replace one of the fit's own file parameters (a
 * checkpoint written where training resumed from) but no other file the engine has read.
 */
final class RecordedFitFiles implements FitFiles {
    /** The parameter of a fit file's record that holds {@link #parametersDigest}. */
    static final String PARAMETERS_DIGEST = "fit.parametersSha256";

    private final Recorder recorder;
    private final PluginHost.Found<?> generator;
    private final String parametersDigest;
    private final long seed;
    private final List<Artifact> inputs;
    private final List<Path> ownFiles;

    /**
     * @param params   the fit's parameters, as its model records them
     * @param inputs   what the fit read, as its record names them
     * @param ownFiles the files the generator's own file parameters named, which its files may replace
     */
    RecordedFitFiles(Recorder recorder, PluginHost.Found<?> generator, Map<String, String> params, long seed,
                     List<Artifact> inputs, List<Path> ownFiles) {
        this.recorder = recorder;
        this.generator = generator;
        this.parametersDigest = parametersDigest(params);
        this.seed = seed;
        this.inputs = List.copyOf(inputs);
        this.ownFiles = List.copyOf(ownFiles);
    }

    /**
     * The SHA-256 of the parameters as the model header writes them: one compact JSON object of text values, keys
     * sorted, in UTF-8.
     */
    static String parametersDigest(Map<String, String> params) {
        try {
            return Sha256.hex(JsonOutput.mapper().writeValueAsString(new TreeMap<>(params))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("text parameters always encode", e);
        }
    }

    @Override
    public Written write(Path file, String kind, Map<String, String> details, Content content) {
        if (ownFiles.stream().noneMatch(own -> own.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize()))) {
            recorder.refuseIfRead(file);
        }
        Instant started = Instant.now();
        Written written = FitFiles.writeAtomically(file, content);
        Map<String, Object> results = new LinkedHashMap<>(details);
        recorder.record(Step.builder(kind).by(generator.info().id(), generator.info().pluginId(),
                        generator.info().pluginVersion())
                .parameter(PARAMETERS_DIGEST, parametersDigest).seed(seed).inputs(inputs)
                .output(new Artifact(kind, file, written.sha256(), null, Artifact.NOT_DATA)).results(results)
                .between(started, Instant.now()).build());
        return written;
    }
}
