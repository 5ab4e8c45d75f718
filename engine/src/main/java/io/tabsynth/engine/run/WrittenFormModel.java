package io.tabsynth.engine.run;

import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.WrittenForm;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A generator's model whose samples are rounded to the {@link WrittenForm} of the real data: the engine wraps
 * every fitted and loaded model in one, so that every generator writes decimals and datetime granularity the way
 * the real columns were written. It saves the generator's own state only; the form goes into the model file's
 * header.
 */
final class WrittenFormModel implements Model {
    private final Model inner;
    private final WrittenForm form;

    private WrittenFormModel(Model inner, WrittenForm form) {
        this.inner = inner;
        this.form = form;
    }

    /** The model with its samples rounded to the form; the model itself when the form is empty. */
    static Model of(Model inner, WrittenForm form) {
        return form.columns().isEmpty() ? inner : new WrittenFormModel(inner, form);
    }

    @Override
    public Schema schema() {
        return inner.schema();
    }

    @Override
    public FrameStream sample(long rows, long seed) {
        return inner.sample(rows, seed).map(form::apply);
    }

    @Override
    public Map<String, Object> privacy() {
        return inner.privacy();
    }

    @Override
    public Map<String, String> describeColumns() {
        return inner.describeColumns();
    }

    @Override
    public Optional<Model> conditioned(Map<String, String> conditions) {
        return inner.conditioned(conditions).map(steered -> of(steered, form));
    }

    @Override
    public void save(OutputStream out) throws IOException {
        inner.save(out);
    }
}
