package io.tabsynth.spi.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The written form of a column's rare values, from which new values are made that read like the real ones but
 * are none of them. A value is a sequence of words (split at white space). A word that at least
 * {@code minCount} real rows hold is kept as it is ({@code St}, {@code Avenue}); any other word becomes its
 * shape: each upper-case letter {@code A}, each lower-case letter {@code a}, each digit {@code 9} (a zero that
 * starts a number stays {@code 0}), any other
 * character itself ({@code O'Neil} is {@code A'Aaaa}). A value's words so changed are its template
 * ({@code 999 Aaaaaa St}); a rare value made of kept words only ({@code New York}) has its least held word
 * changed ({@code New Aaaa}).
 *
 * <p>A new value is a template with each shape filled by an invented word of that shape (letters alternating
 * consonants and vowels, digits by digits) taken from a pool made at fit time: the pool holds no word that any
 * real value of the column contains. Every template has at least one shape filled from a pool, so every new
 * value contains a word no real value contains, and so equals no real value. The model keeps templates and
 * invented words, never a real rare word, and only templates that at least {@code minCount} distinct real values
 * share (a rarer template would tell the shape of those few values); when none is, new values take one capitalised
 * seven-letter word, a shape of no real value's telling. Immutable.
 */
public final class TextShape {
    /** The most templates kept (the most frequent); the others' rows are spread over these. */
    static final int MAX_TEMPLATES = 500;
    /** The most invented words kept per word shape. */
    static final int MAX_POOL = 200;
    /** The fewest invented words sought per word shape. */
    static final int MIN_POOL = 20;
    /** Candidate words tried per invented word wanted before a pool stays smaller. */
    private static final int TRIES_PER_WORD = 20;
    /** A template part that is a kept word starts with this; a shape starts with {@link #SHAPE}. */
    private static final char WORD = '=';
    private static final char SHAPE = '~';
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
    private static final String CONSONANTS = "bcdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";
    /** The template of last resort: one capitalised seven-letter word. */
    private static final String FALLBACK_SHAPE = "Aaaaaaa";

    private final String[][] templates;
    private final double[] cumulative;
    private final Map<String, String[]> pools;

    private TextShape(String[][] templates, double[] cumulative, Map<String, String[]> pools) {
        this.templates = templates;
        this.cumulative = cumulative;
        this.pools = pools;
    }

