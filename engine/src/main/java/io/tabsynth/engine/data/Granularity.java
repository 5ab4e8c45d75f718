package io.tabsynth.engine.data;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The coarsest unit every value of a datetime column falls on: a monthly series has all its values at midnight
 * on the first of a month, so its granularity is {@link #MONTH}, and a sample of it should be too. Learned
 * from the real values ({@link #of}), applied to sampled values by rounding each to the nearest whole unit
 * ({@link #round}), which never leaves the real range since the real minimum and maximum are whole units.
 */
public enum Granularity {
    YEAR, MONTH, DAY, HOUR, MINUTE, SECOND;

    /** The name in model files and messages: {@code year}, {@code month}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The granularity of a {@link #jsonName()}; an {@link IllegalArgumentException} naming the choices if none. */
    public static Granularity parse(String name) {
        for (Granularity g : values()) {
            if (g.jsonName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown granularity '" + name + "' (year, month, day, hour, minute, second)");
    }

    /** The coarsest unit the value falls on, or {@code null} when it has a fraction of a second. */
    public static Granularity of(LocalDateTime v) {
        if (v.getNano() != 0) {
            return null;
        }
        if (v.getSecond() != 0) {
            return SECOND;
        }
        if (v.getMinute() != 0) {
            return MINUTE;
        }
        if (v.getHour() != 0) {
            return HOUR;
        }
        if (v.getDayOfMonth() != 1) {
            return DAY;
        }
        return v.getMonthValue() != 1 ? MONTH : YEAR;
    }

    /** The finer of two granularities, {@code null} (finer than a second) being the finest. */
    public static Granularity finer(Granularity a, Granularity b) {
        if (a == null || b == null) {
            return null;
        }
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The whole unit nearest to the value (the later one at exactly half way). */
    public LocalDateTime round(LocalDateTime v) {
        LocalDateTime floor = floor(v);
        if (floor.equals(v)) {
            return v;
        }
        LocalDateTime ceiling = next(floor);
        return Duration.between(floor, v).compareTo(Duration.between(v, ceiling)) < 0 ? floor : ceiling;
    }

    private LocalDateTime floor(LocalDateTime v) {
        switch (this) {
            case YEAR:
                return v.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case MONTH:
                return v.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case DAY:
                return v.truncatedTo(ChronoUnit.DAYS);
            case HOUR:
                return v.truncatedTo(ChronoUnit.HOURS);
            case MINUTE:
                return v.truncatedTo(ChronoUnit.MINUTES);
            default:
                return v.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    private LocalDateTime next(LocalDateTime floor) {
        switch (this) {
            case YEAR:
                return floor.plusYears(1);
            case MONTH:
                return floor.plusMonths(1);
            case DAY:
                return floor.plusDays(1);
            case HOUR:
                return floor.plusHours(1);
            case MINUTE:
                return floor.plusMinutes(1);
            default:
                return floor.plusSeconds(1);
        }
    }
}
