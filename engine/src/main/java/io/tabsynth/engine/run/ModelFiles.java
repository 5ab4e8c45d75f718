package io.tabsynth.engine.run;

import io.tabsynth.engine.disclosure.RareValueModel;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.VerificationException;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.ConstraintLanguage;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.constraint.ConstrainedModel;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model files ({@link ModelFile}): saving a fitted model records its fit; loading finds the plugin that wrote it
 * and wraps the generator's model again in what the engine added at fit time (rare values, written form,
 * constraints).
 */
final class ModelFiles {
    private final Extensions extensions;
    private final Recorder recorder;

    ModelFiles(Extensions extensions, Recorder recorder) {
        this.extensions = extensions;
        this.recorder = recorder;
    }

    /** See {@link Engine#save}. */
    FittedModel save(FittedModel model, Path file) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try {
            model.model().save(payload);
        } catch (IOException e) {
            throw new TabsynthException("cannot serialise the model: " + e.getMessage(), e);
        }
        Artifact saved = recorder.write(file, ModelFile.encode(model.info(), payload.toByteArray()), Artifact.MODEL_ROLE);
        ModelInfo info = model.info();
        Map<String, Object> results = new LinkedHashMap<>();
        if (info.rows() != ModelInfo.ROWS_NOT_RECORDED) {
            results.put("rows", info.rows());
        }
        results.put("columns", info.schema().size());
        results.put("columnModels", model.model().describeColumns());
        if (!model.model().privacy().isEmpty()) {
            results.put("privacy", model.model().privacy());
        }
        if (info.constraints() != null) {
            results.put("constraints", info.constraints());
        }
        if (info.constraintLanguage() != null) {
            results.put(ModelInfo.ConstraintLanguageId.RESULT, info.constraintLanguage().recorded());
        }
        if (info.rareValues() != null) {
            results.put("rareValues", RareValues.fromJson(info.rareValues()).notes());
        }
        results.putAll(model.fitResults());
        Instant started = model.fitStarted() == null ? Instant.now() : model.fitStarted();
        Instant finished = model.fitFinished() == null ? started : model.fitFinished();
        recorder.record(Step.builder("fit")
                .by(info.generator(), info.pluginId(), info.pluginVersion()).parameters(info.params())
                .seed(info.seed()).inputs(model.lineageInputs()).output(saved).results(results)
                .between(started, finished).build());
        return model.savedAs(saved);
    }

    /** See {@link Engine#load}. */
    FittedModel load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": model file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        recorder.remember(file);
        ModelFile.Decoded d = ModelFile.decode(file.toString(), bytes);
        Artifact artifact = new Artifact(Artifact.MODEL_ROLE, file, Sha256.hex(bytes), null, -1);
        refuseIfRevoked(file, artifact);
        if (!Sidecar.recordsMaking(file, artifact.sha256())) {
            System.err.println("note: " + file + " has no recorded fit (no lineage record made a file with its digest), "
                    + "so the lineage of what is sampled from it will not reach real data");
        }
        ModelInfo info = d.info();
        PluginHost.Found<Generator> g = extensions.findGenerator(info.generator()).orElseThrow(() ->
                new BadInputException(file + ": the model needs generator '" + info.generator() + "' from plugin "
                        + info.pluginId() + " " + info.pluginVersion() + ", which is not installed (installed: "
                        + extensions.generatorIds() + ")"));
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
            Constraints.Bound bound = constraintLanguage(file, info).extension()
                    .fromSpec(info.constraints(), file + " constraints").bind(info.schema(), null);
            model = new ConstrainedModel(model, bound, info.schema(), ConstrainedModel.DEFAULT_MAX_TRIES);
        }
        return new FittedModel(model, info, null, null, null, artifact, List.of(), Map.of());
    }

    /**
     * A {@link VerificationException} (exit 4) when a trusted revocation (the ledger's or an imported list's) covers
     * the model file, saying who revoked it, with which key, when and why, as {@code lineage verify} does.
     */
    private void refuseIfRevoked(Path file, Artifact model) {
        TrustStore trust = TrustStore.standard(recorder.lineage().keys());
        List<String> revoked = Withdrawals.known(recorder.lineage().ledger(), recorder.lineage().keys(), trust,
                List.of()).findings(Withdrawal.Kind.REVOKED, file.toString(), model, List.of());
        if (!revoked.isEmpty()) {
            throw new VerificationException(String.join("; ", revoked) + "; a revoked model is not sampled");
        }
    }

    /**
     * The constraint language a model's constraints are written in: the one its header names, or, in a model written
     * before the header named it, the one installed.
     */
    private PluginHost.Found<ConstraintLanguage> constraintLanguage(Path file, ModelInfo info) {
        ModelInfo.ConstraintLanguageId wanted = info.constraintLanguage();
        if (wanted == null) {
            return extensions.constraintLanguage(null, file.toString(), file + ": the model was fitted with constraints, "
                    + "and no installed plugin reads them (the rules plugin does)");
        }
        return extensions.findConstraintLanguage(wanted.id()).orElseThrow(() -> new BadInputException(file
                + ": the model was fitted with constraints in the constraint language " + wanted
                + ", which is not installed (installed: " + extensions.constraintLanguageIds() + ")"));
    }
}