    /**
     * Learns the shape of {@code rare} (the column's rare values, each with how many rows hold it) given the whole
     * {@code column}'s values and how many rows hold each; invented words come from {@code rng}. A template is kept
     * only when at least {@code minCount} distinct values of the column have its shape (word by word), so the shape
     * of a few values is never told. The result does not depend on the maps' order.
     */
    public static TextShape learn(Map<String, Integer> rare, Map<String, Integer> column, int minCount, Rng rng) {
        Map<String, Integer> wordRows = wordRows(column);
        Map<List<String>, Integer> shapeHolders = new HashMap<>();
        for (String v : column.keySet()) {
            shapeHolders.merge(fullShape(words(v)), 1, Integer::sum);
        }
        Map<List<String>, Integer> counts = new HashMap<>();
        Map<List<String>, Integer> holders = new HashMap<>();
        for (Map.Entry<String, Integer> value : rare.entrySet()) {
            String v = value.getKey();
            List<String> words = words(v);
            List<String> parts = new ArrayList<>();
            int least = 0;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                parts.add(wordRows.getOrDefault(w, 0) >= minCount ? WORD + w : SHAPE + shapeOf(w));
                least = wordRows.getOrDefault(w, 0) <= wordRows.getOrDefault(words.get(least), 0) ? i : least;
            }
            // kept words only would give the rare value back (or one differing in white space)
            if (!parts.isEmpty() && parts.stream().noneMatch(p -> p.charAt(0) == SHAPE)) {
                parts.set(least, SHAPE + shapeOf(words.get(least)));
            }
            counts.merge(parts, value.getValue(), Integer::sum);
            holders.putIfAbsent(parts, shapeHolders.getOrDefault(fullShape(words), 0));
        }
        // a template whose shape fewer than minCount values of the column share would tell the shape of those few
        counts.keySet().removeIf(parts -> holders.get(parts) < minCount);
        List<Map.Entry<List<String>, Integer>> order = new ArrayList<>(counts.entrySet());
        order.sort(Map.Entry.<List<String>, Integer>comparingByValue().reversed()
                .thenComparing(e -> String.join(" ", e.getKey())));
        Map<String, Integer> wanted = new LinkedHashMap<>();
        List<List<String>> kept = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> e : order) {
            if (kept.size() == MAX_TEMPLATES) {
                break;
            }
            kept.add(e.getKey());
            weights.add(e.getValue());
            for (String p : e.getKey()) {
                if (p.charAt(0) == SHAPE) {
                    wanted.merge(p.substring(1), e.getValue(), Integer::sum);
                }
            }
        }
        Map<String, String[]> pools = new LinkedHashMap<>();
        List<String> shapes = new ArrayList<>(wanted.keySet());
        shapes.sort(null);
        for (String s : shapes) {
            pools.put(s, invent(s, Math.max(MIN_POOL, Math.min(MAX_POOL, wanted.get(s))), wordRows.keySet(), rng));
        }
        // a template whose every shape found no invented word could give back a real value: drop it
        List<String[]> templates = new ArrayList<>();
        List<Integer> templateWeights = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).stream().anyMatch(p -> p.charAt(0) == SHAPE && pools.get(p.substring(1)).length > 0)) {
                templates.add(kept.get(i).toArray(new String[0]));
                templateWeights.add(weights.get(i));
            }
        }
        if (templates.isEmpty()) {
            pools.put(FALLBACK_SHAPE, invent(FALLBACK_SHAPE, MAX_POOL, wordRows.keySet(), rng));
            templates.add(new String[] {SHAPE + FALLBACK_SHAPE});
            templateWeights.add(1);
        }
        double total = templateWeights.stream().mapToInt(Integer::intValue).sum();
        double[] cumulative = new double[templates.size()];
        double run = 0;
        for (int i = 0; i < cumulative.length; i++) {
            run += templateWeights.get(i);
            cumulative[i] = run / total;
        }
        return new TextShape(templates.toArray(new String[0][]), cumulative, pools);
    }

    /**
     * How many rows hold each word, given how many rows hold each value ({@code valueRows}); a row holding a word
     * twice counts once.
     */
    public static Map<String, Integer> wordRows(Map<String, Integer> valueRows) {
        Map<String, Integer> rows = new HashMap<>();
        valueRows.forEach((v, n) -> {
            for (String w : new LinkedHashSet<>(words(v))) {
                rows.merge(w, n, Integer::sum);
            }
        });
        return rows;
    }

    /** A new value, none of the real ones. */
    public String draw(Rng rng) {
        int t = Arrays.binarySearch(cumulative, rng.nextDouble());
        t = t >= 0 ? t : Math.min(templates.length - 1, -t - 1);
        StringBuilder b = new StringBuilder();
        for (String part : templates[t]) {
            if (b.length() > 0) {
                b.append(' ');
            }
            if (part.charAt(0) == WORD) {
                b.append(part, 1, part.length());
            } else {
                String[] pool = pools.get(part.substring(1));
                // a shape whose pool is empty (every word of it is real) is filled freely: another shape of the
                // template comes from a pool, and that word alone makes the value new
                b.append(pool.length > 0 ? pool[rng.nextInt(pool.length)] : fill(part.substring(1), rng));
            }
        }
        return b.toString();
    }

    /** The templates as text ({@code 999 Aaaaaa St}), most frequent first. */
    public List<String> templates() {
        List<String> out = new ArrayList<>();
        for (String[] t : templates) {
            StringBuilder b = new StringBuilder();
            for (String p : t) {
                b.append(b.length() == 0 ? "" : " ").append(p, 1, p.length());
            }
            out.add(b.toString());
        }
        return out;
    }

    /**
     * The shape of a word: {@code A} per upper-case letter, {@code a} per lower-case one, {@code 9} per digit but a
     * zero that starts a number, which stays {@code 0} ({@code 00501} is {@code 09999}, {@code 417} is {@code 999}).
     */
    /** Every word of a value by its shape. */
    private static List<String> fullShape(List<String> words) {
        return words.stream().map(TextShape::shapeOf).toList();
    }

    static String shapeOf(String word) {
        StringBuilder b = new StringBuilder(word.length());
        word.codePoints().forEach(c -> {
            if (Character.isDigit(c)) {
                boolean starts = b.length() == 0 || !isDigitShape(b.charAt(b.length() - 1));
                b.append(starts && c == '0' ? '0' : '9');
            } else if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                b.append('A');
            } else if (Character.isLetter(c)) {
                b.append('a');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** The words of a value; white space before the first word stays with it (UCI Adult's {@code " Private"}). */
    private static List<String> words(String value) {
        String t = value.trim();
        if (t.isEmpty()) {
            return List.of();
        }
        List<String> words = new ArrayList<>(Arrays.asList(SPACES.split(t)));
        words.set(0, value.substring(0, value.indexOf(t.charAt(0))) + words.get(0));
        return words;
    }

    /** Up to {@code size} distinct words of the shape that are not among {@code real}. */
    private static String[] invent(String shape, int size, Set<String> real, Rng rng) {
        Set<String> pool = new LinkedHashSet<>();
        for (int tries = 0; pool.size() < size && tries < size * TRIES_PER_WORD; tries++) {
            String w = fill(shape, rng);
            if (!real.contains(w)) {
                pool.add(w);
            }
        }
        return pool.toArray(new String[0]);
    }

    private static boolean isDigitShape(char c) {
        return c == '9' || c == '0';
    }

    /**
     * A word of the shape: letters alternate consonants and vowels (starting either way), digits are digits, and
     * a number does not start with a zero unless the shape says so.
     */
    private static String fill(String shape, Rng rng) {
        StringBuilder b = new StringBuilder(shape.length());
        boolean vowel = rng.nextInt(3) == 0;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == '9') {
                boolean leads = i == 0 || !isDigitShape(shape.charAt(i - 1));
                b.append((char) (leads ? '1' + rng.nextInt(9) : '0' + rng.nextInt(10)));
            } else if (c == 'a' || c == 'A') {
                String letters = vowel ? VOWELS : CONSONANTS;
                char l = letters.charAt(rng.nextInt(letters.length()));
                b.append(c == 'A' ? Character.toUpperCase(l) : l);
                vowel = !vowel;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Writes {@code templates} (parts: {@code =word} kept, {@code ~shape} invented), weights and pools. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode ts = o.putArray("templates");
        for (int i = 0; i < templates.length; i++) {
            ObjectNode t = ts.addObject();
            t.put("share", cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]));
            ArrayNode parts = t.putArray("parts");
            for (String p : templates[i]) {
                parts.add(p);
            }
        }
        ObjectNode ps = o.putObject("inventedWords");
        pools.forEach((shape, words) -> {
            ArrayNode a = ps.putArray(shape);
            for (String w : words) {
                a.add(w);
            }
        });
        return o;
    }

    /** Reads what {@link #toJson} wrote; an {@link IllegalArgumentException} says what is wrong. */
    public static TextShape fromJson(JsonNode o) {
        JsonNode ts = o.path("templates");
        if (!ts.isArray() || ts.isEmpty()) {
            throw new IllegalArgumentException("a text shape needs at least one template");
        }
        Map<String, String[]> pools = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.path("inventedWords").properties()) {
            String[] words = new String[e.getValue().size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = e.getValue().get(i).asText();
            }
            pools.put(e.getKey(), words);
        }
        String[][] templates = new String[ts.size()][];
        double[] cumulative = new double[ts.size()];
        double run = 0;
        for (int i = 0; i < templates.length; i++) {
            JsonNode parts = ts.get(i).path("parts");
            templates[i] = new String[parts.size()];
            boolean invented = false;
            for (int j = 0; j < parts.size(); j++) {
                String p = parts.get(j).asText();
                if (p.length() < 2 || p.charAt(0) != WORD && p.charAt(0) != SHAPE) {
                    throw new IllegalArgumentException("template part '" + p + "' is neither =word nor ~shape");
                }
                if (p.charAt(0) == SHAPE) {
                    String[] pool = pools.get(p.substring(1));
                    if (pool == null) {
                        throw new IllegalArgumentException("shape '" + p.substring(1) + "' has no invented words");
                    }
                    invented |= pool.length > 0;
                }
                templates[i][j] = p;
            }
            if (!invented) {
                throw new IllegalArgumentException("template " + parts + " has no shape to fill with an invented word");
            }
            run += ts.get(i).path("share").asDouble();
            cumulative[i] = run;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= run;
        }
        return new TextShape(templates, cumulative, pools);
    }
}
