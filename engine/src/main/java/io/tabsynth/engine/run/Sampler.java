package io.tabsynth.engine.run;

import io.tabsynth.engine.constraint.Conditions;
import io.tabsynth.engine.fairness.GroupFigures;
import io.tabsynth.engine.fairness.Remediation;
import io.tabsynth.engine.fairness.RemediationPlan;
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
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
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
    /** The names of the seed streams a remediated sample derives from its seed: the estimate, each cell, the order. */
    private static final String REMEDIATION_ESTIMATE = "remediation.estimate";
    private static final String REMEDIATION_CELL = "remediation.cell.";
    private static final String REMEDIATION_ORDER = "remediation.order";

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
        Remediated remediated = sampling.remediation() == null ? null : remediate(model, rows, seed, sampling);
        try (FrameStream stream = remediated == null ? sampler.sample(rows, seed)
                : FrameStream.of(remediated.rows().schema(), List.of(remediated.rows()))) {
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
        if (sampler != model.model() || remediated != null) {
            params.put("maxTries", Integer.toString(sampling.maxTries()));
        }
        if (remediated != null) {
            params.putAll(sampling.remediation().recorded());
            results.putAll(remediated.recorded());
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
        if (sampling.remediation() != null) {
            return remediate(model, rows, seed, sampling).rows();
        }
        try (FrameStream stream = constrain(model.model(), sampling).sample(rows, seed)) {
            return stream.collect();
        }
    }

    /**
     * Rows under a remediation and its figures: the model's joint of the protected column and the target estimated
     * from {@link RemediationPlan#ESTIMATE_ROWS} rows it draws, each cell of the plan drawn conditioned on its values
     * (with a seed of its own), and the cells' rows put in an order shuffled by the seed.
     */
    private static Remediated remediate(FittedModel model, long rows, long seed, Sampling sampling) {
        if (rows > Integer.MAX_VALUE) {
            throw new BadInputException("a sample with --fairness or --rebalance is drawn in memory, at most "
                    + Integer.MAX_VALUE + " rows, not " + rows);
        }
        Remediation remediation = sampling.remediation();
        remediation.checkColumns(model.schema());
        Frame estimate;
        try (FrameStream s = constrain(model.model(), sampling.with(null))
                .sample(RemediationPlan.ESTIMATE_ROWS, Seeds.derive(seed, REMEDIATION_ESTIMATE))) {
            estimate = s.collect();
        }
        RemediationPlan plan = RemediationPlan.of(remediation, estimate, rows, sampling.maxTries());
        List<Frame> parts = new ArrayList<>();
        for (int i = 0; i < plan.cells().size(); i++) {
            RemediationPlan.Cell cell = plan.cells().get(i);
            Map<String, String> conditions = new LinkedHashMap<>(sampling.conditions());
            conditions.putAll(cell.conditions());
            Sampling drawn = new Sampling(conditions, sampling.constraints(), cell.maxTries());
            checkConditions(model, drawn);
            try (FrameStream s = constrain(model.model(), drawn).sample(cell.rows(), Seeds.derive(seed, REMEDIATION_CELL + i))) {
                parts.add(s.collect());
            }
        }
        Frame cells = Frame.concat(parts.get(0).schema(), parts);
        int[] order = new Rng(Seeds.derive(seed, REMEDIATION_ORDER)).permutation(cells.rowCount());
        Frame shuffled = Frame.of(cells.table().rows(order), cells.schema());
        return new Remediated(shuffled, plan.learned(),
                GroupFigures.of(shuffled, remediation.protectedColumn(), remediation.fairness()));
    }

    /** Remediated rows with the model's figures before and the rows' figures after. */
    private record Remediated(Frame rows, GroupFigures learned, GroupFigures achieved) {
        /**
         * The sample step's results: {@code remediation.learned} and {@code remediation.achieved} (group shares,
         * positive rates, disparate impact), and the two disparate impacts again as plain numbers that
         * {@code tabsynth lineage show} prints.
         */
        Map<String, Object> recorded() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("remediation.estimateRows", RemediationPlan.ESTIMATE_ROWS);
            out.put("remediation.learned", learned.recorded());
            out.put("remediation.achieved", achieved.recorded());
            if (learned.disparateImpact() != null && achieved.disparateImpact() != null) {
                out.put("remediation.learnedDisparateImpact", learned.disparateImpact());
                out.put("remediation.achievedDisparateImpact", achieved.disparateImpact());
            }
            return out;
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
