package io.tabsynth.engine.data.infer;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.NumberText;
import java.util.List;

/**
 * Infers the {@link NumberText} pattern a column of numbers is written in: the same prefix and suffix on every
 * value, commas between groups of three digits, and the number of decimals (exactly that many when every value
 * has the same, otherwise up to the most any value has).
 */
final class NumberPatterns {
    private NumberPatterns() {
    }

    /**
     * An integer or continuous spec with the pattern every non-missing cell is written in (and the
     * {@link Placeholders placeholders} among them as its missing values), or {@code null} when the cells are
     * plain numbers, share no pattern, or are not numbers at all.
     */
    static ColumnSpec infer(String name, List<String> cells, MissingValues missing) {
        Placeholders placeholders = new Placeholders();
        String prefix = null;
        String suffix = null;
        boolean grouped = false;
        int decimals = -2; // -2 none seen yet, -1 varying
        int mostDecimals = 0;
        boolean allWhole = true;
        for (String cell : cells) {
            if (missing.isMissing(cell) || placeholders.seen(cell)) {
                continue;
            }
            NumberText.Parts p = NumberText.Parts.of(cell.trim());
            if (p == null) {
                if (!placeholders.add(cell)) {
                    return null;
                }
                continue;
            }
            if (prefix == null) {
                prefix = p.prefix();
                suffix = p.suffix();
            } else if (!prefix.equals(p.prefix()) || !suffix.equals(p.suffix())) {
                return null;
            }
            grouped |= p.grouped();
            allWhole &= p.decimals() == 0;
            decimals = decimals == -2 ? p.decimals() : decimals == p.decimals() ? decimals : -1;
            mostDecimals = Math.max(mostDecimals, p.decimals());
        }
        if (prefix == null || prefix.isEmpty() && suffix.isEmpty() && !grouped) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        quote(b, prefix);
        b.append(grouped ? "#,##0" : "0");
        if (decimals > 0) {
            b.append('.').append("0".repeat(decimals));
        } else if (decimals == -1) {
            b.append('.').append("#".repeat(mostDecimals));
        }
        quote(b, suffix);
        return new ColumnSpec(name, allWhole ? ColumnKind.INTEGER : ColumnKind.CONTINUOUS, b.toString(),
                placeholders.texts());
    }

    /**
     * The pattern of plain numbers that all have the same number of decimals, at least one, where some value
     * shows a trailing zero ({@code 12.50}, {@code 3.00}: pattern {@code 0.00}), so that they are written back
     * with it; {@code null} otherwise, since a number without a trailing zero is already written as it was.
     */
    static String fixedDecimals(List<String> cells, MissingValues missing) {
        int decimals = -1;
        boolean trailingZero = false;
        for (String cell : cells) {
            if (missing.isMissing(cell)) {
                continue;
            }
            String t = cell.trim();
            int dot = t.indexOf('.');
            if (dot < 0 || !NumberText.Parts.digits(t.substring(dot + 1)) || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
                return null;
            }
            int d = t.length() - dot - 1;
            if (d == 0 || decimals >= 0 && d != decimals) {
                return null;
            }
            decimals = d;
            trailingZero |= t.charAt(t.length() - 1) == '0';
        }
        return trailingZero ? "0." + "0".repeat(decimals) : null;
    }

    private static void quote(StringBuilder b, String affix) {
        if (!affix.isEmpty()) {
            b.append('\'').append(affix.replace("'", "''")).append('\'');
        }
    }

}
