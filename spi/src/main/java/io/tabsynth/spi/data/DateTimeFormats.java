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
