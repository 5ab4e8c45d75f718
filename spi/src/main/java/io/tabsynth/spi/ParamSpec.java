package io.tabsynth.spi;

import java.util.List;
import java.util.Objects;

/**
 * One parameter a generator accepts, or one option an evaluator reads: name, type, default (as text) and a line of documentation; for
 * choices the allowed values, for numbers an inclusive range.
 *
 * @param name         parameter name, as given to {@code --param name=value}
 * @param type         how the value is read
 * @param defaultValue default, as text
 * @param doc          one line for people
 * @param choices      allowed values for {@link Type#CHOICE}; empty otherwise
 * @param min          smallest allowed number (inclusive) for numeric types
 * @param max          largest allowed number (inclusive) for numeric types
 */
public record ParamSpec(String name, Type type, String defaultValue, String doc, List<String> choices, double min,
                        double max) {
    /** Parameter value types. */
    public enum Type { INT, DOUBLE, BOOLEAN, STRING, CHOICE, FILE }

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(defaultValue);
        choices = List.copyOf(choices);
    }

    public static ParamSpec integer(String name, long defaultValue, long min, long max, String doc) {
        return new ParamSpec(name, Type.INT, Long.toString(defaultValue), doc, List.of(), min, max);
    }

    public static ParamSpec real(String name, double defaultValue, double min, double max, String doc) {
        return new ParamSpec(name, Type.DOUBLE, Double.toString(defaultValue), doc, List.of(), min, max);
    }

    public static ParamSpec bool(String name, boolean defaultValue, String doc) {
        return new ParamSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), doc, List.of(), 0, 0);
    }

    public static ParamSpec text(String name, String defaultValue, String doc) {
        return new ParamSpec(name, Type.STRING, defaultValue, doc, List.of(), 0, 0);
    }

    /**
     * A file the generator reads when fitting (e.g. a spec), empty by default. The engine checks that it
     * exists and records its digest as an input of the fit.
     */
    public static ParamSpec file(String name, String doc) {
        return new ParamSpec(name, Type.FILE, "", doc, List.of(), 0, 0);
    }

    public static ParamSpec choice(String name, String defaultValue, String doc, String... choices) {
        return new ParamSpec(name, Type.CHOICE, defaultValue, doc, List.of(choices), 0, 0);
    }

    /** A short form for listings, e.g. {@code knots:int=512}. */
    public String summary() {
        String t = type == Type.CHOICE ? String.join("|", choices) : type.name().toLowerCase();
        return name + ":" + t + "=" + defaultValue;
    }
}
