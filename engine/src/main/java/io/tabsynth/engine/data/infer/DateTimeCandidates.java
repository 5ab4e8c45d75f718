package io.tabsynth.engine.data.infer;

import io.tabsynth.spi.data.DateTimeFormats;
import java.util.LinkedHashSet;
import java.util.List;

/** The {@link DateTimeFormats} patterns inference tries on a column of text, in order of preference. */
final class DateTimeCandidates {
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
    static final List<String> ALL = candidates();

    private DateTimeCandidates() {
    }

    private static List<String> candidates() {
        LinkedHashSet<String> all = new LinkedHashSet<>(ISO_FORMS);
        for (String date : DATES) {
            for (String time : TIMES) {
                all.add(date + time);
            }
        }
        return List.copyOf(all);
    }
}
