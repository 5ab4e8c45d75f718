package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.Activity;
import io.tabsynth.spi.data.BagOfWords;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Granularity;
import io.tabsynth.spi.data.KeyFormat;
import io.tabsynth.spi.disclosure.RareValues;
import io.tabsynth.spi.stats.Normal;
import io.tabsynth.spi.stats.RankCorrelation;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.columns.Column;

/**
 * {@code tabsynth rules infer}: a starting rules spec from real data. Each column gets its kind's
 * distribution with fitted parameters (normal or log-normal by skew, Poisson for count-like integers,
 * category weights, date ranges, sequences, UUIDs or a character pattern for keys), numeric columns with
 * rank correlation get a copula block, and constraints the data obeys are listed: inequalities between
 * ordered columns, fixed combinations where one column determines another, and unique keys.
 */
@Extension
public final class Inference implements io.tabsynth.spi.SpecInference {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_CATEGORIES = 1000;
    /** A sequence's start must leave room to count up in a long. */
    private static final int MAX_START_BITS = 62;
    /** A number that at least this share of a column's present values hold is a spike (a point mass). */
    private static final double SPIKE_SHARE = 0.1;
    /** Spike shares are written with this many parts per one (six decimals). */
    private static final double SHARE_SCALE = 1e6;
    /** Beyond this magnitude moments are computed on scaled values. */
    private static final double LARGE = 1e100;
    /** Below this magnitude moments are computed on scaled values. */
    private static final double SMALL = 1e-100;
    /** Digits a drafted parameter keeps when its decimals would round it to zero. */
    private static final int SIGNIFICANT_DIGITS = 6;
    /** Indexes into {@link #moments}. */
    private static final int MEAN = 0;
    private static final int SD = 1;
    private static final int SKEW = 2;

    @Override
    public String generatorId() {
        return RulesGenerator.ID;
    }

    @Override
    public JsonNode infer(Frame data) {
        return infer(data, RareValues.learn(data, RareValues.DEFAULT_MIN_COUNT, 0));
    }

    @Override
    public JsonNode infer(Frame data, RareValues rare) {
        ObjectNode spec = NODES.objectNode();
        spec.put("description", "drafted by tabsynth rules infer from " + (data.source() == null ? "data"
                : data.source().file().getFileName()) + " (" + data.rowCount() + " rows); review before use");
        ArrayNode columns = spec.putArray("columns");
        List<String> quantiled = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (ColumnSpec c : data.schema().columns()) {
            ObjectNode col = Activity.run("column '" + c.name() + "'", () -> column(data, c, rare));
            columns.add(col);
            String type = col.path("type").asText();
            if (List.of("normal", "lognormal", "poisson", "integer").contains(type)) {
                quantiled.add(c.name());
            }
            if (type.equals("pattern") && c.kind() == ColumnKind.IDENTIFIER) {
                keys.add(c.name());
            }
        }
        derive(data, columns, quantiled, rare.names());
        DependencyTree.draft(data, columns, rare.minCount());
        ArrayNode corr = correlations(data, quantiled);
        if (corr.size() > 0) {
            spec.set("correlations", corr);
        }
        ArrayNode constraints = constraints(data, keys);
        if (constraints.size() > 0) {
            spec.set("constraints", constraints);
        }
        return spec;
    }

    private static ObjectNode column(Frame data, ColumnSpec c, RareValues rare) {
        ObjectNode o = NODES.objectNode();
        o.put("name", c.name());
        Column<?> col = data.column(c.name());
        int n = data.rowCount();
        double nullRate = n == 0 ? 0 : col.countMissing() / (double) n;
        switch (c.kind()) {
            case CONTINUOUS:
            case INTEGER:
                numeric(data, c, o);
                if (c.format() != null) {
                    o.put("format", c.format());
                }
                break;
            case BOOLEAN: {
                long t = data.booleans(c.name()).isTrue().size();
                long present = n - col.countMissing();
                o.put("type", "boolean");
                o.put("p", round(present == 0 ? 0.5 : t / (double) present, 4));
                break;
            }
            case DATETIME:
                temporal(data, c, o);
                break;
            case CATEGORICAL:
                if (rare.column(c.name()) != null) {
                    newValues(data, rare.column(c.name()), rare.minCount(), o);
                } else {
                    categorical(data, c, o);
                }
                break;
            default:
                text(data, c, o);
        }
        if (nullRate > 0 && !o.path("type").asText().equals("sequence") && !o.path("type").asText().equals("uuid")) {
            o.put("nullRate", round(nullRate, 4));
        }
        return o;
    }

