package io.tabsynth.plugins.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BatchedModel;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained CTGAN: the data transformer, the generator's weights and batch-norm statistics, the category
 * counts that drive conditional vectors at generation, and the per-epoch losses. Sampling draws noise and a
 * conditional vector per row (category by its real frequency), runs the generator with running statistics and
 * decodes; batches are independent, so sampling is parallel and deterministic.
 */
final class CtganModel extends BatchedModel {
    static final ObjectMapper JSON = JsonOutput.mapper();
    /** The description's note on how long the fit took. */
    static final String TIME = "(time)";
    /** The description's note on the last checkpoint written. */
    static final String CHECKPOINT = "(checkpoint)";

    private final DataTransformer transformer;
    private final ConditionalSampler sampler;
    private final GeneratorNetwork generator;
    private final int embedding;
    private final List<double[]> losses;
    /** The conditional vector every row gets, or null to draw one per row by the real frequencies. */
    private final ConditionalSampler.Draw fixed;
    /**
     * Notes on the fit for people, shown after the columns in the description (how long it took, the last
     * checkpoint written); only known in the session that trained the model, never saved.
     */
    private final Map<String, String> notes;

    CtganModel(DataTransformer transformer, ConditionalSampler sampler, GeneratorNetwork generator, int embedding,
               List<double[]> losses) {
        this(transformer, sampler, generator, embedding, losses, null, Map.of());
    }

    private CtganModel(DataTransformer transformer, ConditionalSampler sampler, GeneratorNetwork generator, int embedding,
                       List<double[]> losses, ConditionalSampler.Draw fixed, Map<String, String> notes) {
        this.transformer = transformer;
        this.sampler = sampler;
        this.generator = generator;
        this.embedding = embedding;
        this.losses = List.copyOf(losses);
        this.fixed = fixed;
        this.notes = Map.copyOf(notes);
    }

