package io.tabsynth.engine.data.infer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells codes written in digits (zip codes, account and phone numbers, FIPS codes) from whole numbers. A code's
 * written form is part of its value: {@code 00501} is not the number 501, and a generator that treated it as one
 * would write {@code 501}. The values of a column are codes when
 * <ul>
 *   <li>any of them is a digit string with a leading zero ({@code 00501}, {@code 0412}; a lone {@code 0} is a
 *       number), or</li>
 *   <li>all of them are digit strings of one width, at least {@link #LEAST_CODE_WIDTH} digits, and the column's
 *       name says code: a word such as zip, postal, code, phone, account, iban, isbn, sku or fips
 *       ({@code zip} of {@code 90210}, {@code 94103}).</li>
 * </ul>
 * A width alone does not make codes: ages are all two digits, years all four, salaries often all five and
 * Unix times all ten, and each of them is a number; so are the keys of an {@code id} column numbered 1000 to 9999.
 */
final class DigitCodes {
    /** The least width of a fixed-width code recognised by its name. */
    static final int LEAST_CODE_WIDTH = 2;
    private static final Set<String> CODE_WORDS = Set.of("zip", "zipcode", "postal", "postcode", "plz", "code",
            "phone", "telephone", "fax", "mobile", "account", "acct", "iban", "ssn", "isbn", "ean", "upc", "fips",
            "sku", "routing", "sort");
    /** Splits a name into words at non-letters and at lower-to-upper case changes ({@code zipCode}: zip, code). */
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}]+|(?<=\\p{Ll})(?=\\p{Lu})");

    private boolean leadingZero;
    private boolean allDigits = true;
    private int width = -1;

    /** Notes one number as written (trimmed). */
    void add(String number) {
        if (!allDigits && leadingZero) {
            return;
        }
        boolean digits = !number.isEmpty();
        for (int i = 0; i < number.length() && digits; i++) {
            char ch = number.charAt(i);
            digits = ch >= '0' && ch <= '9';
        }
        if (!digits) {
            allDigits = false;
            return;
        }
        leadingZero |= number.length() > 1 && number.charAt(0) == '0';
        if (width == -1) {
            width = number.length();
        } else if (width != number.length()) {
            width = 0;
        }
    }

    /** Whether the numbers noted are codes, given whether the column's name says code. */
    boolean areCodes(boolean codeName) {
        return allDigits && (leadingZero || codeName && width >= LEAST_CODE_WIDTH);
    }

    /** True if a word of the name says code ({@code zip}, {@code Postal Code}, {@code phoneNumber}, ...). */
    static boolean codeName(String name) {
        for (String word : WORD_BREAK.split(name)) {
            if (CODE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