    private static double[] present(Frame data, String column) {
        return java.util.Arrays.stream(data.numbers(column)).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static void numeric(Frame data, ColumnSpec c, ObjectNode o) {
        double[] v = present(data, c.name());
        boolean integer = c.kind() == ColumnKind.INTEGER;
        if (v.length == 0) {
            o.put("type", "constant");
            o.put("value", 0);
            o.put("nullRate", 1.0);
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] all = moments(v);
        if (all[SD] == 0) {
            o.put("type", "constant");
            if (integer) {
                o.put("value", (long) min);
            } else {
                o.put("value", min);
            }
            return;
        }
        if (integer && min >= 0 && all[MEAN] > 0 && Math.abs(all[SD] * all[SD] / all[MEAN] - 1) < 0.25) {
            o.put("type", "poisson");
            o.put("lambda", round(all[MEAN], 4));
            return;
        }
        // values that hold a large share by themselves stay point masses; the distribution is fitted to the rest
        Map<Double, Integer> spikes = spikes(v);
        double[] rest = java.util.Arrays.stream(v).filter(x -> !spikes.containsKey(x == 0 ? 0.0 : x)).toArray();
        if (java.util.Arrays.stream(rest).distinct().limit(2).count() < 2) {
            rest = v;
        }
        double[] m = rest == v ? all : moments(rest);
        double restMin = java.util.Arrays.stream(rest).min().orElse(min);
        java.util.function.DoubleUnaryOperator restCdf = fit(rest, restMin > 0 && m[SKEW] > 1 ? "lognormal" : "normal",
                m, o);
        putNumber(o, "min", min, integer);
        putNumber(o, "max", max, integer);
        int decimals = integer ? 0 : CellText.mostDecimals(v);
        if (!spikes.isEmpty()) {
            putSpikes(o, spikes, v.length, restCdf, min, max, decimals < 0 ? 0 : Math.pow(10, -decimals), integer);
        }
        if (integer) {
            o.put("kind", "integer");
        } else if (decimals >= 0) {
            o.put("decimals", decimals);
        }
    }

    /**
     * Writes the parameters of {@code type} ({@code normal} or {@code lognormal}) fitted to {@code rest} (moments
     * {@code m}) into {@code o}, and gives the fitted distribution's cumulative probability.
     */
    private static java.util.function.DoubleUnaryOperator fit(double[] rest, String type, double[] m, ObjectNode o) {
        o.put("type", type);
        if (type.equals("lognormal")) {
            double lm = 0;
            for (double x : rest) {
                lm += Math.log(x);
            }
            lm /= rest.length;
            double ls = 0;
            for (double x : rest) {
                ls += (Math.log(x) - lm) * (Math.log(x) - lm);
            }
            double mu = round(lm, 4);
            double sigma = round(Math.max(1e-6, Math.sqrt(ls / rest.length)), 4);
            o.put("mu", mu);
            o.put("sigma", sigma);
            return x -> x <= 0 ? 0 : Normal.cdf((Math.log(x) - mu) / sigma);
        }
        double mean = round(m[MEAN], 4);
        double rounded = round(m[SD], 4);
        double sd = rounded > 0 ? rounded : m[SD];   // a spread too small for four decimals is written in full
        o.put("mean", mean);
        o.put("sd", sd);
        return x -> Normal.cdf((x - mean) / sd);
    }

    /** Writes the spikes' shares ({@link #spikeShares}) into {@code o}; false, writing nothing, when none is left. */
    private static boolean putSpikes(ObjectNode o, Map<Double, Integer> spikes, int n,
                                  java.util.function.DoubleUnaryOperator restCdf, double min, double max, double step,
                                  boolean integer) {
        Map<Double, Double> shares = spikeShares(spikes, n, restCdf, min, max, step);
        if (shares.isEmpty()) {
            return false;
        }
        ObjectNode field = o.putObject(Spikes.FIELD);
        shares.forEach((x, share) -> field.put(integer ? Long.toString((long) (double) x) : CellText.number(x), share));
        return true;
    }

    /**
     * The fields a {@code when} variant changes to give a group of rows its own distribution: {@code column}'s type
     * (normal, log-normal or Poisson) fitted to the group's present values {@code v}, and the group's shares of the
     * column's spikes ({@code "spikes": null} where the group has none); null when the group has too few distinct
     * values to fit. The range, decimals and kind stay the column's.
     */
    static ObjectNode numericVariant(double[] v, ObjectNode column) {
        String type = column.path("type").asText();
        ObjectNode o = NODES.objectNode();
        if (v.length == 0) {
            return null;
        }
        if (type.equals("poisson")) {
            double mean = moments(v)[MEAN];
            if (!(mean > 0)) {
                return null;
            }
            o.put("lambda", round(mean, 4));
            return o;
        }
        if (!type.equals("normal") && !type.equals("lognormal")) {
            return null;
        }
        boolean integer = column.path("kind").asText().equals("integer");
        Set<Double> spikeValues = new java.util.TreeSet<>();
        column.path(Spikes.FIELD).fieldNames().forEachRemaining(k -> spikeValues.add(Double.parseDouble(k)));
        double[] rest = java.util.Arrays.stream(v).filter(x -> !spikeValues.contains(x == 0 ? 0.0 : x)).toArray();
        if (java.util.Arrays.stream(rest).distinct().limit(2).count() < 2
                || type.equals("lognormal") && java.util.Arrays.stream(rest).anyMatch(x -> x <= 0)) {
            return null;
        }
        ObjectNode fitted = NODES.objectNode();
        java.util.function.DoubleUnaryOperator restCdf = fit(rest, type, moments(rest), fitted);
        fitted.remove("type");
        o.setAll(fitted);
        if (!spikeValues.isEmpty()) {
            Map<Double, Integer> counts = new java.util.TreeMap<>();
            for (double x : v) {
                if (spikeValues.contains(x == 0 ? 0.0 : x)) {
                    counts.merge(x == 0 ? 0.0 : x, 1, Integer::sum);
                }
            }
            int decimals = column.path("decimals").asInt(integer ? 0 : -1);
            if (!putSpikes(o, counts, v.length, restCdf, column.path("min").asDouble(), column.path("max").asDouble(),
                    decimals < 0 ? 0 : Math.pow(10, -decimals), integer)) {
                o.putNull(Spikes.FIELD);
            }
        }
        return o;
    }

    /**
     * The share each spike needs in the spec so that, with what the rest's distribution rounds onto the same
     * value ({@code step} apart, 1 for whole numbers; 0 when not rounded), the column gets its real share:
     * real = spike + (1 - all spikes) * rest's probability of the value. Rounded down, so that they never add up
     * to more than 1.
     */
    private static Map<Double, Double> spikeShares(Map<Double, Integer> spikes, int n,
                                                   java.util.function.DoubleUnaryOperator restCdf, double min,
                                                   double max, double step) {
        double mass = restCdf.applyAsDouble(max) - restCdf.applyAsDouble(min);
        Map<Double, Double> onValue = new LinkedHashMap<>();
        double realTotal = 0;
        double restTotal = 0;
        for (Map.Entry<Double, Integer> e : spikes.entrySet()) {
            double x = e.getKey();
            double q = step == 0 || !(mass > 0) ? 0 : (restCdf.applyAsDouble(Math.min(max, x + step / 2))
                    - restCdf.applyAsDouble(Math.max(min, x - step / 2))) / mass;
            onValue.put(x, q);
            realTotal += e.getValue() / (double) n;
            restTotal += q;
        }
        double spikesTotal = restTotal >= 1 ? realTotal : Math.max(0, (realTotal - restTotal) / (1 - restTotal));
        Map<Double, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<Double, Integer> e : spikes.entrySet()) {
            double share = e.getValue() / (double) n - (1 - spikesTotal) * onValue.get(e.getKey());
            double written = Math.floor(share * SHARE_SCALE) / SHARE_SCALE;
            if (written > 0) {
                shares.put(e.getKey(), written);
            }
        }
        return shares;
    }

