package io.tabsynth.engine.data.infer;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.NumberText;
import io.tabsynth.spi.data.PlainText;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Infers a column's kind from its cell texts. The rules, in order, over the non-missing cells:
 * <ol>
 *   <li>all {@code true}/{@code false} (any case): boolean;</li>
 *   <li>all whole numbers written as {@link DigitCodes codes} (a leading zero on any value, as in {@code 00501};
 *       or all of one width and a code-like name, as a {@code zip} column of {@code 90210}): text, categorical or
 *       identifier as rule 6 decides, so every generator writes the codes back as they were;</li>
 *   <li>all whole numbers: integer, or identifier when the values are key-like (all distinct, or at least 95 %
 *       of them from 20 values on) and the name says id/key/uuid;</li>
 *   <li>all numbers: continuous; with a {@link NumberPatterns#fixedDecimals fixed-decimals format} ({@code 0.00})
 *       when every value has the same decimals and some show a trailing zero ({@code 12.50});</li>
 *   <li>all numbers written in one {@link NumberText pattern} with a currency or percent sign or thousands
 *       separators ({@code $1,234.50}, {@code 12.5%}): integer or continuous with that format;</li>
 *   <li>all datetimes in one of {@link DateTimeCandidates#ALL} (the first that reads them all): datetime
 *       with that format;</li>
 *   <li>text with at least 20 values, nearly all distinct: free text if values average three or more words,
 *       otherwise identifier; key-like text with an id-like name: identifier;</li>
 *   <li>text averaging five or more words with mostly distinct values: free text;</li>
 *   <li>otherwise categorical, however many categories.</li>
 * </ol>
 * A column with no values at all is categorical. Numbers are read after trimming spaces; text is kept as is.
 * In rules 2 to 5, a few {@link Placeholders placeholder} texts among the values ({@code n/a}, {@code unknown},
 * {@code -}, {@code inf}, ...) do not make the column text: the spec lists them as the column's own missing
 * values, so a number column with a handful of {@code n/a} stays a number column.
 * Nearly distinct text is never categorical, because a generator would then copy real values: an e-mail or
 * customer-number column in which a few values repeat would come out as real people's addresses and numbers.
 */
public final class SchemaInference {
    /**
     * Names that say "identifier": id, customer_id, customer-id, id_card, customerId, userID, uuid, guid, order_key,
     * account_number, order_no, policy_nr, accountNumber, ssn, iban, passport, phone, mobile_phone.
     */
    private static final Pattern ID_NAME = Pattern.compile("(?i:^id$|^id[_-]|[_ -]id$|uuid|guid|[_-]key$"
            + "|[_ -](number|num|no|nr)$|(^|[_ -])(ssn|iban|passport|phone|mobile)([_ -]|$))|[a-z](Id|ID|Number|No)$");
    /** From this many values on, a column counts as nearly distinct when {@link #DISTINCT_SHARE} of them are. */
    static final int NEARLY_DISTINCT_VALUES = 20;
    /** The least share of distinct values in a nearly distinct column. */
    static final double DISTINCT_SHARE = 0.95;
    /** The longest text read as a datetime ({@code September 30, 2024 12:59:59 PM} has 32 characters). */
    private static final int MAX_DATETIME_TEXT = 40;

    private SchemaInference() {
    }

    /** The inferred spec of one column. */
    public static ColumnSpec infer(String name, List<String> cells, MissingValues missing) {
        int present = 0;
        int numbers = 0;
        boolean allBool = true;
        boolean wholeNumbers = true;
        Placeholders placeholders = new Placeholders();
        DigitCodes codes = new DigitCodes();
        for (String cell : cells) {
            if (missing.isMissing(cell)) {
                continue;
            }
            present++;
            String t = cell.trim();
            if (allBool && !PlainText.isBoolean(t)) {
                allBool = false;
            }
            if (PlainText.isNumber(t)) {
                numbers++;
                wholeNumbers &= PlainText.isLong(t);
                codes.add(t);
            } else if (!placeholders.add(cell) && !allBool) {
                break;
            }
        }
        if (present == 0) {
            return ColumnSpec.of(name, ColumnKind.CATEGORICAL);
        }
        if (allBool) {
            return ColumnSpec.of(name, ColumnKind.BOOLEAN);
        }
        boolean idName = ID_NAME.matcher(name).find();
        if (numbers > 0 && placeholders.onlyThese() && wholeNumbers
                && codes.areCodes(DigitCodes.codeName(name))) {
            return ColumnSpec.of(name, textKind(cells, missing, idName));
        }
        if (numbers > 0 && placeholders.onlyThese()) {
            List<String> texts = placeholders.texts();
            ColumnKind kind = !wholeNumbers ? ColumnKind.CONTINUOUS
                    : idName && keyLike(cells, missing.and(texts)) ? ColumnKind.IDENTIFIER : ColumnKind.INTEGER;
            String format = kind == ColumnKind.CONTINUOUS ? NumberPatterns.fixedDecimals(cells, missing.and(texts)) : null;
            return new ColumnSpec(name, kind, format, texts);
        }
        ColumnSpec formatted = NumberPatterns.infer(name, cells, missing);
        if (formatted != null) {
            return formatted;
        }
        ColumnSpec datetime = datetime(name, cells, missing);
        if (datetime != null) {
            return datetime;
        }
        return ColumnSpec.of(name, textKind(cells, missing, idName));
    }

    private static ColumnKind textKind(List<String> cells, MissingValues missing, boolean idName) {
        Set<String> distinct = new HashSet<>();
        long words = 0;
        int present = 0;
        int seen = 0;
        for (String cell : cells) {
            seen++;
            if (!missing.isMissing(cell)) {
                present++;
                distinct.add(cell);
                words += wordCount(cell);
            }
            // each further cell adds at most 1 distinct value: once even all of them could not make the column
            // nearly distinct, half distinct (free text) or all distinct (an identifier), it is categorical
            if ((seen & 1023) == 0 && present >= NEARLY_DISTINCT_VALUES) {
                int rest = cells.size() - seen;
                if (distinct.size() + rest * (1 - DISTINCT_SHARE) < DISTINCT_SHARE * present
                        && distinct.size() + rest * 0.5 <= present / 2.0 && distinct.size() < present) {
                    return ColumnKind.CATEGORICAL;
                }
            }
        }
        double meanWords = words / (double) present;
        if (present >= NEARLY_DISTINCT_VALUES && nearlyDistinct(distinct.size(), present)) {
            return meanWords >= 3 ? ColumnKind.FREE_TEXT : ColumnKind.IDENTIFIER;
        }
        if (idName && distinct.size() == present) {
            return ColumnKind.IDENTIFIER;
        }
        if (meanWords >= 5 && distinct.size() > present / 2) {
            return ColumnKind.FREE_TEXT;
        }
        return ColumnKind.CATEGORICAL;
    }

    /**
     * Key-like values: every value distinct, or, from {@link #NEARLY_DISTINCT_VALUES} values on, at least
     * {@link #DISTINCT_SHARE} of them (real keys repeat now and then: a duplicated record, a reused number).
     */
    private static boolean keyLike(List<String> cells, MissingValues missing) {
        Set<String> seen = new HashSet<>();
        int present = 0;
        for (String c : cells) {
            if (!missing.isMissing(c)) {
                present++;
                seen.add(c.trim());
            }
        }
        return seen.size() == present || present >= NEARLY_DISTINCT_VALUES && nearlyDistinct(seen.size(), present);
    }

    private static boolean nearlyDistinct(int distinct, int present) {
        return distinct >= DISTINCT_SHARE * present;
    }

    /**
     * A datetime spec if the first value holds a digit and every value parses in one candidate format, or
     * is a {@link Placeholders placeholder}; {@code null} otherwise.
     */
    private static ColumnSpec datetime(String name, List<String> cells, MissingValues missing) {
        String first = null;
        for (String c : cells) {
            if (!missing.isMissing(c) && !Placeholders.isPlaceholder(c)) {
                first = c.trim();
                break;
            }
        }
        if (first == null || first.length() > MAX_DATETIME_TEXT || first.chars().noneMatch(Character::isDigit)) {
            return null;
        }
        for (String pattern : DateTimeCandidates.ALL) {
            Placeholders placeholders = parsesAll(cells, missing, pattern);
            if (placeholders != null) {
                return new ColumnSpec(name, ColumnKind.DATETIME, pattern, placeholders.texts());
            }
        }
        return null;
    }

    /** The placeholders among the cells if every other cell parses in the pattern, or {@code null}. */
    private static Placeholders parsesAll(List<String> cells, MissingValues missing, String pattern) {
        Placeholders placeholders = new Placeholders();
        for (String c : cells) {
            if (missing.isMissing(c) || placeholders.seen(c)) {
                continue;
            }
            try {
                DateTimeFormats.parse(c.trim(), pattern);
            } catch (DateTimeParseException e) {
                if (!placeholders.add(c)) {
                    return null;
                }
            }
        }
        return placeholders;
    }

    private static int wordCount(String s) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean ws = Character.isWhitespace(s.charAt(i));
            if (!ws && !inWord) {
                words++;
            }
            inWord = !ws;
        }
        return words;
    }
}
