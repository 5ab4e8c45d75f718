package io.tabsynth.plugins.rules;

import io.tabsynth.plugins.rules.spec.SpecObject;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.Granularity;
import io.tabsynth.spi.data.WrittenForm;
import io.tabsynth.spi.stats.Normal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A column distribution given by its quantile function: a value for each {@code u} in (0, 1). Sampling
 * through quantiles lets independent columns use uniform {@code u} and correlated blocks share Gaussian
 * copula {@code u}s, with the same code. Values are {@code Double}, {@code Long}, {@code String},
 * {@code Boolean} or {@code LocalDateTime} by {@link #kind()}.
 */
public interface Distribution {
    /** The types a spec names, with the fields each reads. */
    Map<String, List<String>> TYPES = Map.ofEntries(
            Map.entry("normal", List.of("mean", "sd", "min", "max", "decimals", "kind", "format", Spikes.FIELD)),
            Map.entry("lognormal", List.of("mu", "sigma", "min", "max", "decimals", "kind", "format", Spikes.FIELD)),
            Map.entry("uniform", List.of("min", "max", "decimals", "kind", "format", Spikes.FIELD)),
            Map.entry("exponential", List.of("mean", "decimals", "kind", "format", Spikes.FIELD)),
            Map.entry("integer", List.of("min", "max", "format")),
            Map.entry("poisson", List.of("lambda", "format")),
            Map.entry("categorical", List.of("values")),
            Map.entry("boolean", List.of("p")),
            Map.entry("date", List.of("min", "max", "format", "granularity")),
            Map.entry("datetime", List.of("min", "max", "format", "granularity")),
            Map.entry("time", List.of("min", "max", "format")),
            Map.entry("constant", List.of("value", "kind", "format")));

    /** The value at quantile {@code u} in (0, 1). */
    Object at(double u);

    /** What it produces. */
    ColumnKind kind();

    /** The datetime format of its values, or {@code null} (a number column's format is the column's own). */
    default String format() {
        return null;
    }

    /** The smallest and largest values it can produce (for boundary edge cases), or {@code null} if unbounded. */
    default Object min() {
        return null;
    }

    default Object max() {
        return null;
    }

    /** Reads a distribution of one of the {@link #TYPES}. */
    static Distribution read(String type, SpecObject o) {
        switch (type) {
            case "normal": {
                double mean = o.number("mean");
                double sd = positive(o, "sd");
                return continuous(o, u -> mean + sd * Normal.quantile(u), x -> Normal.cdf((x - mean) / sd));
            }
            case "lognormal": {
                double mu = o.number("mu");
                double sigma = positive(o, "sigma");
                return continuous(o, u -> Math.exp(mu + sigma * Normal.quantile(u)),
                        x -> x <= 0 ? 0 : Normal.cdf((Math.log(x) - mu) / sigma));
            }
            case "uniform": {
                double min = o.number("min");
                double max = o.number("max");
                if (!(max > min)) {
                    throw o.error("max", "must be greater than min (" + min + ")");
                }
                // in halves and as a blend, so that a range as wide as -1e308 to 1e308 does not overflow
                double half = max / 2 - min / 2;
                return continuous(o, u -> min * (1 - u) + max * u, x -> (x / 2 - min / 2) / half);
            }
            case "exponential": {
                double mean = positive(o, "mean");
                return continuous(o, u -> -mean * Math.log1p(-u), x -> x <= 0 ? 0 : -Math.expm1(-x / mean));
            }
            case "integer": {
                long min = o.integer("min");
                long max = o.integer("max");
                if (max < min) {
                    throw o.error("max", "must not be less than min (" + min + ")");
                }
                return new Bounded(ColumnKind.INTEGER, u -> min + (long) Math.min(max - min, Math.floor(u * (max - min + 1.0))),
                        min, max, null);
            }
            case "poisson":
                return poisson(positive(o, "lambda"));
            case "categorical":
                return categorical(o);
            case "boolean": {
                double p = o.number("p", 0.5, 0, 1);
                return new Bounded(ColumnKind.BOOLEAN, u -> u < p, null, null, null);
            }
            case "date":
            case "datetime":
            case "time":
                return temporal(type, o);
            case "constant":
                return constant(o);
            default:
                throw new IllegalArgumentException(type);
        }
    }

    private static double positive(SpecObject o, String field) {
        double v = o.number(field);
        if (!(v > 0)) {
            throw o.error(field, "must be positive, found " + v);
        }
        return v;
    }

    /**
     * A continuous distribution, optionally truncated to [min, max] (by sampling its quantile function on
     * the matching probability range), rounded to {@code decimals}, or made whole with {@code kind: integer};
     * with {@link Spikes} it is the distribution of the values the spikes leave.
     */
    private static Distribution continuous(SpecObject o, java.util.function.DoubleUnaryOperator quantile,
                                           java.util.function.DoubleUnaryOperator cdf) {
        double lo = o.has("min") ? Math.max(0, cdf.applyAsDouble(o.number("min"))) : 0;
        double hi = o.has("max") ? Math.min(1, cdf.applyAsDouble(o.number("max"))) : 1;
        if (!(hi > lo)) {
            throw o.error("max", "leaves no probability between min and max");
        }
        int decimals = (int) o.integer("decimals", -1);
        ColumnKind kind = o.has("kind") ? ColumnKind.parse(o.text("kind")) : ColumnKind.CONTINUOUS;
        if (kind != ColumnKind.CONTINUOUS && kind != ColumnKind.INTEGER) {
            throw o.error("kind", "a numeric distribution makes continuous or integer values, not " + kind.jsonName());
        }
        Double min = o.has("min") ? o.number("min") : null;
        Double max = o.has("max") ? o.number("max") : null;
        java.util.function.DoubleFunction<Object> rest = u -> {
            double x = quantile.applyAsDouble(lo + (hi - lo) * u);
            if (min != null) {
                x = Math.max(min, x);
            }
            if (max != null) {
                x = Math.min(max, x);
            }
            if (kind == ColumnKind.INTEGER) {
                return Math.round(x);
            }
            return WrittenForm.round(x, decimals); // exact at any magnitude: a scaled 1e308 is no long
        };
        Spikes spikes = Spikes.read(o, kind, min, max);
        java.util.function.DoubleFunction<Object> f = spikes == null ? rest
                : spikes.over(rest, x -> (cdf.applyAsDouble(x) - lo) / (hi - lo), kind);
        return new Bounded(kind, f, bound(kind, min), bound(kind, max), null);
    }

    private static Object bound(ColumnKind kind, Double v) {
        return v == null ? null : kind == ColumnKind.INTEGER ? (Object) Math.round(v) : (Object) v;
    }

    private static Distribution poisson(double lambda) {
        // cumulative probabilities up to where the tail is negligible
        List<Double> cum = new ArrayList<>();
        double p = Math.exp(-lambda);
        double c = p;
        int k = 0;
        cum.add(c);
        while (c < 1 - 1e-12 && k < 10_000_000) {
            k++;
            p = k == 1 && lambda > 700 ? 0 : p * lambda / k;
            c += p;
            cum.add(c);
        }
        double[] table = cum.stream().mapToDouble(Double::doubleValue).toArray();
        return new Bounded(ColumnKind.INTEGER, u -> {
            int i = java.util.Arrays.binarySearch(table, u);
            return (long) (i >= 0 ? i : Math.min(-i - 1, table.length - 1));
        }, 0L, null, null);
    }

    private static Distribution categorical(SpecObject o) {
        var v = o.get("values");
        List<String> labels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (v != null && v.isObject()) {
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = v.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                    throw o.error("values", "the weight of '" + e.getKey() + "' must be a number >= 0");
                }
                labels.add(e.getKey());
                weights.add(e.getValue().asDouble());
            }
        } else if (v != null && v.isArray()) {
            for (var e : v) {
                labels.add(e.asText());
                weights.add(1.0);
            }
        } else {
            throw o.error("values", "expected {\"label\": weight, ...} or [\"label\", ...]");
        }
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        if (labels.isEmpty() || !(total > 0)) {
            throw o.error("values", "needs at least one label with a positive weight");
        }
        double[] cum = new double[labels.size()];
        double c = 0;
        for (int i = 0; i < cum.length; i++) {
            c += weights.get(i) / total;
            cum[i] = c;
        }
        cum[cum.length - 1] = 1.0;
        String[] names = labels.toArray(new String[0]);
        return new Bounded(ColumnKind.CATEGORICAL, u -> {
            int i = java.util.Arrays.binarySearch(cum, u);
            return names[i >= 0 ? i : Math.min(-i - 1, names.length - 1)];
        }, null, null, null);
    }

    private static Distribution temporal(String type, SpecObject o) {
        String format = o.text("format", type.equals("date") ? "yyyy-MM-dd"
                : type.equals("time") ? "HH:mm:ss" : DateTimeFormats.ISO_DATE_TIME);
        try {
            DateTimeFormats.formatter(format);
        } catch (IllegalArgumentException e) {
            throw o.error("format", "not a date-time pattern: " + e.getMessage());
        }
        long min = epochSeconds(type, o, "min");
        long max = epochSeconds(type, o, "max");
        if (max < min) {
            throw o.error("max", "must not be before min");
        }
        Granularity granularity = granularity(type, o, min, max);
        if (granularity != null) {
            LocalDateTime first = LocalDateTime.ofEpochSecond(min, 0, ZoneOffset.UTC);
            long units = granularity.unit().between(first, LocalDateTime.ofEpochSecond(max, 0, ZoneOffset.UTC));
            java.util.function.DoubleFunction<Object> f = u -> first.plus(Math.min(units, (long) Math.floor(u * (units + 1))),
                    granularity.unit());
            return new Bounded(ColumnKind.DATETIME, f, f.apply(0), f.apply(1 - 1e-16), format);
        }
        long step = type.equals("date") ? 86_400 : 1;
        long steps = (max - min) / step;
        java.util.function.DoubleFunction<Object> f = u -> LocalDateTime.ofEpochSecond(
                min + step * Math.min(steps, (long) Math.floor(u * (steps + 1))), 0, ZoneOffset.UTC);
        return new Bounded(ColumnKind.DATETIME, f, f.apply(0), f.apply(1 - 1e-16), format);
    }

    /**
     * The optional {@code granularity} of a date or datetime column ({@code year}, {@code month}, ...): values are
     * drawn uniformly among the whole units from min to max, which must fall on whole units; {@code null} if none.
     */
    private static Granularity granularity(String type, SpecObject o, long min, long max) {
        if (!o.has("granularity")) {
            return null;
        }
        Granularity g;
        try {
            g = Granularity.parse(o.text("granularity"));
        } catch (IllegalArgumentException e) {
            throw o.error("granularity", e.getMessage());
        }
        for (String field : List.of("min", "max")) {
            LocalDateTime v = LocalDateTime.ofEpochSecond(field.equals("min") ? min : max, 0, ZoneOffset.UTC);
            if (!g.holds(v)) {
                throw o.error(field, "'" + o.scalar(field) + "' is not a whole " + g.jsonName() + " (granularity '"
                        + g.jsonName() + "')");
            }
        }
        return g;
    }

    /** A date, date-time or time field as seconds since the epoch (times on 1970-01-01). */
    static long epochSeconds(String type, SpecObject o, String field) {
        String text = o.scalar(field);
        try {
            switch (type) {
                case "date":
                    return LocalDate.parse(text).toEpochDay() * 86_400;
                case "time":
                    return LocalTime.parse(text).toSecondOfDay();
                default:
                    return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw o.error(field, "'" + text + "' is not a " + type + " (write " + (type.equals("date") ? "2024-01-31"
                    : type.equals("time") ? "13:45 or 13:45:30" : "2024-01-31T13:45:30") + ")");
        }
    }

    private static Distribution constant(SpecObject o) {
        ColumnKind kind = o.has("kind") ? ColumnKind.parse(o.text("kind")) : null;
        var v = o.get("value");
        if (v == null) {
            throw o.error("missing field 'value'");
        }
        Object value;
        if (kind == null) {
            kind = v.isIntegralNumber() ? ColumnKind.INTEGER : v.isNumber() ? ColumnKind.CONTINUOUS
                    : v.isBoolean() ? ColumnKind.BOOLEAN : ColumnKind.CATEGORICAL;
        }
        switch (kind) {
            case INTEGER:
                value = v.asLong();
                break;
            case CONTINUOUS:
                value = v.asDouble();
                break;
            case BOOLEAN:
                value = v.asBoolean();
                break;
            case DATETIME:
                throw o.error("kind", "a constant date is a 'date' column with min equal to max");
            default:
                value = v.asText();
        }
        Object fixed = value;
        return new Bounded(kind, u -> fixed, fixed, fixed, null);
    }

    /** A distribution from a quantile function, with its kind, bounds and format. */
    record Bounded(ColumnKind kind, java.util.function.DoubleFunction<Object> quantile, Object min, Object max,
                   String format) implements Distribution {
        @Override
        public Object at(double u) {
            return quantile.apply(u);
        }
    }

    /** Field names every column may have besides its type's. */
    Set<String> COMMON = Set.of("name", "type", "nullRate", "when", "description");
}