    /** The values holding at least {@link #SPIKE_SHARE} of the column each, with their counts, in order. */
    private static Map<Double, Integer> spikes(double[] v) {
        Map<Double, Integer> counts = new HashMap<>();
        for (double x : v) {
            counts.merge(x == 0 ? 0.0 : x, 1, Integer::sum);   // -0.0 and 0.0 are one value
        }
        Map<Double, Integer> spikes = new java.util.TreeMap<>();
        counts.forEach((x, n) -> {
            if (n >= SPIKE_SHARE * v.length && n > 1) {
                spikes.put(x, n);
            }
        });
        return spikes;
    }

    /**
     * Mean, standard deviation and skewness; values beyond ±1e100 are scaled down first, so that sums and squares
     * stay finite, and values all within ±1e-100 are scaled up, so that squares do not vanish (a spread of 1e-301
     * read as none made a constant column).
     */
    private static double[] moments(double[] v) {
        double top = 0;
        for (double x : v) {
            top = Math.max(top, Math.abs(x));
        }
        double scale = top > LARGE || top > 0 && top < SMALL ? top : 1;
        double mean = 0;
        for (double x : v) {
            mean += x / scale;
        }
        mean /= v.length;
        double var = 0;
        double m3 = 0;
        for (double x : v) {
            var += (x / scale - mean) * (x / scale - mean);
            m3 += Math.pow(x / scale - mean, 3);
        }
        var /= v.length;
        double skew = var == 0 ? 0 : m3 / v.length / Math.pow(var, 1.5);
        return new double[] {mean * scale, Math.sqrt(var) * scale, skew};
    }

