package io.tabsynth.engine.fairness;

/**
 * Values as written in fairness and rebalancing options: a value may be wrapped in single or double quotes so that
 * it can keep leading spaces ({@code positive=' >50K'}); the quotes are not part of it.
 */
final class OptionText {
    private OptionText() {
    }

    /** The value without one pair of enclosing quotes, if it has them. */
    static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            char last = text.charAt(text.length() - 1);
            if ((first == '\'' || first == '"') && last == first) {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }

    /** Where the value part of {@code key=value} begins, or -1 when there is no {@code =} after a key. */
    static int valueStart(String text) {
        int eq = text.indexOf('=');
        return eq <= 0 ? -1 : eq + 1;
    }
}
