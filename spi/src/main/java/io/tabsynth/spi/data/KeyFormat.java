package io.tabsynth.spi.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How new keys of an identifier column look. Keys carry no distribution to learn and copying them would leak
 * them, so generators make new ones; the format is learned from the real keys without keeping any part of a
 * single key:
 * <ul>
 *   <li>random version-4 UUIDs when most keys are UUIDs;</li>
 *   <li>{@code user000001@example.com}, ... when most keys are e-mail addresses (example.com is reserved, so no
 *       generated address reaches anyone);</li>
 *   <li>a running number between the prefix and suffix that at least half the keys, and at least five, share, as
 *       wide as the narrowest of them ({@code CUST-000042}, {@code +44 7000000042}, {@code 1000042});</li>
 *   <li>otherwise the column's name, a dash and a six-digit number: a prefix found on fewer keys could be part of
 *       a person's name or address.</li>
 * </ul>
 * Keys are numbered by row, so the keys of one sample are distinct, and numbering starts above every real key
 * of the same prefix and suffix: above the largest real number rounded up at its leading digit (real keys up to
 * {@code CUST-005000} give {@code CUST-006001}, ...), so no new key is a real key and the model keeps no real
 * key, only that leading digit. A real key of another prefix or suffix cannot equal a new one: the number is the
 * last run of digits, so the prefix, number and suffix of a key are one reading of it. New e-mail addresses are
 * numbered the same way above any real {@code user...@example.com}. Random version-4 UUIDs have 122 random bits:
 * the chance that one of a billion new keys equals one of a billion real ones is below 1e-18.
 *
 * @param style  {@link #UUID} or {@link #NUMBERED}
 * @param prefix text before the number (numbered keys)
 * @param suffix text after the number (numbered keys)
 * @param width  the number's least width, zero-padded (numbered keys)
 * @param start  the number of the first key (numbered keys), above every real key's, or below every real key's
 *               when numbers above them would not fit the keys' width ({@code limit} then bounds them)
 * @param limit  where numbering from {@code start} stops (exclusive), or {@code null} for never
 * @param resume where numbering goes on once {@code limit} is reached (above every real key's number)
 */
public record KeyFormat(String style, String prefix, String suffix, int width, BigInteger start, BigInteger limit,
                        BigInteger resume) {
    /** Random version-4 UUIDs. */
    public static final String UUID = "uuid";
    /** A prefix, a zero-padded running number and a suffix. */
    public static final String NUMBERED = "numbered";

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
    private static final String EMAIL_PREFIX = "user";
    /** example.com is reserved (RFC 2606): no generated address reaches anyone. */
    private static final String EMAIL_SUFFIX = "@example.com";
    /** Numbers below this are added as longs, larger ones as big integers. */
    private static final BigInteger LONG_START_LIMIT = BigInteger.valueOf(Long.MAX_VALUE / 2);
    /** The fewest keys that must share a prefix and suffix for new keys to keep them. */
    private static final int MIN_SHARED = 5;
    private static final Pattern WITH_NUMBER = Pattern.compile("^(.*?)(\\d+)(\\D*)$");

    public KeyFormat {
        if (!style.equals(UUID) && !style.equals(NUMBERED)) {
            throw new IllegalArgumentException("unknown key style '" + style + "' (uuid or numbered)");
        }
        if (width < 0) {
            throw new IllegalArgumentException("negative key width " + width);
        }
        if (start.signum() < 0) {
            throw new IllegalArgumentException("negative first key number " + start);
        }
        if ((limit == null) != (resume == null) || limit != null && (limit.compareTo(start) < 0 || resume.compareTo(limit) < 0)) {
            throw new IllegalArgumentException("key numbers from " + start + " below " + limit + ", then from " + resume
                    + ": limit and resume go together, in that order");
        }
    }

    /** A format numbered from {@code start} on, without a limit. */
    public KeyFormat(String style, String prefix, String suffix, int width, BigInteger start) {
        this(style, prefix, suffix, width, start, null, null);
    }

    /** A format numbered from one. */
    public KeyFormat(String style, String prefix, String suffix, int width) {
        this(style, prefix, suffix, width, BigInteger.ONE);
    }

    /** The fallback for a column whose keys have no common shape: {@code NAME-000001}. */
    public static KeyFormat named(String column) {
        return new KeyFormat(NUMBERED, namedPrefix(column), "", 6);
    }

    private static String namedPrefix(String column) {
        return (column.isEmpty() ? "id" : column) + "-";
    }

    /**
     * The first number above {@code largest}, rounded up at its leading digit: 5000 gives 6001, 42 gives 51, 9
     * gives 11, none ({@code null}) gives 1.
     */
    static BigInteger above(BigInteger largest) {
        if (largest == null) {
            return BigInteger.ONE;
        }
        BigInteger unit = BigInteger.TEN.pow(largest.toString().length() - 1);
        return largest.divide(unit).add(BigInteger.ONE).multiply(unit).add(BigInteger.ONE);
    }

    /** The smallest number rounded down at its leading digit: 501 gives 500, 8302983 gives 8000000, 7 gives 7. */
    static BigInteger below(BigInteger smallest) {
        BigInteger unit = BigInteger.TEN.pow(smallest.toString().length() - 1);
        return smallest.divide(unit).multiply(unit);
    }

    /** Learns the format from a column's real keys (empty strings are missing and ignored). */
    public static KeyFormat learn(String column, List<String> keys) {
        int present = 0;
        int uuids = 0;
        int emails = 0;
        Map<String, int[]> shapes = new HashMap<>(); // prefix + "#" + suffix -> {count, narrowest width}
        Map<String, BigInteger> largest = new HashMap<>(); // prefix + "#" + suffix -> the largest number
        Map<String, BigInteger> smallest = new HashMap<>();
        Map<String, Integer> widest = new HashMap<>();
        String common = null;
        for (String k : keys) {
            if (k == null || k.isEmpty()) {
                continue;
            }
            present++;
            if (UUID_TEXT.matcher(k).matches()) {
                uuids++;
            }
            if (EMAIL.matcher(k).matches()) {
                emails++;
            }
            Matcher m = WITH_NUMBER.matcher(k);
            if (m.matches()) {
                String shape = m.group(1) + "#" + m.group(3);
                int[] s = shapes.computeIfAbsent(shape, x -> new int[] {0, Integer.MAX_VALUE});
                s[0]++;
                s[1] = Math.min(s[1], m.group(2).length());
                largest.merge(shape, new BigInteger(m.group(2)), BigInteger::max);
                smallest.merge(shape, new BigInteger(m.group(2)), BigInteger::min);
                widest.merge(shape, m.group(2).length(), Math::max);
                if (common == null || s[0] > shapes.get(common)[0]) {
                    common = shape;
                }
            }
        }
        if (present > 0 && uuids * 2 > present) {
            return new KeyFormat(UUID, "", "", 0);
        }
        if (present > 0 && emails * 2 > present) {
            return numbered(EMAIL_PREFIX, EMAIL_SUFFIX, 6, largest, smallest, widest);
        }
        // a prefix or suffix that only a few keys share may be part of those people's numbers: (289) 804-6912
        if (common != null && shapes.get(common)[0] * 2 >= present && shapes.get(common)[0] >= MIN_SHARED) {
            int hash = common.indexOf('#');
            return numbered(common.substring(0, hash), common.substring(hash + 1), shapes.get(common)[1], largest,
                    smallest, widest);
        }
        return numbered(namedPrefix(column), "", 6, largest, smallest, widest);
    }

    /**
     * Numbered keys above every real key of the same form; where those would need more digits than keys of one
     * width have (random zip codes up to 99950), below every real key first (00001 to 00499 when the smallest is
     * 00501), and above them only once those run out.
     */
    private static KeyFormat numbered(String prefix, String suffix, int width, Map<String, BigInteger> largest,
                                      Map<String, BigInteger> smallest, Map<String, Integer> widest) {
        String shape = prefix + "#" + suffix;
        BigInteger after = above(largest.get(shape));
        boolean oneWidth = widest.containsKey(shape) && widest.get(shape) == width;
        if (oneWidth && after.toString().length() > width) {
            BigInteger floor = below(smallest.get(shape));
            if (floor.compareTo(BigInteger.TWO) >= 0) {
                return new KeyFormat(NUMBERED, prefix, suffix, width, BigInteger.ONE, floor, after);
            }
        }
        return new KeyFormat(NUMBERED, prefix, suffix, width, after);
    }

    /** The key of row {@code index} (from zero) of a sample; UUIDs come from {@code rng}. */
    public String key(long index, Rng rng) {
        if (style.equals(UUID)) {
            return rng.nextUuid().toString();
        }
        String number;
        if (limit != null && BigInteger.valueOf(index).compareTo(limit.subtract(start)) >= 0) {
            number = resume.add(BigInteger.valueOf(index)).subtract(limit.subtract(start)).toString();
        } else {
            number = start.compareTo(LONG_START_LIMIT) < 0 ? Long.toString(start.longValue() + index)
                    : start.add(BigInteger.valueOf(index)).toString();
        }
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, number.length()) + suffix.length());
        sb.append(prefix);
        for (int p = number.length(); p < width; p++) {
            sb.append('0');
        }
        return sb.append(number).append(suffix).toString();
    }

    /** A short description for model summaries: {@code new keys CUST-006001, ...} or {@code new keys (uuid)}. */
    public String describe() {
        return style.equals(NUMBERED) ? "new keys " + key(0, null) + ", ..." : "new keys (" + style + ")";
    }

    /** Writes the format's fields ({@code style}, {@code prefix}, {@code suffix}, {@code width}) into a node. */
    public ObjectNode writeTo(ObjectNode o) {
        o.put("style", style);
        o.put("prefix", prefix);
        o.put("suffix", suffix);
        o.put("width", width);
        o.put("start", start.toString());
        if (limit != null) {
            o.put("limit", limit.toString());
            o.put("resume", resume.toString());
        }
        return o;
    }

    /** Reads the fields {@link #writeTo} wrote. */
    public static KeyFormat readFrom(JsonNode o) {
        String start = o.path("start").asText("1");
        if (!start.matches("\\d{1,1000}")) {
            throw new IllegalArgumentException("the first key number '" + start + "' is not a whole number");
        }
        BigInteger limit = null;
        BigInteger resume = null;
        if (o.has("limit")) {
            String l = o.path("limit").asText();
            String r = o.path("resume").asText();
            if (!l.matches("\\d{1,1000}") || !r.matches("\\d{1,1000}")) {
                throw new IllegalArgumentException("the key numbers' limit '" + l + "' and resume '" + r
                        + "' must be whole numbers");
            }
            limit = new BigInteger(l);
            resume = new BigInteger(r);
        }
        return new KeyFormat(o.path("style").asText(), o.path("prefix").asText(), o.path("suffix").asText(),
                o.path("width").asInt(), new BigInteger(start), limit, resume);
    }
}