    private static void putNumber(ObjectNode o, String field, double v, boolean integer) {
        if (integer) {
            o.put(field, (long) v);
        } else {
            o.put(field, v);
        }
    }

    private static void temporal(Frame data, ColumnSpec c, ObjectNode o) {
        DateTimeColumn col = data.datetimes(c.name());
        LocalDateTime min = null;
        LocalDateTime max = null;
        for (int r = 0; r < col.size(); r++) {
            if (!col.isMissing(r)) {
                LocalDateTime t = col.get(r);
                min = min == null || t.isBefore(min) ? t : min;
                max = max == null || t.isAfter(max) ? t : max;
            }
        }
        String format = c.format() == null ? DateTimeFormats.ISO_DATE_TIME : c.format();
        boolean hasTime = DateTimeFormats.hasTime(format);
        o.put("type", hasTime ? "datetime" : "date");
        if (min == null) {
            min = LocalDateTime.of(2000, 1, 1, 0, 0);
            max = min;
        }
        o.put("min", hasTime ? min.toString().length() == 16 ? min + ":00" : min.toString() : min.toLocalDate().toString());
        o.put("max", hasTime ? max.toString().length() == 16 ? max + ":00" : max.toString() : max.toLocalDate().toString());
        o.put("format", format);
        Granularity granularity = Granularity.of(col);
        if (granularity != null && granularity.ordinal() < (hasTime ? Granularity.SECOND : Granularity.DAY).ordinal()) {
            o.put("granularity", granularity.jsonName());
        }
    }

