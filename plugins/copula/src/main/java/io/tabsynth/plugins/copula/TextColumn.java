package io.tabsynth.plugins.copula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * A free-text column, modelled as a bag of words: the share of nulls, the distribution of text lengths in
 * words, and the frequencies of the most common words (at most 5,000). New texts are drawn word by word;
 * they match the real texts' vocabulary and length but copy none of them.
 */
final class TextColumn implements ColumnModel {
    private static final int VOCABULARY = 5000;

    private final ColumnSpec spec;
    private final double nullRate;
    private final String[] words;
    private final double[] wordCumulative;
    private final int[] lengths;

    TextColumn(ColumnSpec spec, double nullRate, String[] words, double[] wordCumulative, int[] lengths) {
        this.spec = spec;
        this.nullRate = nullRate;
        this.words = words;
        this.wordCumulative = wordCumulative;
        this.lengths = lengths;
    }

    static TextColumn fit(ColumnSpec spec, List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        List<Integer> lengths = new ArrayList<>();
        int nulls = 0;
        for (String t : texts) {
            if (t.isEmpty()) {
                nulls++;
                continue;
            }
            String[] ws = t.trim().split("\\s+");
            lengths.add(ws.length);
            for (String w : ws) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> top = new ArrayList<>(counts.entrySet());
        top.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int k = Math.min(VOCABULARY, top.size());
        String[] words = new String[k];
        double[] cum = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += top.get(i).getValue();
        }
        double run = 0;
        for (int i = 0; i < k; i++) {
            words[i] = top.get(i).getKey();
            run += top.get(i).getValue();
            cum[i] = run / total;
        }
        int[] lens = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (lens.length > 1000) {
            int[] sub = new int[1000];
            for (int i = 0; i < 1000; i++) {
                sub[i] = lens[(int) ((long) i * (lens.length - 1) / 999)];
            }
            lens = sub;
        }
        return new TextColumn(spec, texts.isEmpty() ? 0 : nulls / (double) texts.size(), words, cum, lens);
    }

    @Override
    public ColumnSpec spec() {
        return spec;
    }

    @Override
    public boolean inCopula() {
        return false;
    }

    @Override
    public Column<?> sample(double[] z, double[] nullZ, int rows, long firstRow, Rng rng) {
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) {
            if (words.length == 0 || lengths.length == 0 || rng.nextDouble() < nullRate) {
                out[i] = "";
                continue;
            }
            int len = lengths[rng.nextInt(lengths.length)];
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < len; w++) {
                double u = rng.nextDouble();
                int idx = java.util.Arrays.binarySearch(wordCumulative, u);
                idx = idx >= 0 ? idx : Math.min(words.length - 1, -idx - 1);
                sb.append(w == 0 ? "" : " ").append(words[idx]);
            }
            out[i] = sb.toString();
        }
        return StringColumn.create(spec.name(), out);
    }

    @Override
    public String describe() {
        return "bag of words (" + words.length + " words)";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("model", "text");
        o.put("nullRate", nullRate);
        o.putPOJO("words", words);
        o.putPOJO("cumulative", wordCumulative);
        o.putPOJO("lengths", lengths);
        return o;
    }

    static TextColumn fromJson(ColumnSpec spec, JsonNode o) {
        int[] lengths = new int[o.get("lengths").size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = o.get("lengths").get(i).asInt();
        }
        return new TextColumn(spec, o.path("nullRate").asDouble(), ColumnModels.strings(o.get("words")),
                ColumnModels.doubles(o.get("cumulative")), lengths);
    }
}
