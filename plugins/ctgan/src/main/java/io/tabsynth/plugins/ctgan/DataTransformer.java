package io.tabsynth.plugins.ctgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.TextColumns;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.stats.MinMax;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;

/**
 * CTGAN's reversible encoding of rows as vectors. A numeric column (continuous, integer, datetime as seconds)
 * gets a {@link ModeMixture}: a value becomes a scalar {@code (x − μ_k) / (4σ_k)} in [−0.99, 0.99] (a tanh
 * output) followed by a one-hot indicator of its mode k, drawn from the modes' posterior probabilities; a
 * missing value gets its own indicator. A categorical or boolean column becomes a one-hot block (missing is a
 * category of its own); these are the discrete columns that condition the generator. Free text and identifiers
 * are not learned by the network: texts are drawn from a {@link BagOfWords}, keys made in their real format
 * ({@link KeyFormat}), so no real text or key is copied.
 */
public final class DataTransformer {
    /** The most values one encoded training array holds (Java's largest array length, with headroom). */
    static final int MAX_ENCODED = Integer.MAX_VALUE - 8;

    /** How the generator outputs a span of the vector. */
    public enum Activation { TANH, SOFTMAX }

    /** A stretch of the encoded vector. */
    public record Span(int start, int width, Activation activation) {
    }

    /**
     * One column's encoding; numeric columns keep their observed range, to which decoded values are clipped.
     * Identifiers (their key format) and free text (a bag of words) are made apart from the network.
     */
    private record Codec(ColumnSpec spec, ModeMixture modes, MinMax range, List<String> categories, KeyFormat keys,
                         BagOfWords text, boolean nulls, int scalar, int block) {
        boolean numeric() {
            return modes != null;
        }

        /** Made apart from the network: an identifier or free text. */
        boolean apart() {
            return keys != null || text != null;
        }

        int blockWidth() {
            return numeric() ? modes.size() + (nulls ? 1 : 0) : categories.size() + (nulls ? 1 : 0);
        }
    }

    /**
     * A discrete column as the conditional vector sees it.
     *
     * @param column     index in the schema
     * @param offset     start of its one-hot block in the encoded vector
     * @param categories how many categories (missing included when present)
     * @param condOffset start of its block in the conditional vector
     */
    public record Discrete(int column, int offset, int categories, int condOffset) {
    }

    private final Schema schema;
    private final List<Codec> codecs;
    private final List<Span> spans = new ArrayList<>();
    private final List<Discrete> discrete = new ArrayList<>();
    private final int dimensions;
    private final int condDimensions;

    private DataTransformer(Schema schema, List<Codec> codecs) {
        this.schema = schema;
        List<Codec> placed = new ArrayList<>();
        int at = 0;
        int cond = 0;
        for (int c = 0; c < codecs.size(); c++) {
            Codec k = codecs.get(c);
            if (k.apart()) {
                placed.add(k);
                continue;
            }
            int scalar = -1;
            if (k.numeric()) {
                scalar = at;
                spans.add(new Span(at, 1, Activation.TANH));
                at++;
            }
            int width = k.blockWidth();
            spans.add(new Span(at, width, Activation.SOFTMAX));
            if (!k.numeric() && k.spec.kind() != ColumnKind.FREE_TEXT) {
                discrete.add(new Discrete(c, at, width, cond));
                cond += width;
            }
            placed.add(new Codec(k.spec, k.modes, k.range, k.categories, null, null, k.nulls, scalar, at));
            at += width;
        }
        this.codecs = placed;
        this.dimensions = at;
        this.condDimensions = cond;
    }

    /** Fits every column's encoding, numeric columns' mixtures in parallel. */
    public static DataTransformer fit(Frame data, int maxModes) {
        Schema schema = data.schema();
        Codec[] codecs = new Codec[schema.size()];
        IntStream.range(0, schema.size()).parallel().forEach(c -> codecs[c] = codec(data, c, maxModes));
        return new DataTransformer(schema, List.of(codecs));
    }

    private static Codec codec(Frame data, int c, int maxModes) {
        ColumnSpec spec = data.schema().column(c);
        boolean nulls = data.column(c).countMissing() > 0;
        switch (spec.kind()) {
            case CONTINUOUS:
            case INTEGER:
            case DATETIME: {
                double[] values = data.numbers(spec.name());
                MinMax range = MinMax.of(values);
                return new Codec(spec, ModeMixture.fit(values, maxModes), range.isEmpty() ? null : range, null, null,
                        null, nulls, -1, -1);
            }
            case IDENTIFIER:
                return new Codec(spec, null, null, null,
                        KeyFormat.learn(spec.name(), data.strings(spec.name()).asList()), null, false, -1, -1);
            case FREE_TEXT:
                return new Codec(spec, null, null, null, null, BagOfWords.learn(data.strings(spec.name()).asList()),
                        false, -1, -1);
            default: {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (int r = 0; r < data.rowCount(); r++) {
                    if (!data.isMissing(c, r)) {
                        counts.merge(CellText.of(data, c, r), 1, Integer::sum);
                    }
                }
                List<String> cats = new ArrayList<>(counts.keySet());
                cats.sort(null);
                return new Codec(spec, null, null, cats, null, null, nulls, -1, -1);
            }
        }
    }

