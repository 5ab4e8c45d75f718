package io.tabsynth.spi.data;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers written with a currency or percent sign and thousands separators, such as {@code $1,234.50},
 * {@code 12.5%} or {@code 1,234,567}. A number column's format is a {@link DecimalFormat} pattern read with
 * {@link Locale#ROOT} symbols ({@code '$'#,##0.00}); signs are quoted, so {@code '%'} is a literal suffix
 * and {@code 12.5%} is the number 12.5. Inference finds the pattern that every value of a column shares:
 * the same prefix and suffix of at most three symbols (no letters or digits), commas between groups of
 * three digits, and the number of decimals: exactly that many when every value has the same, otherwise up to
 * the most any value has (the engine's inference does this, with these {@link Parts}). Reading accepts the plain number as well, so a file written without the format
 * reads back.
 */
public final class NumberText {
    private static final int MAX_AFFIX = 3;

    private NumberText() {
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
            if (PlainText.isNumber(t)) {
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

    /** A cell split into sign-free prefix, plain number and suffix. */
    public static final class Parts {
        private String prefix;
        private String suffix;
        private String number;
        private boolean grouped;
        private int decimals;

        private Parts() {
        }

        /** The affix before the number (at most three symbols, no letters or digits). */
        public String prefix() {
            return prefix;
        }

        /** The affix after the number. */
        public String suffix() {
            return suffix;
        }

        /** The plain number: sign, digits without group separators, fraction. */
        public String number() {
            return number;
        }

        /** Whether the whole part has commas between groups of three digits. */
        public boolean grouped() {
            return grouped;
        }

        /** How many digits the fraction has. */
        public int decimals() {
            return decimals;
        }

        /** The parts of a cell's text, or {@code null} when it is not a number between affixes. */
        public static Parts of(String t) {
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

        /** Whether every character is an ASCII digit (true for the empty text). */
        public static boolean digits(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
