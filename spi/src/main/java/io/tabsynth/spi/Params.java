package io.tabsynth.spi;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generator's parameter values, resolved against its {@link ParamSpec}s: every declared parameter has a
 * typed value (given or default), and nothing undeclared is accepted. Immutable.
 */
public final class Params {
    /** What a generator's values are called in messages. */
    public static final String PARAMETER = "parameter";
    /** What an evaluator's values are called in messages. */
    public static final String OPTION = "option";

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves given text values against the specs. An unknown name, an unreadable value or one out of range
     * is a {@link BadInputException} that names the parameter and the owner (e.g. the generator id).
     */
    public static Params resolve(String owner, List<ParamSpec> specs, Map<String, String> given) {
        return resolve(owner, PARAMETER, specs, given);
    }

    /**
     * As {@link #resolve(String, List, Map)}, calling each value a {@code noun} in messages ({@code parameter} for a
     * generator's, {@code option} for an evaluator's).
     */
    public static Params resolve(String owner, String noun, List<ParamSpec> specs, Map<String, String> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                StringBuilder known = new StringBuilder();
                specs.forEach(s -> known.append(known.length() == 0 ? "" : ", ").append(s.name()));
                throw new BadInputException(owner + " has no " + noun + " '" + name + "'"
                        + Suggestion.didYouMean(name, specs.stream().map(ParamSpec::name).toList()) + " (" + noun
                        + "s: " + (known.length() == 0 ? "none" : known) + ")");
            }
        }
        for (ParamSpec s : specs) {
            String text = given.getOrDefault(s.name(), s.defaultValue());
            values.put(s.name(), parse(owner + " " + noun + " '" + s.name() + "'", s, text));
        }
        return new Params(values);
    }

    private static Object parse(String where, ParamSpec s, String text) {
        String t = text.trim();
        switch (s.type()) {
            case INT: {
                long v;
                try {
                    v = Long.parseLong(t.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new BadInputException(where + ": '" + text + "' is not a whole number");
                }
                if (v < s.min() || v > s.max()) {
                    throw new BadInputException(where + ": " + v + " is outside [" + (long) s.min() + ", "
                            + (long) s.max() + "]");
                }
                return v;
            }
            case DOUBLE: {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new BadInputException(where + ": '" + text + "' is not a number");
                }
                if (!(v >= s.min() && v <= s.max())) {
                    throw new BadInputException(where + ": " + v + " is outside [" + s.min() + ", " + s.max() + "]");
                }
                return v;
            }
            case BOOLEAN:
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new BadInputException(where + ": '" + text + "' is not true or false");
            case CHOICE:
                if (!s.choices().contains(t)) {
                    throw new BadInputException(where + ": '" + text + "' is not one of " + s.choices());
                }
                return t;
            default:
                return text;
        }
    }

    public long getLong(String name) {
        return (Long) get(name);
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return (Double) get(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    /** All values, defaults included, in declaration order: what lineage and model files record. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The values as text, as they would be given on the command line. */
    public Map<String, String> asText() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
