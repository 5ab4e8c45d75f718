package io.tabsynth.plugins.rules.constraint;

import java.util.List;
import java.util.Optional;

/**
 * The two sides of an expression that is one equation, {@code left == right}, found in its text: exactly one
 * {@code ==} outside quotes, brackets and parentheses, and nothing else at that level that would make the
 * whole something other than an equation (another comparison, {@code &&}, {@code ||}, a conditional).
 */
record Equation(String left, String right) {
    /** Operators that, outside brackets, make an expression more than one equation. */
    private static final List<String> OTHER_OPERATORS = List.of("&&", "||", "!=", "<", ">", "?", ";", "=~", "!~");
    /** Word operators of JEXL with the same effect. */
    private static final java.util.regex.Pattern OTHER_WORDS =
            java.util.regex.Pattern.compile("\\b(and|or|not|eq|ne|lt|le|gt|ge)\\b");

    /** The equation {@code text} is, or empty when it is not exactly one. */
    static Optional<Equation> of(String text) {
        StringBuilder top = new StringBuilder(); // the text at depth 0, quoted parts and brackets blanked
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                    top.append("  ");
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                top.append(' ');
            } else if (c == '\'' || c == '"') {
                quote = c;
                top.append(' ');
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                top.append(' ');
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                top.append(' ');
            } else {
                top.append(depth == 0 ? c : ' ');
            }
        }
        String flat = top.toString();
        int at = flat.indexOf("==");
        if (at < 0 || flat.indexOf("==", at + 2) >= 0) {
            return Optional.empty();
        }
        String rest = flat.substring(0, at) + "  " + flat.substring(at + 2);
        for (String op : OTHER_OPERATORS) {
            if (rest.contains(op)) {
                return Optional.empty();
            }
        }
        if (OTHER_WORDS.matcher(rest).find() || rest.contains("=")) {
            return Optional.empty();
        }
        String left = text.substring(0, at).trim();
        String right = text.substring(at + 2).trim();
        return left.isEmpty() || right.isEmpty() ? Optional.empty() : Optional.of(new Equation(left, right));
    }
}
