package io.tabsynth.plugins.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * The CTGAN generator ({@code ctgan}): a conditional GAN with mode-specific normalisation, training-by-sampling,
 * PacGAN and WGAN-GP, written from Xu et al., "Modeling Tabular Data using Conditional GAN" (NeurIPS 2019) on ND4J.
 */
@Extension
public final class Ctgan implements Generator {
    public static final String ID = "ctgan";
    /** The fewest held-out rows whose quality score early stopping trusts. */
    static final int MIN_VALIDATION_ROWS = 50;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CTGAN conditional GAN (Xu et al. 2019) on ND4J: mode-specific normalisation, training-by-sampling, WGAN-GP";
    }

    @Override
    public List<ParamSpec> describe() {
        List<ParamSpec> all = new ArrayList<>(Settings.specs());
        all.addAll(List.of(
                ParamSpec.text("checkpoint", "", "write a checkpoint to this file during training (atomically replaced)"),
                ParamSpec.integer("checkpointEvery", 10, 1, 100_000, "epochs between checkpoints"),
                ParamSpec.file("resume", "continue training from this checkpoint (same data, seed and settings; "
                        + "'epochs' may grow)"),
                ParamSpec.real("validation", 0, 0, 0.5, "share of rows held out to keep the generator with the best quality "
                        + "score on them (column shapes and pair trends) and stop early (0: off)"),
                ParamSpec.integer("patience", 20, 1, 100_000, "epochs without a better validation score before stopping")));
        return all;
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        Backend.ensure();
        Settings settings = Settings.of(params);
        double validation = params.getDouble("validation");
        boolean resume = !params.getString("resume").isEmpty();
        if (resume && validation > 0) {
            throw new BadInputException("ctgan: 'resume' cannot be combined with 'validation' (early stopping keeps a "
                    + "best generator that checkpoints do not hold)");
        }
        Frame train = data;
        EarlyStopping stopping = null;
        if (validation > 0) {
            Frame[] parts = EarlyStopping.split(data, validation, context.seed());
            if (parts[1].rowCount() < MIN_VALIDATION_ROWS || parts[0].rowCount() < settings.batch()) {
                throw new BadInputException("ctgan: validation=" + validation + " leaves " + parts[0].rowCount()
                        + " training and " + parts[1].rowCount() + " validation rows; need at least batchSize ("
                        + settings.batch() + ") and " + MIN_VALIDATION_ROWS);
            }
            train = parts[0];
            stopping = EarlyStopping.on(parts[1], params.getInt("patience"), context.seed());
        }
        String digest = ContentDigest.of(train);
        Trainer t;
        if (!resume) {
            t = new Trainer(train, settings, context.seed());
        } else {
            JsonNode saved = Checkpoint.read(Path.of(params.getString("resume")), digest, settings, context.seed());
            t = new Trainer(train, settings, context.seed(), Checkpoint.transformer(saved));
            Checkpoint.restore(saved, t);
        }
        String checkpoint = params.getString("checkpoint");
        if (!checkpoint.isEmpty()) {
            AtomicFile.checkFolder(Path.of(checkpoint)); // before training, not at the first checkpoint
        }
        int every = params.getInt("checkpointEvery");
        List<Checkpoint.Written> written = new ArrayList<>();
        t.train(context.progress(), epoch -> {
            if (!checkpoint.isEmpty() && (epoch % every == 0 || epoch == settings.epochs())) {
                written.add(Checkpoint.write(context.files(), Path.of(checkpoint), t, digest, context.seed()));
            }
        }, stopping);
        CtganModel model = new CtganModel(t.transformer(), t.sampler(), t.sampling(), settings.embedding(), t.losses)
                .timed(t.encodingSeconds, t.epochSeconds, stopping == null ? null : stopping.summary(t.losses.size()));
        return written.isEmpty() ? model : model.checkpointed(written.get(written.size() - 1));
    }

    @Override
    public Model load(InputStream in) throws IOException {
        Backend.ensure();
        return CtganModel.load(in);
    }
}