    /**
     * CTGAN's conditional generation: the conditional vector names the wanted category of the first condition
     * on a discrete column (the method conditions on one column at a time; the engine checks the rest).
     */
    @Override
    public Optional<io.tabsynth.spi.Model> conditioned(Map<String, String> conditions) {
        List<DataTransformer.Discrete> discrete = transformer.discrete();
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            for (int d = 0; d < discrete.size(); d++) {
                if (schema().column(discrete.get(d).column()).name().equals(c.getKey())) {
                    int k = transformer.categoryIndex(discrete.get(d), c.getValue());
                    if (k >= 0) {
                        return Optional.of(new CtganModel(transformer, sampler, generator, embedding, losses,
                                new ConditionalSampler.Draw(d, k, -1), notes));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Schema schema() {
        return transformer.schema();
    }

    /** This model with a note on how long encoding and training took (shown with its description, not saved). */
    CtganModel timed(double encodingSeconds, List<Double> epochSeconds, String stopping) {
        double sum = epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
        String note = String.format(Locale.ROOT, "encoding fitted in %.2f s; %d epochs trained here in %.1f s, %.2f s "
                + "per epoch", encodingSeconds, epochSeconds.size(), sum, epochSeconds.isEmpty() ? 0 : sum / epochSeconds.size())
                + (stopping == null ? "" : "; " + stopping);
        return noted(TIME, note);
    }

    /**
     * This model with a note naming the last checkpoint the fit wrote, with its SHA-256, so that the fit's
     * lineage record (which carries the description) identifies the file.
     */
    CtganModel checkpointed(Checkpoint.Written last) {
        return noted(CHECKPOINT, String.format(Locale.ROOT, "%s after epoch %d, sha256 %s", last.file(),
                last.epoch(), last.sha256()));
    }

    private CtganModel noted(String key, String note) {
        Map<String, String> more = new LinkedHashMap<>(notes);
        more.put(key, note);
        return new CtganModel(transformer, sampler, generator, embedding, losses, fixed, more);
    }

    /** Per-epoch generator and critic losses. */
    List<double[]> losses() {
        return losses;
    }

    @Override
    public Map<String, String> describeColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        Map<String, Integer> modes = transformer.modes();
        Map<String, String> apart = transformer.madeApart();
        for (String c : schema().names()) {
            m.put(c, modes.containsKey(c) ? modes.get(c) + " modes"
                    : apart.containsKey(c) ? apart.get(c) + ", not learned"
                    : "one-hot");
        }
        if (!losses.isEmpty()) {
            double[] last = losses.get(losses.size() - 1);
            m.put("(training)", String.format(Locale.ROOT, "%d epochs, last losses: generator %.4f, critic %.4f",
                    losses.size(), last[0], last[1]));
        }
        for (String key : List.of(TIME, CHECKPOINT)) {
            if (notes.containsKey(key)) {
                m.put(key, notes.get(key));
            }
        }
        return m;
    }

    @Override
    protected Frame sampleBatch(long batch, int rows, Rng rng) {
        int c = transformer.condDimensions();
        float[] x = new float[rows * (embedding + c)];
        for (int r = 0; r < rows; r++) {
            int base = r * (embedding + c);
            for (int i = 0; i < embedding; i++) {
                x[base + i] = (float) rng.nextGaussian();
            }
            if (sampler.active()) {
                sampler.fill(x, base + embedding, fixed != null ? fixed : sampler.generate(rng));
            }
        }
        INDArray in = Values.matrix(x, rows, embedding + c);
        INDArray out = generator.forward(in, rng, false).output();
        return transformer.decode(out.castTo(DataType.DOUBLE).data().asDouble(), rows, batch * BATCH_ROWS, rng);
    }

    @Override
    public void save(OutputStream out) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", "tabsynth-ctgan");
        n.put("version", 1);
        n.put("embedding", embedding);
        n.put("tau", generator.tau());
        n.set("transformer", transformer.toJson());
        ArrayNode counts = n.putArray("categoryCounts");
        for (int[] k : sampler.counts()) {
            ArrayNode a = counts.addArray();
            for (int v : k) {
                a.add(v);
            }
        }
        ArrayNode blocks = n.putArray("blocks");
        for (ResidualBlock b : generator.blocks) {
            ObjectNode o = blocks.addObject();
            o.put("w", pack(b.w));
            o.put("b", pack(b.b));
            o.put("gamma", pack(b.gamma));
            o.put("beta", pack(b.beta));
            o.put("runningMean", pack(b.runningMean));
            o.put("runningVar", pack(b.runningVar));
        }
        n.put("wOut", pack(generator.wOut));
        n.put("bOut", pack(generator.bOut));
        ArrayNode l = n.putArray("losses");
        losses.forEach(x -> l.addArray().add(x[0]).add(x[1]));
        out.write(JSON.writeValueAsBytes(n));
    }

    static CtganModel load(InputStream in) throws IOException {
        JsonNode n = JSON.readTree(in);
        if (n == null || !"tabsynth-ctgan".equals(n.path("format").asText()) || n.path("version").asInt() != 1) {
            throw new IOException("not a ctgan model (format tabsynth-ctgan, version 1)");
        }
        DataTransformer t = DataTransformer.fromJson(n.get("transformer"));
        List<int[]> counts = new ArrayList<>();
        for (JsonNode a : n.get("categoryCounts")) {
            int[] k = new int[a.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = a.get(i).asInt();
            }
            counts.add(k);
        }
        int embedding = n.get("embedding").asInt();
        JsonNode blocks = n.get("blocks");
        int[] widths = new int[blocks.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = (int) unpack(blocks.get(i).get("b").asText()).columns();
        }
        GeneratorNetwork g = new GeneratorNetwork(embedding + t.condDimensions(), widths, t.spans(),
                n.path("tau").asDouble(Settings.DEFAULT_TAU), Trainer.TYPE, new Rng(0));
        for (int i = 0; i < widths.length; i++) {
            ResidualBlock b = g.blocks.get(i);
            JsonNode o = blocks.get(i);
            b.w.assign(unpack(o.get("w").asText()));
            b.b.assign(unpack(o.get("b").asText()));
            b.gamma.assign(unpack(o.get("gamma").asText()));
            b.beta.assign(unpack(o.get("beta").asText()));
            b.runningMean.assign(unpack(o.get("runningMean").asText()));
            b.runningVar.assign(unpack(o.get("runningVar").asText()));
        }
        g.wOut.assign(unpack(n.get("wOut").asText()));
        g.bOut.assign(unpack(n.get("bOut").asText()));
        List<double[]> losses = new ArrayList<>();
        n.path("losses").forEach(a -> losses.add(new double[] {a.get(0).asDouble(), a.get(1).asDouble()}));
        return new CtganModel(t, ConditionalSampler.forGeneration(t, counts), g, embedding, losses);
    }

    /** rows, columns, then the float32 values, little-endian, in Base64. */
    static String pack(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt((int) a.rows()).putInt((int) a.columns());
        for (float f : v) {
            buf.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static INDArray unpack(String text) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        int r = buf.getInt();
        int c = buf.getInt();
        float[] v = new float[r * c];
        for (int i = 0; i < v.length; i++) {
            v[i] = buf.getFloat();
        }
        return Nd4j.create(v, new long[] {r, c}, 'c').castTo(Trainer.TYPE);
    }
}
