package io.tabsynth.spi.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading and writing datetimes in a column's format. A format is a {@link DateTimeFormatter} pattern;
 * patterns without a time of day read as midnight and write back without one. A pattern with a UTC offset
 * ({@code XXX}, as in {@code 2024-01-10T10:00:00+02:00} or {@code ...Z}) reads each value as the instant it
 * names, kept in UTC, and writes it back in UTC ({@code 2024-01-10T08:00:00Z}).
 */
public final class DateTimeFormats {
    /** The default format for datetimes of unknown origin. */
    public static final String ISO_DATE_TIME = "yyyy-MM-dd'T'HH:mm:ss";

    /** Two-digit years ({@code yy}) are read as years from this one to 99 years later (1950 to 2049). */
    static final int TWO_DIGIT_YEAR_BASE = 1950;

    /** ISO and other all-digit date forms tried before the others, in this order. */
    private static final List<String> ISO_FORMS = List.of(
            "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm",
            "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
            "yyyy-MM-dd HH:mm:ssXXX", "yyyy/MM/dd", "MM/dd/yyyy", "dd/MM/yyyy", "dd.MM.yyyy",
            // a year and a month, the first of that month (a monthly series written 2000-01)
            "yyyy-MM");

    /** Dates that may be followed by a time of day ({@link #TIMES}), in order of preference. */
    private static final List<String> DATES = List.of(
            "yyyy/MM/dd", "yyyy-MM-dd",
            "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yy", "M/d/yy", "dd/MM/yyyy", "d/M/yyyy", "dd/MM/yy", "d/M/yy",
            "dd-MM-yyyy", "dd.MM.yyyy",
            "MMM dd yyyy", "MMM d yyyy", "MMM dd, yyyy", "MMM d, yyyy",
            "MMMM dd yyyy", "MMMM d yyyy", "MMMM dd, yyyy", "MMMM d, yyyy",
            "dd MMM yyyy", "d MMM yyyy", "dd MMMM yyyy", "d MMMM yyyy",
            "dd-MMM-yy", "d-MMM-yy", "dd-MMM-yyyy", "d-MMM-yyyy");

    /** Times of day after a date and a space, with and without seconds, 24-hour and 12-hour ({@code 1:05 PM}). */
    private static final List<String> TIMES = List.of(
            "", " HH:mm:ss", " HH:mm", " H:mm:ss", " H:mm", " hh:mm:ss a", " hh:mm a", " h:mm:ss a", " h:mm a");

    /**
     * Formats tried, in order, when inferring a column's kind from text: the first that reads every value wins,
     * so where several do (a column of {@code 03/04/2020} reads as month/day and as day/month), the earlier one is
     * taken: ISO forms first, then month/day before day/month (as US files write them), and zero-padded fields
     * before unpadded ones (so {@code 03/04/2020} is written back padded and {@code 3/4/2020} unpadded).
     */
    static final List<String> CANDIDATES = candidates();

    private static List<String> candidates() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(ISO_FORMS);
        for (String date : DATES) {
            for (String time : TIMES) {
                all.add(date + time);
            }
        }
        return List.copyOf(all);
    }

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    /**
     * A pattern's formatter and whether it carries an offset, made once per pattern. Month and day names and
     * AM/PM are English ({@code Jun}, {@code June}, {@code PM}); a two-digit year is read from
     * {@link #TWO_DIGIT_YEAR_BASE} on.
     */
    private record Compiled(DateTimeFormatter formatter, boolean offset) {
        static Compiled of(String pattern) {
            String p = pattern.replace("yyyy", "uuuu");
            int twoDigitYear = p.indexOf("yy");
            DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
            if (twoDigitYear >= 0 && p.indexOf('y', twoDigitYear + 2) < 0 && (twoDigitYear == 0 || p.charAt(twoDigitYear - 1) != 'y')) {
                b.appendPattern(p.substring(0, twoDigitYear))
                        .appendValueReduced(ChronoField.YEAR, 2, 2, TWO_DIGIT_YEAR_BASE)
                        .appendPattern(p.substring(twoDigitYear + 2));
            } else {
                b.appendPattern(p);
            }
            if (!pattern.contains("d")) { // a year and a month name the first day of that month
                b.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
            }
            return new Compiled(b.toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT),
                    hasOffset(pattern));
        }
    }

    private DateTimeFormats() {
    }

    /** The strict formatter for a pattern (years written {@code yyyy} are read as proleptic years). */
    public static DateTimeFormatter formatter(String pattern) {
        return CACHE.computeIfAbsent(pattern, Compiled::of).formatter();
    }

    /**
     * Parses text in the pattern; a date-only pattern gives midnight, one with an offset the time in UTC.
     * Throws {@link DateTimeParseException}.
     */
    public static LocalDateTime parse(String text, String pattern) {
        TemporalAccessor t = formatter(pattern).parse(text);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return LocalDateTime.ofInstant(Instant.from(t), ZoneOffset.UTC);
        }
        LocalDate date = LocalDate.from(t);
        if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            return LocalDateTime.from(t);
        }
        return date.atStartOfDay();
    }

    /** Writes a datetime in the pattern; one with an offset writes it as a UTC time. */
    public static String format(LocalDateTime value, String pattern) {
        Compiled c = CACHE.computeIfAbsent(pattern, Compiled::of);
        return c.offset() ? c.formatter().format(value.atOffset(ZoneOffset.UTC)) : c.formatter().format(value);
    }

    /** True if the pattern carries a UTC offset or zone (letters X, x, Z, O, V outside quotes). */
    public static boolean hasOffset(String pattern) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && "XxZOV".indexOf(ch) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** True if the pattern carries a time of day. */
    public static boolean hasTime(String pattern) {
        return pattern.indexOf('H') >= 0 || pattern.indexOf('h') >= 0;
    }
}
