package io.tabsynth.spi.data;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import tech.tablesaw.api.DateTimeColumn;

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
        return floor.plus(1, unit());
    }

    /** True if the value falls on a whole unit ({@code 2010-03-01T00:00} does for {@link #MONTH}). */
    public boolean holds(LocalDateTime v) {
        return floor(v).equals(v);
    }

    /** The unit as a {@link ChronoUnit}, for counting and stepping whole units. */
    public ChronoUnit unit() {
        switch (this) {
            case YEAR:
                return ChronoUnit.YEARS;
            case MONTH:
                return ChronoUnit.MONTHS;
            case DAY:
                return ChronoUnit.DAYS;
            case HOUR:
                return ChronoUnit.HOURS;
            case MINUTE:
                return ChronoUnit.MINUTES;
            default:
                return ChronoUnit.SECONDS;
        }
    }

    /**
     * The coarsest unit every non-missing value of a column falls on, or {@code null} when one has a fraction of a
     * second or the column has no values.
     */
    public static Granularity of(DateTimeColumn column) {
        Granularity coarsest = YEAR;
        boolean any = false;
        for (int r = 0; r < column.size(); r++) {
            if (column.isMissing(r)) {
                continue;
            }
            any = true;
            coarsest = finer(coarsest, of(column.get(r)));
            if (coarsest == null) {
                return null;
            }
        }
        return any ? coarsest : null;
    }
}
