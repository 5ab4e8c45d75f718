package io.tabsynth.spi.data;

import java.util.Locale;

/**
 * The plain forms a cell's text takes for the number and boolean kinds: what kind inference recognises, what
 * reading a number or boolean column accepts, and what a {@link NumberText} format falls back to.
 */
public final class PlainText {
    private PlainText() {
    }

    /** True for {@code true} or {@code false}, in any case. */
    public static boolean isBoolean(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        return l.equals("true") || l.equals("false");
    }

    /** True for an optional sign followed by 1 to 18 digits (always fits in a long). */
    public static boolean isLong(String t) {
        int n = t.length();
        int i = n > 0 && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        if (i == n || n - i > 18) {
            return false;
        }
        for (; i < n; i++) {
            char ch = t.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** True for a plain decimal number: sign, digits, optional fraction, optional exponent. No NaN/Infinity. */
    public static boolean isNumber(String t) {
        int n = t.length();
        int i = 0;
        if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && Character.isDigit(t.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }
}
