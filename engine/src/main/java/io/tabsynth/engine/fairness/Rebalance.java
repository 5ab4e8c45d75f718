package io.tabsynth.engine.fairness;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A representation target for sampling: every group of a column the same share of rows ({@code --rebalance sex}),
 * or stated shares for some groups ({@code --rebalance "sex=' Female':0.5"}), the groups not named sharing what is
 * left in the proportions the model learned.
 *
 * @param column the column whose groups are rebalanced
 * @param shares group value to its share of rows; empty for equal shares
 */
public record Rebalance(String column, Map<String, Double> shares) {
    /** Shares in messages are rounded to this many parts of one, so that 0.7 + 0.6 reads 1.3. */
    private static final double SHARE_DIGITS = 1e9;

    public Rebalance {
        shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        double sum = 0;
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            double s = e.getValue();
            if (!(s >= 0 && s <= 1)) {
                throw new BadInputException("--rebalance " + column + ": the share of '" + e.getKey() + "' is "
                        + CellText.number(s) + "; a share is between 0 and 1");
            }
            sum += s;
        }
        if (sum > 1 + 1e-9) {
            throw new BadInputException("--rebalance " + column + ": the stated shares add up to " + CellText.number(Math.round(sum * SHARE_DIGITS) / SHARE_DIGITS)
                    + ", more than 1");
        }
    }

    /** Equal shares for every group of the column. */
    public boolean equalShares() {
        return shares.isEmpty();
    }

    /**
     * Parses {@code COLUMN} (equal shares) or {@code COLUMN=VALUE:SHARE[,VALUE:SHARE...]}, a value optionally in quotes
     * (a value with a colon is split at its last colon).
     */
    public static Rebalance parse(String text) {
        int at = OptionText.valueStart(text);
        if (at < 0) {
            if (text.isBlank() || text.contains("=")) {
                throw new BadInputException("--rebalance takes COLUMN or COLUMN=VALUE:SHARE[,VALUE:SHARE], not '" + text + "'");
            }
            return new Rebalance(text.trim(), Map.of());
        }
        String column = text.substring(0, at - 1).trim();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : splitOutsideQuotes(text.substring(at))) {
            int colon = part.lastIndexOf(':');
            if (colon < 0) {
                throw new BadInputException("--rebalance " + column + ": '" + part + "' must be VALUE:SHARE, e.g. '"
                        + "Female':0.5");
            }
            String value = valueText(part.substring(0, colon));
            try {
                shares.put(value, Double.parseDouble(part.substring(colon + 1).trim()));
            } catch (NumberFormatException e) {
                throw new BadInputException("--rebalance " + column + ": the share '" + part.substring(colon + 1)
                        + "' of '" + value + "' is not a number");
            }
        }
        return new Rebalance(column, shares);
    }

    /** The shares as words, for lineage and messages: {@code equal} or {@code ' Female':0.5}. */
    public String words() {
        if (shares.isEmpty()) {
            return "equal";
        }
        StringBuilder b = new StringBuilder();
        shares.forEach((v, s) -> b.append(b.length() == 0 ? "" : ",").append('\'').append(v).append("':")
                .append(CellText.number(s)));
        return b.toString();
    }

    /** Splits at commas that are not inside quotes. */
    private static java.util.List<String> splitOutsideQuotes(String text) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (quote == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** A quoted value is what is inside its quotes, spaces included; an unquoted one is taken as written. */
    private static String valueText(String value) {
        String s = value.strip();
        return s.startsWith("'") || s.startsWith("\"") ? OptionText.unquote(s) : value;
    }
}
