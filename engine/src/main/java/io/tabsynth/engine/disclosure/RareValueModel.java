package io.tabsynth.engine.disclosure;

import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.random.Seeds;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model fitted on data whose rare values were replaced by stand-ins ({@link RareValues#toModel}): each batch
 * the inner model samples has its stand-ins replaced by new values. The new values of a batch come from the
 * sampling seed and the batch's place, so the same model, rows and seed give the same rows.
 */
public final class RareValueModel implements Model {
    private static final String STREAM = "new-values";

    private final Model inner;
    private final RareValues plan;

    public RareValueModel(Model inner, RareValues plan) {
        this.inner = inner;
        this.plan = plan;
    }

    /** The generator's model. */
    public Model inner() {
        return inner;
    }

    /** The rule's plan. */
    public RareValues plan() {
        return plan;
    }

    @Override
    public Schema schema() {
        return inner.schema();
    }

    @Override
    public Map<String, Object> privacy() {
        return inner.privacy();
    }

    @Override
    public Map<String, String> describeColumns() {
        Map<String, String> out = new LinkedHashMap<>(inner.describeColumns());
        for (RareValues.Column c : plan.columns()) {
            out.computeIfPresent(c.name(), (name, d) -> d + "; new values for " + c.rareValues() + " rare (e.g. '"
                    + c.example() + "')");
        }
        return out;
    }

    /** Saves the inner model; the engine stores the plan beside it in the model file. */
    @Override
    public void save(OutputStream out) throws IOException {
        inner.save(out);
    }

    @Override
    public Optional<Model> conditioned(Map<String, String> conditions) {
        return inner.conditioned(conditions).map(m -> new RareValueModel(m, plan));
    }

    @Override
    public FrameStream sample(long rows, long seed) {
        long stream = Seeds.derive(seed, STREAM);
        long[] batch = {0};
        return inner.sample(rows, seed).map(frame -> plan.fromModel(frame, Seeds.rng(stream, batch[0]++)));
    }
}
