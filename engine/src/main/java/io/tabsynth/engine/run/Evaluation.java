package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.policy.Policy;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.ReportExporter;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluating synthetic data against real data, from files or from frames in memory: the chosen evaluators run
 * side by side ({@link SideBySide}),
 * the policy is applied, the JSON report (and the one for people) is written, and the evaluate step records every
 * evaluator that ran, with its plugin, version and resolved options ({@link EvaluatorOptions}).
 */
final class Evaluation {
    /**
     * The prefix of the step's parameters naming each evaluator's plugin and version,
     * {@code plugin.<evaluator> = "<plugin id> <version>"} (the step's own plugin is the first evaluator's).
     */
    static final String PLUGIN_PREFIX = "plugin.";
    /** What follows the role in the name of evaluated data that was read from no file. */
    static final String IN_MEMORY = " (in memory)";
    /** The role of other synthetic data reported beside the evaluated one ({@code --compare}). */
    static final String COMPARED = "compared synthetic";

    private final Extensions extensions;
    private final Recorder recorder;
    private final DataFiles dataFiles;

    Evaluation(Extensions extensions, Recorder recorder, DataFiles dataFiles) {
        this.extensions = extensions;
        this.recorder = recorder;
        this.dataFiles = dataFiles;
    }

    /**
     * Reads the request's files, the synthetic and holdout data with the real data's column kinds, evaluates, applies
     * the policy if there is one, writes the JSON report and the rendered one atomically, and records the step
     * (inputs: real, holdout, synthetic, metadata, policy; results: each score and the policy verdict). Returns the
     * report; {@code policy.passed} says whether every gate passed.
     */
    ObjectNode evaluate(EvaluateRequest r) {
        Instant started = Instant.now();
        List<PluginHost.Found<Evaluator>> chosen = chosen(r.evaluators());
        EvaluatorOptions options = EvaluatorOptions.resolve(chosen, extensions.evaluators(), r.options());
        Frame real = dataFiles.read(r.real(), r.metadata());
        r.checkColumns(real.schema());
        Metadata metadata = r.metadata() == null ? Metadata.NONE : Metadata.read(r.metadata());
        Metadata likeReal = Metadata.of(real.schema(), metadata.missingValues());
        List<Path> others = new ArrayList<>(List.of(r.synthetic()));
        if (r.holdout() != null) {
            others.add(r.holdout());
        }
        if (r.compare() != null) {
            others.add(r.compare());
        }
        List<Frame> read = dataFiles.readAllLike(others, likeReal, r.metadata());
        Frame synthetic = read.get(0);
        Frame holdout = r.holdout() == null ? null : read.get(1);
        Frame compared = r.compare() == null ? null : read.get(read.size() - 1);
        return evaluate(new EvaluateFrames(real, holdout, synthetic, r.evaluators(), r.options(), r.policy(), r.report(),
                r.rendered(), compared), chosen, options, started);
    }

    /** Evaluates frames; see {@link EvaluateFrames}. */
    ObjectNode evaluate(EvaluateFrames f) {
        Instant started = Instant.now();
        List<PluginHost.Found<Evaluator>> chosen = chosen(f.evaluators());
        EvaluatorOptions options = EvaluatorOptions.resolve(chosen, extensions.evaluators(), f.options());
        EvaluateRequest.checkColumns(named(f.real(), "real data"), f.options(), f.real().schema());
        Metadata likeReal = Metadata.of(f.real().schema(), Metadata.NONE.missingValues());
        likeReal.checkColumns(f.synthetic().schema(), Path.of(named(f.synthetic(), "synthetic")));
        if (f.holdout() != null) {
            likeReal.checkColumns(f.holdout().schema(), Path.of(named(f.holdout(), "holdout")));
        }
        if (f.compared() != null) {
            likeReal.checkColumns(f.compared().schema(), Path.of(named(f.compared(), COMPARED)));
        }
        return evaluate(f, chosen, options, started);
    }

