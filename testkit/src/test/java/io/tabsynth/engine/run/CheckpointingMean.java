package io.tabsynth.engine.run;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A test generator that writes a checkpoint while it fits, as a generator that trains in epochs would: the mean
 * generator's model, handed to the engine ({@link FitContext#files()}) after its one epoch. Registered by the tests
 * that use it, not found on the class path.
 */
final class CheckpointingMean implements Generator {
    static final String ID = "checkpointing-mean";
    private final MeanGenerator mean = new MeanGenerator();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "test generator that writes a checkpoint";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(ParamSpec.real("spread", 1, 0, 100, "standard deviation"),
                ParamSpec.text("checkpoint", "", "write the fitted model here after the epoch"),
                ParamSpec.file("resume", "a checkpoint of an earlier fit (only named, to be replaced)"));
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        Model model = mean.fit(data, params, context);
        String checkpoint = params.getString("checkpoint");
        if (!checkpoint.isEmpty()) {
            context.files().write(Path.of(checkpoint), "checkpoint", Map.of("epoch", "1"), model::save);
        }
        return model;
    }

    @Override
    public Model load(InputStream in) throws IOException {
        return mean.load(in);
    }

    /** The text of a checkpoint it writes. */
    static String checkpointText(Model model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.save(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
