package dev.foresight.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.dashboards.KpiPeriods.Span;
import org.junit.jupiter.api.Test;

/** The spans a KPI compares: the period so far against the same span of the one before, never a part against a whole. */
class KpiPeriodsTests {

    @Test
    void aMonthThreeDaysOldIsSetAgainstTheFirstThreeDaysOfTheMonthBefore() {
        var periods = KpiPeriods.of("month", "2026-11-03").orElseThrow();

        assertThat(periods.current()).isEqualTo(new Span("2026-11-01", "2026-11-03"));
        assertThat(periods.previous()).isEqualTo(new Span("2026-10-01", "2026-10-03"));
    }

    @Test
    void aFinishedPeriodIsSetAgainstTheWholeOneBefore() {
        assertThat(KpiPeriods.of("month", "2026-11-30").orElseThrow().previous())
                .as("30 days of November against all 31 of October")
                .isEqualTo(new Span("2026-10-01", "2026-10-31"));
        assertThat(KpiPeriods.of("month", "2026-03-31").orElseThrow().previous())
                .isEqualTo(new Span("2026-02-01", "2026-02-28"));
        assertThat(KpiPeriods.of("week", "2026-11-22").orElseThrow())
                .as("Sunday ends the week")
                .isEqualTo(new KpiPeriods(new Span("2026-11-16", "2026-11-22"), new Span("2026-11-09", "2026-11-15")));
    }

    @Test
    void aPeriodTheDataStopsInIsUnfinished() {
        assertThat(KpiPeriods.unfinished("week", "2026-11-16"))
                .as("only the Monday of the week")
                .contains(new Span("2026-11-16", "2026-11-16"));
        assertThat(KpiPeriods.unfinished("week", "2026-11-22"))
                .as("through Sunday")
                .isEmpty();
        assertThat(KpiPeriods.unfinished("month", "2026-02-28")).isEmpty();
        assertThat(KpiPeriods.unfinished("month", "2026-03-30")).contains(new Span("2026-03-01", "2026-03-30"));
        assertThat(KpiPeriods.unfinished("week", "2026-11-22T00:00:00"))
                .as("daily rows at midnight fill the week")
                .isEmpty();
        assertThat(KpiPeriods.unfinished("day", "2026-11-18T23:30:00"))
                .as("half-hourly rows")
                .isEmpty();
        assertThat(KpiPeriods.unfinished("day", "2026-11-18T12:00:00"))
                .contains(new Span("2026-11-18T00:00", "2026-11-18T12:00"));
        assertThat(KpiPeriods.unfinished("month", "2026-04-24T00:00:00"))
                .as("seven days of April left")
                .contains(new Span("2026-04-01T00:00", "2026-04-24T00:00"));
        assertThat(KpiPeriods.unfinished("day", "2026-11-18T18:00:00"))
                .as("six hours left")
                .isPresent();
        assertThat(KpiPeriods.unfinished("hour", "2026-11-18T10:45:00"))
                .as("quarter-hourly rows")
                .isEmpty();
        assertThat(KpiPeriods.unfinished(null, "2026-11-18")).isEmpty();
        assertThat(KpiPeriods.unfinished("week", "north")).isEmpty();
    }

    @Test
    void aWholePeriodOfTimestampsIsSetAgainstTheWholeOneBefore() {
        // Half-hourly rows to the last half hour of November: all of October before it, its 31st included.
        assertThat(KpiPeriods.of("month", "2026-11-30T23:30:00").orElseThrow().previous())
                .isEqualTo(new Span("2026-10-01T00:00", "2026-10-31T23:59:59.999999"));
        assertThat(KpiPeriods.of("quarter", "2026-03-31T23:30:00").orElseThrow().previous())
                .isEqualTo(new Span("2025-10-01T00:00", "2025-12-31T23:59:59.999999"));
        // Part of a month: the same span of the month before.
        assertThat(KpiPeriods.of("month", "2026-11-10T12:00:00").orElseThrow().previous())
                .isEqualTo(new Span("2026-10-01T00:00", "2026-10-10T12:00"));
    }

    @Test
    void aSpanLongerThanThePeriodBeforeStopsAtItsEnd() {
        // 30 days into March are more than February has: all of February, not the first days of March.
        assertThat(KpiPeriods.of("month", "2026-03-30").orElseThrow().previous())
                .isEqualTo(new Span("2026-02-01", "2026-02-28"));
    }

    @Test
    void weeksStartOnMondayAndQuartersOnTheirFirstMonth() {
        // 18 November 2026 is a Wednesday.
        assertThat(KpiPeriods.of("week", "2026-11-18").orElseThrow())
                .isEqualTo(new KpiPeriods(new Span("2026-11-16", "2026-11-18"), new Span("2026-11-09", "2026-11-11")));
        assertThat(KpiPeriods.of("quarter", "2026-11-03").orElseThrow())
                .isEqualTo(new KpiPeriods(new Span("2026-10-01", "2026-11-03"), new Span("2026-07-01", "2026-08-03")));
        assertThat(KpiPeriods.of("year", "2026-02-10").orElseThrow().previous())
                .isEqualTo(new Span("2025-01-01", "2025-02-10"));
        assertThat(KpiPeriods.of("day", "2026-11-18").orElseThrow())
                .isEqualTo(new KpiPeriods(new Span("2026-11-18", "2026-11-18"), new Span("2026-11-17", "2026-11-17")));
    }

    @Test
    void timestampsCompareTheSameElapsedTime() {
        assertThat(KpiPeriods.of("hour", "2026-11-18T10:25:30").orElseThrow())
                .isEqualTo(new KpiPeriods(
                        new Span("2026-11-18T10:00", "2026-11-18T10:25:30"),
                        new Span("2026-11-18T09:00", "2026-11-18T09:25:30")));
        // 30 days and a half into March: February ends just before March starts.
        assertThat(KpiPeriods.of("month", "2026-03-31T12:00:00").orElseThrow().previous())
                .isEqualTo(new Span("2026-02-01T00:00", "2026-02-28T23:59:59.999999"));
    }

    @Test
    void withoutATimeOrAKnownGrainThereIsNothingToCompare() {
        assertThat(KpiPeriods.of("decade", "2026-11-18")).isEmpty();
        assertThat(KpiPeriods.of(null, "2026-11-18")).isEmpty();
        assertThat(KpiPeriods.of("week", "North")).isEmpty();
    }
}