    public Schema schema() {
        return schema;
    }

    /** Width of an encoded row. */
    public int dimensions() {
        return dimensions;
    }

    /** Width of the conditional vector (all discrete columns' blocks). */
    public int condDimensions() {
        return condDimensions;
    }

    public List<Span> spans() {
        return spans;
    }

    public List<Discrete> discrete() {
        return discrete;
    }

    /** How many modes each numeric column kept, by name. */
    public Map<String, Integer> modes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        codecs.stream().filter(Codec::numeric).forEach(k -> m.put(k.spec.name(), k.modes.size()));
        return m;
    }

    /** Each identifier column's key format, by column name. */
    public Map<String, KeyFormat> keyFormats() {
        Map<String, KeyFormat> m = new LinkedHashMap<>();
        codecs.stream().filter(k -> k.keys != null).forEach(k -> m.put(k.spec.name(), k.keys));
        return m;
    }

    /** How each column made apart from the network gets its values, by column name. */
    public Map<String, String> madeApart() {
        Map<String, String> m = new LinkedHashMap<>();
        codecs.stream().filter(Codec::apart).forEach(k -> m.put(k.spec.name(),
                k.keys != null ? k.keys.describe() : k.text.describe()));
        return m;
    }

    /** The index of a category (as text) in a discrete column's block, or -1 if the column never had it. */
    public int categoryIndex(Discrete d, String value) {
        return codecs.get(d.column()).categories.indexOf(value);
    }

    /** The category index of each row in a discrete column's block (missing is the last index when present). */
    public int[] categories(Frame data, Discrete d) {
        Codec k = codecs.get(d.column());
        Map<String, Integer> index = index(k);
        int[] out = new int[data.rowCount()];
        for (int r = 0; r < out.length; r++) {
            out[r] = category(data, d.column(), r, k, index);
        }
        return out;
    }

    private static Map<String, Integer> index(Codec k) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < k.categories.size(); i++) {
            index.put(k.categories.get(i), i);
        }
        return index;
    }

    /**
     * The length of {@code rows} encoded rows of {@code width} values; the training data is one array, so a
     * table whose encoding passes an array's largest length (rows × width beyond int) is refused.
     */
    static int encodedSize(int rows, int width) {
        long size = (long) rows * width;
        if (size > MAX_ENCODED) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "ctgan: %,d rows encode to %,d values each "
                    + "(%,d in all), more than the %,d one training array holds; train on at most %,d rows "
                    + "(a sample of the data), or use gaussian-copula", rows, width, size, MAX_ENCODED,
                    MAX_ENCODED / width));
        }
        return (int) size;
    }

    private static int category(Frame data, int c, int r, Codec k, Map<String, Integer> index) {
        Integer i = data.isMissing(c, r) ? null : index.get(CellText.of(data, c, r));
        return i != null ? i : k.nulls ? k.categories.size() : 0;
    }

    /** Encodes rows into a row-major array of {@code rows × dimensions}; modes are drawn with {@code rng}. */
    public double[] encode(Frame data, Rng rng) {
        int n = data.rowCount();
        double[] out = new double[encodedSize(n, dimensions)];
        for (int c = 0; c < codecs.size(); c++) {
            Codec k = codecs.get(c);
            if (k.apart()) {
                continue;
            }
            if (k.numeric()) {
                double[] v = data.numbers(data.schema().column(c).name());
                for (int r = 0; r < n; r++) {
                    int base = r * dimensions;
                    if (Double.isNaN(v[r])) {
                        out[base + k.block + k.modes.size()] = 1;
                        continue;
                    }
                    double[] p = k.modes.responsibilities(v[r]);
                    double u = rng.nextDouble();
                    int mode = 0;
                    for (double acc = p[0]; mode < p.length - 1 && u >= acc; acc += p[++mode]) {
                        // walk the cumulative probabilities
                    }
                    out[base + k.scalar] = k.modes.scalar(mode, v[r]);
                    out[base + k.block + mode] = 1;
                }
            } else {
                Map<String, Integer> index = index(k);
                for (int r = 0; r < n; r++) {
                    out[r * dimensions + k.block + category(data, c, r, k, index)] = 1;
                }
            }
        }
        return out;
    }

    /**
     * Decodes {@code rows} encoded rows (softmax blocks read by their largest entry); identifiers get the keys of
     * rows {@code firstRow} on, UUID keys drawn from {@code rng}.
     */
    public Frame decode(double[] encoded, int rows, long firstRow, Rng rng) {
        Table t = Table.create("ctgan");
        for (int c = 0; c < codecs.size(); c++) {
            Codec k = codecs.get(c);
            List<String> cells = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int base = r * dimensions;
                if (k.keys != null) {
                    cells.add(k.keys.key(firstRow + r, rng));
                    continue;
                }
                if (k.text != null) {
                    cells.add(k.text.text(rng));
                    continue;
                }
                int best = argmax(encoded, base + k.block, k.blockWidth());
                if (k.numeric()) {
                    if (best == k.modes.size()) {
                        cells.add("");
                        continue;
                    }
                    double v = k.modes.value(best, encoded[base + k.scalar]);
                    if (k.range != null) {
                        v = k.range.clip(v);
                    }
                    cells.add(text(k.spec, v));
                } else {
                    cells.add(best < k.categories.size() ? k.categories.get(best) : "");
                }
            }
            t.addColumns(TextColumns.parse(k.spec, cells, MissingValues.DEFAULT, r -> "generated row " + r));
        }
        return Frame.of(t, schema);
    }

    private static String text(ColumnSpec spec, double v) {
        switch (spec.kind()) {
            case INTEGER:
                return Long.toString(Math.round(v));
            case DATETIME:
                return io.tabsynth.spi.data.DateTimeFormats.format(
                        LocalDateTime.ofEpochSecond(Math.round(v), 0, ZoneOffset.UTC),
                        spec.format() == null ? io.tabsynth.spi.data.DateTimeFormats.ISO_DATE_TIME : spec.format());
            default:
                return CellText.number(v);
        }
    }

    private static int argmax(double[] v, int from, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    /** The encoding as JSON, for model files. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.set("schema", schema.toJson());
        ArrayNode cols = n.putArray("columns");
        for (Codec k : codecs) {
            ObjectNode o = cols.addObject();
            o.put("nulls", k.nulls);
            if (k.numeric()) {
                if (k.range != null) {
                    o.putArray("range").add(k.range.min()).add(k.range.max());
                }
                ArrayNode modes = o.putArray("modes");
                for (int j = 0; j < k.modes.size(); j++) {
                    modes.addArray().add(k.modes.means()[j]).add(k.modes.stds()[j]).add(k.modes.weights()[j]);
                }
            } else if (k.categories != null) {
                ArrayNode cats = o.putArray("categories");
                k.categories.forEach(cats::add);
            } else if (k.text != null) {
                k.text.writeTo(o.putObject("text"));
            } else {
                k.keys.writeTo(o.putObject("keys"));
            }
        }
        return n;
    }

    /** Reads {@link #toJson()}. */
    public static DataTransformer fromJson(JsonNode n) {
        Schema schema = Schema.fromJson(n.get("schema"));
        List<Codec> codecs = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            JsonNode o = n.get("columns").get(c);
            ModeMixture modes = null;
            MinMax range = null;
            List<String> cats = null;
            KeyFormat keys = null;
            BagOfWords text = null;
            if (o.has("modes")) {
                JsonNode m = o.get("modes");
                double[] mean = new double[m.size()];
                double[] std = new double[m.size()];
                double[] w = new double[m.size()];
                for (int j = 0; j < m.size(); j++) {
                    mean[j] = m.get(j).get(0).asDouble();
                    std[j] = m.get(j).get(1).asDouble();
                    w[j] = m.get(j).get(2).asDouble();
                }
                modes = new ModeMixture(mean, std, w);
                if (o.has("range")) {
                    range = new MinMax(o.get("range").get(0).asDouble(), o.get("range").get(1).asDouble());
                }
            } else if (o.has("categories")) {
                cats = new ArrayList<>();
                for (JsonNode x : o.get("categories")) {
                    cats.add(x.asText());
                }
            } else if (o.has("text")) {
                text = BagOfWords.readFrom(o.get("text"));
            } else {
                // files written before key formats were learned: the column's name and a running number
                keys = o.has("keys") ? KeyFormat.readFrom(o.get("keys")) : KeyFormat.named(schema.column(c).name());
            }
            // (free text in files written before the bag of words has categories: it decodes as before)
            codecs.add(new Codec(schema.column(c), modes, range, cats, keys, text, o.path("nulls").asBoolean(), -1, -1));
        }
        return new DataTransformer(schema, codecs);
    }
}