    private ObjectNode evaluate(EvaluateFrames f, List<PluginHost.Found<Evaluator>> chosen, EvaluatorOptions options,
                                Instant started) {
        Policy policy = f.policy() == null ? null : Policy.read(f.policy());
        if (policy != null) {
            policy.checkEvaluators(extensions.evaluators().stream().map(e -> e.info().id()).toList());
        }
        Map<String, Object> results = new LinkedHashMap<>();
        EvaluationInput input = new EvaluationInput(f.real(), f.holdout(), f.synthetic(), f.real().schema(), f.options(),
                f.compared());
        ObjectNode report = run(chosen, input, results);
        if (policy != null) {
            var verdict = policy.evaluate(report);
            recorder.remember(f.policy());
            report.set("policy", verdict);
            results.put("policy.passed", verdict.path("passed").asBoolean());
        }
        List<Artifact> outputs = new ArrayList<>(List.of(recorder.writeJson(f.report(), report, "report")));
        if (f.rendered() != null) {
            outputs.add(render(report, input, f.rendered()));
        }
        List<Artifact> inputs = new ArrayList<>(dataInputs(f.real(), "real data"));
        inputs.addAll(dataInputs(f.synthetic(), "synthetic"));
        if (f.holdout() != null) {
            inputs.addAll(dataInputs(f.holdout(), "holdout"));
        }
        if (f.compared() != null) {
            inputs.addAll(dataInputs(f.compared(), COMPARED));
        }
        if (f.policy() != null) {
            inputs.add(Artifact.file("policy", f.policy()));
        }
        Map<String, String> params = new LinkedHashMap<>(f.options());
        params.put("evaluators", chosen.stream().map(e -> e.info().id()).collect(Collectors.joining(",")));
        for (PluginHost.Found<Evaluator> e : chosen) {
            params.put(PLUGIN_PREFIX + e.info().id(), e.info().pluginId() + " " + e.info().pluginVersion());
        }
        params.putAll(options.recorded());
        PluginHost.Found<Evaluator> first = chosen.get(0);
        recorder.record(Step.builder("evaluate")
                .by(params.get("evaluators"), first.info().pluginId(), first.info().pluginVersion())
                .parameters(params).inputs(inputs).outputs(outputs).results(results)
                .between(started, Instant.now()).build());
        return report;
    }

    /**
     * The report of the evaluators named (every installed one when none is) on synthetic data against real data, with
     * the policy's verdict under {@code policy} when there is a policy; writes and records nothing. Options are
     * checked as {@link #evaluate(EvaluateFrames)} checks them.
     */
    ObjectNode scores(Frame real, Frame synthetic, List<String> evaluators, Map<String, String> options, Policy policy) {
        List<PluginHost.Found<Evaluator>> chosen = chosen(evaluators);
        EvaluatorOptions.resolve(chosen, extensions.evaluators(), options);
        EvaluateRequest.checkColumns(named(real, "real data"), options, real.schema());
        ObjectNode report = run(chosen, new EvaluationInput(real, null, synthetic, real.schema(), options),
                new LinkedHashMap<>());
        if (policy != null) {
            report.set("policy", policy.evaluate(report));
        }
        return report;
    }

    /** Runs the evaluators side by side: their results by id, each score also into {@code scores}. */
    private static ObjectNode run(List<PluginHost.Found<Evaluator>> chosen, EvaluationInput input,
                                  Map<String, Object> scores) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        List<SideBySide.Piece<Result>> pieces = new ArrayList<>();
        for (PluginHost.Found<Evaluator> e : chosen) {
            pieces.add(new SideBySide.Piece<>("evaluating " + named(input.synthetic(), "synthetic") + " with "
                    + e.info().id(), () -> e.extension().evaluate(input)));
        }
        List<Result> evaluated = SideBySide.run(pieces);
        for (int i = 0; i < chosen.size(); i++) {
            PluginHost.Found<Evaluator> e = chosen.get(i);
            Result result = evaluated.get(i);
            report.set(e.info().id(), ResultJson.of(result));
            if (result.score() != null) {
                scores.put(e.info().id() + ".score", result.score());
            }
        }
        return report;
    }

    /** The evaluators asked for by id, in that order, or every installed one when none is named. */
    private List<PluginHost.Found<Evaluator>> chosen(List<String> ids) {
        List<PluginHost.Found<Evaluator>> chosen = new ArrayList<>();
        if (ids.isEmpty()) {
            chosen.addAll(extensions.evaluators());
        } else {
            ids.forEach(id -> chosen.add(extensions.evaluator(id)));
        }
        if (chosen.isEmpty()) {
            throw new BadInputException("no evaluators are installed");
        }
        return chosen;
    }

    /** The frame's file, or {@code <role> (in memory)} for one read from none: its name in messages and lineage. */
    private static String named(Frame frame, String role) {
        return frame.source() == null ? role + IN_MEMORY : frame.source().file().toString();
    }

    /**
     * How lineage names one of the evaluated frames: by its file (the real data with its metadata file), or, for
     * a frame that was read from none, by its content digest under the name {@code <role> (in memory)}.
     */
    private static List<Artifact> dataInputs(Frame frame, String role) {
        Artifact source = Artifact.of(frame);
        if (source == null) {
            String content = ContentDigest.of(frame);
            return List.of(new Artifact(role, Path.of(named(frame, role)), content, content, frame.rowCount()));
        }
        if (role.equals("real data")) {
            return DataFiles.artifacts(frame);
        }
        return List.of(new Artifact(role, source.path(), source.sha256(), source.contentSha256(), frame.rowCount()));
    }

    private Artifact render(JsonNode report, EvaluationInput input, Path out) {
        ReportExporter exporter = extensions.reportExporterFor(out).extension();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            exporter.export(report, input, bytes);
        } catch (IOException e) {
            throw new TabsynthException(out + ": cannot render the report: " + e.getMessage(), e);
        }
        return recorder.write(out, bytes.toByteArray(), "report");
    }
}
