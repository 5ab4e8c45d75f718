package io.tabsynth.engine.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewScheduleTest {
    private static final Instant CERTIFIED = Instant.parse("2026-01-10T09:00:00Z");

    private static ReviewSchedule at(String now) {
        return new ReviewSchedule(Period.parse("P90D"), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    void dueTheIntervalAfterCertificationAndOverdueOnceThatHasPassed() {
        ReviewSchedule.Review before = at("2026-04-09T08:00:00Z").review(CERTIFIED, List.of());
        assertEquals(Instant.parse("2026-04-10T09:00:00Z"), before.due());
        assertFalse(before.overdue());
        assertTrue(at("2026-04-10T09:00:01Z").review(CERTIFIED, List.of()).overdue());
    }

    @Test
    void aPassingRevalidationRenewsTheReviewAndAFailingOneDoesNot() {
        ReviewSchedule.Revalidated passed = new ReviewSchedule.Revalidated("r1.json", Instant.parse("2026-04-01T00:00:00Z"), true);
        ReviewSchedule.Revalidated failed = new ReviewSchedule.Revalidated("r2.json", Instant.parse("2026-06-01T00:00:00Z"), false);
        ReviewSchedule.Review review = at("2026-05-01T00:00:00Z").review(CERTIFIED, List.of(failed, passed));
        assertFalse(review.overdue());
        assertEquals(Instant.parse("2026-06-30T00:00:00Z"), review.due());
        assertEquals(passed, review.renewedBy().orElseThrow());
        assertEquals(failed, review.last().orElseThrow());
        assertTrue(at("2026-07-01T00:00:00Z").review(CERTIFIED, List.of(failed, passed)).overdue());
        assertTrue(at("2026-05-01T00:00:00Z").review(CERTIFIED, List.of(failed)).overdue());
    }
}
