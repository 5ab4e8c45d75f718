package io.tabsynth.plugins.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.TabsynthException;
import io.tabsynth.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint: the data encoding, both networks' weights and batch-norm statistics, both optimisers'
 * moments and step counts, and the losses of the epochs done, tied to the training data (its content digest)
 * and the settings. Resuming from it continues exactly as the uninterrupted run would have: every epoch draws
 * from its own random stream. Written as JSON atomically ({@link AtomicFile}), so a run killed while writing
 * leaves the previous checkpoint intact.
 */
final class Checkpoint {
    static final String FORMAT = "tabsynth-ctgan-checkpoint";

    private Checkpoint() {
    }

    /** Writes the trainer's state after {@code epochs} epochs to {@code file}. */
    static void write(Path file, Trainer t, String dataDigest, long seed) {
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
        AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
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
        ObjectNode had = (ObjectNode) n.path("settings");
        for (var it = want.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getKey().equals("epochs") && !f.getValue().equals(had.get(f.getKey()))) {
                throw new BadInputException(file + ": the checkpoint was trained with " + f.getKey() + "="
                        + had.get(f.getKey()) + ", this run has " + f.getValue());
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

    private static ObjectNode settingsJson(Settings s) {
        ObjectNode o = CtganModel.JSON.createObjectNode();
        o.put("epochs", s.epochs());
        o.put("batchSize", s.batch());
        o.put("pac", s.pac());
        o.put("embedding", s.embedding());
        o.put("width", s.width());
        o.put("learningRate", s.lr());
        o.put("weightDecay", s.decay());
        o.put("maxModes", s.maxModes());
        o.put("tau", s.tau());
        o.put("lambda", s.lambda());
        o.put("averaging", s.averaging());
        return o;
    }
}
