package io.tabsynth.plugins.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitFiles;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint: the data encoding, both networks' weights and batch-norm statistics, both optimisers'
 * moments and step counts, and the losses of the epochs done, tied to the training data (its content digest)
 * and the settings. Resuming from it continues exactly as the uninterrupted run would have: every epoch draws
 * from its own random stream. Written as JSON by the engine ({@link FitFiles}): atomically, so a run killed while
 * writing leaves the previous checkpoint intact, and recorded in lineage.
 */
final class Checkpoint {
    static final String FORMAT = "tabsynth-ctgan-checkpoint";
    /** What lineage calls a checkpoint's write. */
    static final String KIND = "checkpoint";
    /** The detail of a checkpoint's record that says after which epoch it was written. */
    static final String EPOCH = "epoch";

    private Checkpoint() {
    }

    /** A checkpoint written: where, after which epoch, and the SHA-256 of its bytes. */
    record Written(Path file, int epoch, String sha256) {
    }

    /**
     * Hands the trainer's state after the epochs it has trained to the engine, which writes it to {@code file} and
     * records it in lineage as a {@value #KIND} with its epoch.
     */
    static Written write(FitFiles files, Path file, Trainer t, String dataDigest, long seed) {
        ObjectNode n = CtganModel.JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", 1);
        n.put("data", dataDigest);
        n.put("seed", seed);
        n.set("settings", settingsJson(t.settings()));
        n.put("epochs", t.losses.size());
        n.set("transformer", t.transformer().toJson());
        int[] steps = t.steps();
        n.putArray("steps").add(steps[0]).add(steps[1]);
        ArrayNode losses = n.putArray("losses");
        t.losses.forEach(l -> losses.addArray().add(l[0]).add(l[1]));
        ArrayNode arrays = n.putArray("arrays");
        t.state().forEach(a -> arrays.add(CtganModel.pack(a)));
        byte[] bytes;
        try {
            bytes = CtganModel.JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new TabsynthException(file + ": cannot encode the ctgan checkpoint: " + e.getMessage(), e);
        }
        int epoch = t.losses.size();
        FitFiles.Written w = files.write(file, KIND, Map.of(EPOCH, Integer.toString(epoch)), out -> out.write(bytes));
        return new Written(w.file(), epoch, w.sha256());
    }

    /**
     * Reads a checkpoint for training on data with {@code dataDigest} under {@code settings} and seed; anything
     * that does not match (other data, other settings than the epoch count, another seed) is bad input, named.
     */
    static JsonNode read(Path file, String dataDigest, Settings settings, long seed) {
        JsonNode n;
        try {
            n = CtganModel.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": not a readable ctgan checkpoint: " + e.getMessage(), e);
        }
        if (n == null || !FORMAT.equals(n.path("format").asText()) || n.path("version").asInt() != 1) {
            throw new BadInputException(file + ": not a ctgan checkpoint (format " + FORMAT + ", version 1)");
        }
        if (!dataDigest.equals(n.path("data").asText())) {
            throw new BadInputException(file + ": the checkpoint was trained on other data (content digest "
                    + n.path("data").asText() + ", this data " + dataDigest + ")");
        }
        JsonNode want = settingsJson(settings);
        JsonNode had = n.path("settings");
        for (var it = want.fields(); it.hasNext(); ) {
            var f = it.next();
            JsonNode then = recorded(had, f.getKey());
            if (!f.getKey().equals(Settings.EPOCHS) && !f.getValue().equals(then)) {
                throw new BadInputException(file + ": the checkpoint was trained with " + f.getKey() + "=" + then
                        + ", this run has " + f.getValue());
            }
        }
        if (n.path("seed").asLong() != seed) {
            throw new BadInputException(file + ": the checkpoint was trained with seed " + n.path("seed").asLong()
                    + ", this run has " + seed);
        }
        if (n.path("epochs").asInt() > settings.epochs()) {
            throw new BadInputException(file + ": the checkpoint has " + n.path("epochs").asInt()
                    + " epochs, more than the " + settings.epochs() + " asked for");
        }
        return n;
    }

    /** The checkpoint's data encoding. */
    static DataTransformer transformer(JsonNode n) {
        return DataTransformer.fromJson(n.get("transformer"));
    }

    /** Restores the checkpoint's state into a trainer built with {@link #transformer}. */
    static void restore(JsonNode n, Trainer t) {
        List<INDArray> arrays = new ArrayList<>();
        n.get("arrays").forEach(a -> arrays.add(CtganModel.unpack(a.asText())));
        List<double[]> losses = new ArrayList<>();
        n.get("losses").forEach(l -> losses.add(new double[] {l.get(0).asDouble(), l.get(1).asDouble()}));
        t.restore(arrays, new int[] {n.get("steps").get(0).asInt(), n.get("steps").get(1).asInt()}, losses);
    }

    /** The settings under their parameter names. */
    private static ObjectNode settingsJson(Settings s) {
        ObjectNode o = CtganModel.JSON.createObjectNode();
        o.put(Settings.EPOCHS, s.epochs());
        o.put(Settings.BATCH_SIZE, s.batch());
        o.put(Settings.PAC, s.pac());
        o.put(Settings.EMBEDDING, s.embedding());
        o.put(Settings.WIDTH, s.width());
        o.put(Settings.LEARNING_RATE, s.lr());
        o.put(Settings.WEIGHT_DECAY, s.decay());
        o.put(Settings.MAX_MODES, s.maxModes());
        o.put(Settings.TAU, s.tau());
        o.put(Settings.LAMBDA, s.lambda());
        o.put(Settings.AVERAGING, s.averaging());
        o.put(Settings.DROPOUT, s.dropout());
        o.put(Settings.SLOPE, s.slope());
        o.put(Settings.BETA1, s.beta1());
        o.put(Settings.BETA2, s.beta2());
        o.put(Settings.CRITIC_STEPS, s.criticSteps());
        return o;
    }

    /**
     * What a checkpoint says a setting was. Checkpoints written before dropout, the LeakyReLU slope, Adam's betas
     * and the critic's steps were parameters do not name them: those were trained with the values that are now
     * the defaults.
     */
    private static JsonNode recorded(JsonNode settings, String name) {
        if (settings.has(name)) {
            return settings.get(name);
        }
        return switch (name) {
            case Settings.DROPOUT -> DoubleNode.valueOf(Settings.DEFAULT_DROPOUT);
            case Settings.SLOPE -> DoubleNode.valueOf(Settings.DEFAULT_SLOPE);
            case Settings.BETA1 -> DoubleNode.valueOf(Settings.DEFAULT_BETA1);
            case Settings.BETA2 -> DoubleNode.valueOf(Settings.DEFAULT_BETA2);
            case Settings.CRITIC_STEPS -> IntNode.valueOf(Settings.DEFAULT_CRITIC_STEPS);
            default -> null;
        };
    }
}
