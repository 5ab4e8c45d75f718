package io.tabsynth.spi.data;

import io.tabsynth.engine.data.infer.Placeholders;
import io.tabsynth.engine.data.infer.SchemaInference;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * Numbers written with a currency or percent sign and thousands separators, such as {@code $1,234.50},
 * {@code 12.5%} or {@code 1,234,567}. A number column's format is a {@link DecimalFormat} pattern read with
 * {@link Locale#ROOT} symbols ({@code '$'#,##0.00}); signs are quoted, so {@code '%'} is a literal suffix
 * and {@code 12.5%} is the number 12.5. Inference finds the pattern that every value of a column shares:
 * the same prefix and suffix of at most three symbols (no letters or digits), commas between groups of
 * three digits, and the number of decimals: exactly that many when every value has the same, otherwise up to
 * the most any value has. Reading accepts the plain number as well, so a file written without the format
 * reads back.
 */
public final class NumberText {
    private static final int MAX_AFFIX = 3;

    private NumberText() {
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
            Parts p = Parts.of(cell.trim());
            if (p == null) {
                if (!placeholders.add(cell)) {
                    return null;
                }
                continue;
            }
            if (prefix == null) {
                prefix = p.prefix;
                suffix = p.suffix;
            } else if (!prefix.equals(p.prefix) || !suffix.equals(p.suffix)) {
                return null;
            }
            grouped |= p.grouped;
            allWhole &= p.decimals == 0;
            decimals = decimals == -2 ? p.decimals : decimals == p.decimals ? decimals : -1;
            mostDecimals = Math.max(mostDecimals, p.decimals);
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
            if (dot < 0 || !Parts.digits(t.substring(dot + 1)) || t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
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

    /** How cells written in one pattern are read: its prefix and suffix. */
    public static final class Reader {
        private final String prefix;
        private final String suffix;

        /** A reader for the pattern; an {@link IllegalArgumentException} if it is not a DecimalFormat pattern. */
        public Reader(String pattern) {
            DecimalFormat f = formatter(pattern);
            this.prefix = f.getPositivePrefix();
            this.suffix = f.getPositiveSuffix();
        }

        /** The plain number a cell holds in the pattern (or as a plain number), or {@code null} if it holds none. */
        public String plain(String text) {
            String t = text.trim();
            if (SchemaInference.isNumber(t)) {
                return t;
            }
            Parts p = Parts.of(t);
            return p != null && p.prefix.equals(prefix) && p.suffix.equals(suffix) ? p.number : null;
        }
    }

    /** True if the text is a {@link DecimalFormat} pattern. */
    public static boolean isPattern(String pattern) {
        try {
            formatter(pattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A new formatter for the pattern (DecimalFormat is not thread-safe: one per writer). */
    public static DecimalFormat formatter(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f;
    }

    private static void quote(StringBuilder b, String affix) {
        if (!affix.isEmpty()) {
            b.append('\'').append(affix.replace("'", "''")).append('\'');
        }
    }

    /** A cell split into sign-free prefix, plain number and suffix. */
    private static final class Parts {
        String prefix;
        String suffix;
        String number;
        boolean grouped;
        int decimals;

        static Parts of(String t) {
            boolean negative = t.startsWith("-");
            String s = negative ? t.substring(1) : t;
            int start = 0;
            while (start < s.length() && !Character.isDigit(s.charAt(start)) && s.charAt(start) != '-'
                    && s.charAt(start) != '.') {
                start++;
            }
            int end = s.length();
            while (end > start && !Character.isDigit(s.charAt(end - 1))) {
                end--;
            }
            Parts p = new Parts();
            p.prefix = s.substring(0, start);
            p.suffix = s.substring(end);
            if (!affix(p.prefix) || !affix(p.suffix)) {
                return null;
            }
            String middle = s.substring(start, end);
            if (middle.startsWith("-")) {
                if (negative) {
                    return null;
                }
                negative = true;
                middle = middle.substring(1);
            }
            int dot = middle.indexOf('.');
            String whole = dot < 0 ? middle : middle.substring(0, dot);
            String fraction = dot < 0 ? "" : middle.substring(dot + 1);
            if (whole.isEmpty() || !digits(fraction) || dot >= 0 && fraction.isEmpty()) {
                return null;
            }
            if (whole.indexOf(',') >= 0) {
                String[] groups = whole.split(",", -1);
                if (groups[0].isEmpty() || groups[0].length() > 3 || !digits(groups[0])) {
                    return null;
                }
                for (int i = 1; i < groups.length; i++) {
                    if (groups[i].length() != 3 || !digits(groups[i])) {
                        return null;
                    }
                }
                p.grouped = true;
                whole = whole.replace(",", "");
            } else if (!digits(whole)) {
                return null;
            }
            p.decimals = fraction.length();
            p.number = (negative ? "-" : "") + whole + (fraction.isEmpty() ? "" : "." + fraction);
            return p;
        }

        private static boolean affix(String a) {
            if (a.length() > MAX_AFFIX) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                char ch = a.charAt(i);
                if (Character.isLetterOrDigit(ch) || ch == ',' || ch == '.' || ch == '-' || ch == '+') {
                    return false;
                }
            }
            return true;
        }

        private static boolean digits(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