    private static void categorical(Frame data, ColumnSpec c, ObjectNode o) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : data.strings(c.name())) {
            if (!s.isEmpty()) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        // values that fewer than minCount rows hold never get here (see newValues): the spec is meant to be read and
        // shared without the data
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        o.put("type", "categorical");
        ObjectNode values = o.putObject("values");
        sorted.stream().limit(MAX_CATEGORIES).forEach(e -> values.put(e.getKey(), e.getValue()));
        if (values.isEmpty()) {
            values.put("unknown", 1);
        }
        if (sorted.size() > MAX_CATEGORIES) {
            o.put("description", "the " + MAX_CATEGORIES + " most frequent of " + sorted.size() + " categories");
        }
    }

    /**
     * A categorical column with values fewer than {@code minCount} rows hold: the others with their row counts,
     * and new values in the rare ones' written form with theirs (type {@code shape}); no rare value is named.
     */
    private static void newValues(Frame data, RareValues.Column plan, int minCount, ObjectNode o) {
        Map<String, Integer> counts = new HashMap<>();
        for (String s : data.strings(plan.name())) {
            if (!s.isEmpty()) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        o.put("type", "shape");
        o.put("kind", ColumnKind.CATEGORICAL.jsonName());
        ObjectNode values = o.putObject("values");
        plan.kept().stream().limit(MAX_CATEGORIES).forEach(v -> values.put(v, counts.get(v)));
        o.put("newValues", plan.rareRows());
        o.set("shape", plan.shape().toJson());
        boolean one = plan.rareValues() == 1;
        o.put("description", plan.rareValues() + (one ? " value" : " values") + " that fewer than " + minCount
                + " rows hold left out; new values in " + (one ? "its" : "their") + " written form take "
                + (one ? "its " : "their ") + plan.rareRows() + (plan.rareRows() == 1 ? " row" : " rows"));
    }

    private static void text(Frame data, ColumnSpec c, ObjectNode o) {
        List<String> values = new ArrayList<>();
        for (String s : data.strings(c.name())) {
            if (!s.isEmpty()) {
                values.add(s);
            }
        }
        if (c.kind() == ColumnKind.FREE_TEXT) {
            BagOfWords bag = BagOfWords.learn(values);
            if (bag.size() > 0) {
                // new texts from the real vocabulary and lengths, no word that only one real text has
                o.put("type", "words");
                ObjectNode words = o.putObject("words");
                bag.wordShares().forEach((w, share) -> words.put(w, round(share, 6)));
                ObjectNode lengths = o.putObject("lengths");
                bag.lengthShares().forEach((len, share) -> lengths.put(Integer.toString(len), round(share, 4)));
                return;
            }
        }
        if (c.kind() == ColumnKind.IDENTIFIER && !values.isEmpty()) {
            String one = oneShape(values);
            if (one == null || one.contains("[0-9]")) {
                // numbered in the keys' common format, above every real key's number: no new key is a real one
                KeyFormat keys = KeyFormat.learn(c.name(), values);
                BigInteger first = keys.limit() == null ? keys.start() : keys.resume();
                if (keys.style().equals(KeyFormat.UUID) || first.bitLength() > MAX_START_BITS) {
                    o.put("type", "uuid");
                    return;
                }
                o.put("type", "sequence");
                // a spec's sequence has no second range: it numbers above every real key even where that widens them
                o.put("start", first.longValue());
                o.put("step", 1);
                o.put("format", keys.prefix().replace("%", "%%") + "%0" + Math.max(1, keys.width()) + "d"
                        + keys.suffix().replace("%", "%%"));
                return;
            }
        }
        o.put("type", "pattern");
        o.put("pattern", shape(values));
        o.put("kind", c.kind().jsonName());
    }

    /** A pattern by character class, e.g. {@code [A-Z]{2}[0-9]{6}} for keys of one shape, else a length range. */
    static String shape(List<String> values) {
        String shape = oneShape(values);
        if (shape != null) {
            return shape;
        }
        if (values.isEmpty()) {
            return "[a-z]{5}";
        }
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        for (int i = 0; i < values.size(); i += Math.max(1, values.size() / 5000)) {
            minLen = Math.min(minLen, values.get(i).length());
            maxLen = Math.max(maxLen, values.get(i).length());
        }
        return "[A-Za-z0-9 ]{" + minLen + "," + Math.min(maxLen, 200) + "}";
    }

    /** The character-class pattern all values (up to 5,000 of them, evenly spaced) share, or null. */
    private static String oneShape(List<String> values) {
        String shape = null;
        for (int i = 0; i < values.size(); i += Math.max(1, values.size() / 5000)) {
            String s = classes(values.get(i));
            if (s == null || shape != null && !shape.equals(s)) {
                return null;
            }
            shape = s;
        }
        return shape;
    }

    private static String classes(String v) {
        StringBuilder b = new StringBuilder();
        String prev = null;
        int run = 0;
        for (int i = 0; i <= v.length(); i++) {
            String cls = null;
            if (i < v.length()) {
                char ch = v.charAt(i);
                if (ch >= '0' && ch <= '9') {
                    cls = "[0-9]";
                } else if (ch >= 'A' && ch <= 'Z') {
                    cls = "[A-Z]";
                } else if (ch >= 'a' && ch <= 'z') {
                    cls = "[a-z]";
                } else if (" -_@./:".indexOf(ch) >= 0) {
                    cls = ch == ' ' ? " " : "\\" + ch;
                } else {
                    return null;
                }
            }
            if (cls != null && cls.equals(prev)) {
                run++;
                continue;
            }
            if (prev != null) {
                b.append(prev).append(run > 1 ? "{" + run + "}" : "");
            }
            prev = cls;
            run = 1;
        }
        return b.toString();
    }

    private static ArrayNode correlations(Frame data, List<String> names) {
        ArrayNode out = NODES.arrayNode();
        if (names.size() < 2) {
            return out;
        }
        int k = names.size();
        double[][] m = new double[k][k];
        boolean any = false;
        for (int i = 0; i < k; i++) {
            m[i][i] = 1;
            for (int j = 0; j < i; j++) {
                double rho = spearman(data, names.get(i), names.get(j));
                double r = Math.abs(rho) < 0.1 ? 0 : 2 * Math.sin(Math.PI * rho / 6);
                any |= r != 0;
                m[i][j] = round(r, 3);
                m[j][i] = m[i][j];
            }
        }
        if (!any) {
            return out;
        }
        for (int tries = 0; RulesSpec.cholesky(m) == null && tries < 50; tries++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    if (i != j) {
                        m[i][j] = round(m[i][j] * 0.9, 3);
                    }
                }
            }
        }
        ObjectNode block = out.addObject();
        ArrayNode cols = block.putArray("columns");
        names.forEach(cols::add);
        ArrayNode matrix = block.putArray("matrix");
        for (double[] row : m) {
            ArrayNode a = matrix.addArray();
            for (double x : row) {
                a.add(x);
            }
        }
        return out;
    }

    private static double spearman(Frame data, String a, String b) {
        int ia = data.schema().indexOf(a);
        int ib = data.schema().indexOf(b);
        List<double[]> pairs = new ArrayList<>();
        for (int r = 0; r < data.rowCount(); r++) {
            double x = data.number(ia, r);
            double y = data.number(ib, r);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                pairs.add(new double[] {x, y});
            }
        }
        if (pairs.size() < 3) {
            return 0;
        }
        double[] x = new double[pairs.size()];
        double[] y = new double[pairs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pairs.get(i)[0];
            y[i] = pairs.get(i)[1];
        }
        double rho = RankCorrelation.spearman(x, y);
        return Double.isNaN(rho) ? 0 : rho;
    }

    private static ArrayNode constraints(Frame data, Set<String> keys) {
        ArrayNode out = NODES.arrayNode();
        List<ColumnSpec> cols = data.schema().columns();
        // inequalities between ordered columns of one family whose ranges overlap (so the order is not trivial)
        for (ColumnSpec a : cols) {
            for (ColumnSpec b : cols) {
                if (a == b || !ordered(a.kind()) || !ordered(b.kind())
                        || (a.kind() == ColumnKind.DATETIME) != (b.kind() == ColumnKind.DATETIME)) {
                    continue;
                }
                int ia = data.schema().indexOf(a.name());
                int ib = data.schema().indexOf(b.name());
                int both = 0;
                boolean le = true;
                boolean lt = true;
                double maxA = Double.NEGATIVE_INFINITY;
                double minB = Double.POSITIVE_INFINITY;
                for (int r = 0; r < data.rowCount() && le; r++) {
                    double x = data.number(ia, r);
                    double y = data.number(ib, r);
                    if (Double.isNaN(x) || Double.isNaN(y)) {
                        continue;
                    }
                    both++;
                    le = x <= y;
                    lt &= x < y;
                    maxA = Math.max(maxA, x);
                    minB = Math.min(minB, y);
                }
                boolean identical = le && !lt && equalAll(data, ia, ib);
                if (le && both >= 10 && maxA > minB && !(identical && a.name().compareTo(b.name()) > 0)) {
                    ObjectNode c = out.addObject();
                    c.put("type", "inequality");
                    c.put("low", a.name());
                    c.put("high", b.name());
                    c.put("strict", lt);
                }
            }
        }
        for (String k : keys) {
            Set<String> seen = new HashSet<>();
            boolean unique = true;
            for (String s : data.strings(k)) {
                unique &= s.isEmpty() || seen.add(s);
            }
            if (unique && data.rowCount() > 1) {
                out.addObject().put("type", "unique").put("column", k);
            }
        }
        return out;
    }

    /**
     * Where one category-like column determines another (education and education-num), the second becomes an
     * expression that looks its value up from the first, so generated rows keep the real combinations.
     */
    private static void derive(Frame data, ArrayNode columns, List<String> quantiled, Set<String> newValues) {
        List<ColumnSpec> cols = data.schema().columns();
        Set<String> derived = new HashSet<>();
        for (ColumnSpec a : cols) {
            for (ColumnSpec b : cols) {
                // a column with new values in place of rare ones would need its rare values in the lookup
                if (a == b || derived.contains(a.name()) || derived.contains(b.name()) || newValues.contains(a.name())
                        || newValues.contains(b.name()) || !categoryLike(data, a)
                        || !categoryLike(data, b) || !determines(data, a.name(), b.name())) {
                    continue;
                }
                boolean both = determines(data, b.name(), a.name());
                if (both && a.kind() != ColumnKind.CATEGORICAL && b.kind() == ColumnKind.CATEGORICAL) {
                    continue;   // derive the other way round: the categorical column is the source
                }
                if (both && a.kind() == b.kind() && a.name().compareTo(b.name()) > 0) {
                    continue;
                }
                int ia = data.schema().indexOf(a.name());
                int ib = data.schema().indexOf(b.name());
                // a missing key is a key of its own, and a missing value a value of its own (null)
                Map<String, String> map = new LinkedHashMap<>();
                String whenMissing = null;
                boolean missingKeys = false;
                for (int r = 0; r < data.rowCount(); r++) {
                    String value = data.isMissing(ib, r) ? "null" : literal(b.kind(), CellText.of(data, ib, r));
                    if (data.isMissing(ia, r)) {
                        missingKeys = true;
                        whenMissing = value;
                    } else {
                        map.putIfAbsent(key(a.kind(), CellText.of(data, ia, r)), value);
                    }
                }
                if (!generatesOnlyKnownKeys(data, a, columnNamed(columns, a.name()))) {
                    continue;   // a key the real data lacks would need a value made up for it
                }
                StringBuilder lookup = new StringBuilder("{");
                map.forEach((k, v) -> lookup.append(lookup.length() > 1 ? ", " : "").append(k).append(": ").append(v));
                lookup.append("}[").append(Expression.reference(a.name())).append("]");
                String expr = missingKeys
                        ? Expression.reference(a.name()) + " == null ? " + whenMissing + " : " + lookup : lookup.toString();
                ObjectNode col = NODES.objectNode();
                col.put("name", b.name());
                col.put("type", "expression");
                col.put("expr", expr);
                col.put("kind", b.kind().jsonName());
                col.put("description", "determined by " + a.name() + " in the real data");
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).path("name").asText().equals(b.name())) {
                        columns.set(i, col);
                    }
                }
                derived.add(b.name());
                quantiled.remove(b.name());
            }
        }
    }

    /**
     * True if the drafted {@code column} of {@code a} makes only values the real data has, so that a lookup from it
     * needs no fallback: a category or boolean always; a whole number where its drafted range is bounded and every
     * whole number in it occurs in the real data.
     */
    private static boolean generatesOnlyKnownKeys(Frame data, ColumnSpec a, JsonNode column) {
        if (a.kind() != ColumnKind.INTEGER || column.path("type").asText().equals("categorical")) {
            return true;
        }
        if (!column.path("min").isNumber() || !column.path("max").isNumber()) {
            return false;
        }
        long min = column.path("min").asLong();
        long max = column.path("max").asLong();
        Set<Long> seen = new HashSet<>();
        int index = data.schema().indexOf(a.name());
        for (int r = 0; r < data.rowCount(); r++) {
            if (!data.isMissing(index, r)) {
                seen.add((long) data.number(index, r));
            }
        }
        if (max - min + 1 > seen.size()) {
            return false;
        }
        for (long k = min; k <= max; k++) {
            if (!seen.contains(k)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode columnNamed(ArrayNode columns, String name) {
        for (JsonNode c : columns) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return NODES.missingNode();
    }

    /**
     * A lookup key as the looked-up column's values are: whole numbers are longs ({@code 7L}; JEXL reads
     * {@code 7} as an int, which no long equals), booleans bare, anything else a string.
     */
    private static String key(ColumnKind kind, String text) {
        return kind == ColumnKind.INTEGER ? text + "L" : literal(kind, text);
    }

    private static String literal(ColumnKind kind, String text) {
        return kind == ColumnKind.INTEGER || kind == ColumnKind.BOOLEAN ? text : Expression.quote(text);
    }

    private static boolean equalAll(Frame data, int a, int b) {
        for (int r = 0; r < data.rowCount(); r++) {
            if (data.number(a, r) != data.number(b, r)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ordered(ColumnKind k) {
        return k == ColumnKind.CONTINUOUS || k == ColumnKind.INTEGER || k == ColumnKind.DATETIME;
    }

    private static boolean categoryLike(Frame data, ColumnSpec c) {
        if (c.kind() != ColumnKind.CATEGORICAL && c.kind() != ColumnKind.INTEGER && c.kind() != ColumnKind.BOOLEAN) {
            return false;
        }
        int distinct = data.column(c.name()).countUnique();
        return distinct >= 2 && distinct <= 100;
    }

    /** True if every value of {@code a} goes with one value of {@code b}, and {@code b} has several values. */
    private static boolean determines(Frame data, String a, String b) {
        int ia = data.schema().indexOf(a);
        int ib = data.schema().indexOf(b);
        Map<String, String> seen = new HashMap<>();
        Set<String> bs = new HashSet<>();
        for (int r = 0; r < data.rowCount(); r++) {
            String x = data.isMissing(ia, r) ? "" : CellText.of(data, ia, r);
            String y = data.isMissing(ib, r) ? "" : CellText.of(data, ib, r);
            bs.add(y);
            String prev = seen.putIfAbsent(x, y);
            if (prev != null && !prev.equals(y)) {
                return false;
            }
        }
        return bs.size() >= 2 && seen.size() > bs.size() - 1 && data.rowCount() >= 2 * seen.size();
    }

    /**
     * The value to so many decimals; a value that those decimals would round to zero keeps six significant
     * digits instead (a mean of 3e-301 is not 0).
     */
    private static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        // beyond 1e15 a double has no decimals to drop (and rounding through a long would clip it); NaN stays 0
        double rounded = Double.isFinite(v) && Math.abs(v * s) >= 1e15 ? v : Math.round(v * s) / s;
        if (rounded == 0 && v != 0 && Double.isFinite(v)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(SIGNIFICANT_DIGITS)).doubleValue();
        }
        return rounded;
    }
}
