package io.tabsynth.spi.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A free-text column as a bag of words, how generators make new texts without copying real ones: the share of
 * missing texts, the distribution of text lengths in words (up to 1,000 quantiles), and the frequencies of the
 * most common words (at most 5,000). A word that only one real text contains is left out, since it may be
 * that person's name, address or number. New texts are drawn word by word: they match the real texts'
 * vocabulary and length but copy none of them. Immutable.
 */
public final class BagOfWords implements TextSource {
    /** The most words kept. */
    public static final int VOCABULARY = 5000;
    private static final int LENGTHS = 1000;

    private final double nullRate;
    private final String[] words;
    private final double[] cumulative;
    private final int[] lengths;

    private BagOfWords(double nullRate, String[] words, double[] cumulative, int[] lengths) {
        this.nullRate = nullRate;
        this.words = words;
        this.cumulative = cumulative;
        this.lengths = lengths;
    }

    /** Learns the model from a column's texts (empty strings are missing). */
    public static BagOfWords learn(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> textsWith = new HashMap<>();
        List<Integer> lengths = new ArrayList<>();
        int nulls = 0;
        for (String t : texts) {
            if (t.isEmpty()) {
                nulls++;
                continue;
            }
            String[] ws = t.trim().split("\\s+");
            lengths.add(ws.length);
            Set<String> once = new HashSet<>();
            for (String w : ws) {
                counts.merge(w, 1, Integer::sum);
                if (once.add(w)) {
                    textsWith.merge(w, 1, Integer::sum);
                }
            }
        }
        Map<String, Double> shared = new HashMap<>();
        counts.forEach((w, n) -> {
            if (textsWith.get(w) > 1) {
                shared.put(w, (double) n);
            }
        });
        int[] lens = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (lens.length > LENGTHS) {
            int[] sub = new int[LENGTHS];
            for (int i = 0; i < LENGTHS; i++) {
                sub[i] = lens[(int) ((long) i * (lens.length - 1) / (LENGTHS - 1))];
            }
            lens = sub;
        }
        return build(texts.isEmpty() ? 0 : nulls / (double) texts.size(), shared, VOCABULARY, lens);
    }

    /**
     * A model from stated weights (never missing): words with their relative frequencies and text lengths in
     * words with theirs, e.g. from a rules spec. Weights must be positive; words are kept most frequent first.
     */
    public static BagOfWords of(Map<String, Double> wordWeights, Map<Integer, Double> lengthWeights) {
        if (wordWeights.isEmpty() || lengthWeights.isEmpty()) {
            throw new IllegalArgumentException("a bag of words needs at least one word and one length");
        }
        // lengths as LENGTHS quantiles of the stated distribution, the form learned models keep
        List<Map.Entry<Integer, Double>> lens = new ArrayList<>(lengthWeights.entrySet());
        lens.sort(Map.Entry.comparingByKey());
        double lengthTotal = lens.stream().mapToDouble(Map.Entry::getValue).sum();
        int[] lengths = new int[LENGTHS];
        int k = 0;
        double below = lens.get(0).getValue() / lengthTotal;
        for (int i = 0; i < LENGTHS; i++) {
            double q = (i + 0.5) / LENGTHS;
            while (q > below && k < lens.size() - 1) {
                k++;
                below += lens.get(k).getValue() / lengthTotal;
            }
            lengths[i] = lens.get(k).getKey();
        }
        return build(0, wordWeights, Integer.MAX_VALUE, lengths);
    }

    /** The model with the {@code limit} heaviest words (ties by word), their shares as cumulative probabilities. */
    private static BagOfWords build(double nullRate, Map<String, Double> weights, int limit, int[] lengths) {
        List<Map.Entry<String, Double>> top = new ArrayList<>(weights.entrySet());
        top.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int k = Math.min(limit, top.size());
        String[] words = new String[k];
        double[] cumulative = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += top.get(i).getValue();
        }
        double run = 0;
        for (int i = 0; i < k; i++) {
            words[i] = top.get(i).getKey();
            run += top.get(i).getValue();
            cumulative[i] = run / total;
        }
        return new BagOfWords(nullRate, words, cumulative, lengths);
    }

    /** Each word's share of all words, most frequent first. */
    public Map<String, Double> wordShares() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < words.length; i++) {
            out.put(words[i], cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
        }
        return out;
    }

    /** Each text length (in words) with its share of the texts, shortest first. */
    public Map<Integer, Double> lengthShares() {
        Map<Integer, Double> out = new TreeMap<>();
        for (int len : lengths) {
            out.merge(len, 1.0 / lengths.length, Double::sum);
        }
        return out;
    }

    /** The share of missing texts. */
    public double nullRate() {
        return nullRate;
    }

    @Override
    public String text(Rng rng) {
        if (words.length == 0 || lengths.length == 0 || rng.nextDouble() < nullRate) {
            return "";
        }
        int len = lengths[rng.nextInt(lengths.length)];
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < len; w++) {
            int i = Arrays.binarySearch(cumulative, rng.nextDouble());
            i = i >= 0 ? i : Math.min(words.length - 1, -i - 1);
            sb.append(w == 0 ? "" : " ").append(words[i]);
        }
        return sb.toString();
    }

    /** A short description for model summaries: {@code bag of words (120 words)}. */
    public String describe() {
        return "bag of words (" + words.length + " words)";
    }

    /** How many words the vocabulary holds. */
    public int size() {
        return words.length;
    }

    /** The vocabulary, most frequent first. */
    public List<String> words() {
        return List.of(words);
    }

    /** Writes the model's fields ({@code nullRate}, {@code words}, {@code cumulative}, {@code lengths}) into a node. */
    public ObjectNode writeTo(ObjectNode o) {
        o.put("nullRate", nullRate);
        ArrayNode w = o.putArray("words");
        for (String s : words) {
            w.add(s);
        }
        ArrayNode c = o.putArray("cumulative");
        for (double x : cumulative) {
            c.add(x);
        }
        ArrayNode l = o.putArray("lengths");
        for (int x : lengths) {
            l.add(x);
        }
        return o;
    }

    /** Reads the fields {@link #writeTo} wrote. */
    public static BagOfWords readFrom(JsonNode o) {
        JsonNode w = o.path("words");
        JsonNode c = o.path("cumulative");
        JsonNode l = o.path("lengths");
        if (w.size() != c.size()) {
            throw new IllegalArgumentException("a text model has " + w.size() + " words but " + c.size() + " frequencies");
        }
        String[] words = new String[w.size()];
        double[] cumulative = new double[c.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = w.get(i).asText();
            cumulative[i] = c.get(i).asDouble();
        }
        int[] lengths = new int[l.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = l.get(i).asInt();
        }
        return new BagOfWords(o.path("nullRate").asDouble(), words, cumulative, lengths);
    }
}
