package io.tabsynth.engine.governance;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a certificate made under a charter is due for review: its charter's review interval after the later of its
 * certification and its last revalidation that found it still holding. A revalidation that found it no longer
 * holding does not renew it. Dates are counted in UTC.
 */
public final class ReviewSchedule {
    /**
     * A revalidation of a certificate.
     *
     * @param record where its record is (the file its signed record was written to)
     * @param on     when it was made
     * @param holds  whether the certificate still held against the newer real data
     */
    public record Revalidated(String record, Instant on, boolean holds) {
    }

    /**
     * The answer for one certificate.
     *
     * @param due         when it is due for review
     * @param overdue     whether that time has passed
     * @param renewedBy   the last passing revalidation, which set {@code due}; empty when the certification did
     * @param last        the last revalidation, passing or not; empty when there was none
     */
    public record Review(Instant due, boolean overdue, Optional<Revalidated> renewedBy, Optional<Revalidated> last) {
    }

    private final Period interval;
    private final Clock clock;

    /** A schedule of the given review interval, read against {@code clock} (a fixed one in tests). */
    public ReviewSchedule(Period interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** The schedule of a charter's {@code reviewInterval}, on the system clock. */
    public static ReviewSchedule of(Charter charter) {
        return new ReviewSchedule(charter.reviewInterval(), Clock.systemUTC());
    }

    /** The review of a certificate issued at {@code certified} that has been revalidated as listed (any order). */
    public Review review(Instant certified, List<Revalidated> revalidations) {
        Optional<Revalidated> renewedBy = revalidations.stream().filter(Revalidated::holds)
                .filter(r -> r.on().isAfter(certified)).max(Comparator.comparing(Revalidated::on));
        Optional<Revalidated> last = revalidations.stream().max(Comparator.comparing(Revalidated::on));
        Instant from = renewedBy.map(Revalidated::on).orElse(certified);
        Instant due = from.atOffset(ZoneOffset.UTC).plus(interval).toInstant();
        return new Review(due, clock.instant().isAfter(due), renewedBy, last);
    }
}
