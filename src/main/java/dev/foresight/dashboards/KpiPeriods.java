package dev.foresight.dashboards;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.TemporalUnit;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two spans a KPI compares, like with like: the period the data ends in, from its start to the last value, and
 * the same elapsed span from the start of the period before. A period the data fills to its end is compared with the
 * whole period before (a whole March with a whole February). Weeks start on Monday, as the query engine's do.
 *
 * @param current the period so far, both ends included, as ISO text the query engine's filters take
 * @param previous the same span of the period before
 */
public record KpiPeriods(Span current, Span previous) {

    /** From and to, both included. */
    public record Span(String from, String to) {}

    /**
     * The spans for data whose last time value is {@code last} (ISO date or date-time text), at a grain of hour, day,
     * week, month, quarter or year; empty when either is not one.
     */
    public static Optional<KpiPeriods> of(@Nullable String grain, @Nullable String last) {
        if (grain == null || last == null) {
            return Optional.empty();
        }
        var unit = unit(grain);
        if (unit == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    last.length() == 10 ? ofDate(unit, LocalDate.parse(last)) : ofDateTime(unit, dateTime(last)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The period the data ends in when the data stops before its end — a week of which only Monday is there — so a
     * chart can say its last point is not a whole period; empty when that period is whole or either input is not a
     * grain or a time. For timestamps, a period counts as whole when what is left after the last value is at most
     * one step of the next finer grain, and at most a quarter of the period: daily rows at midnight fill a week or a
     * month, half-hourly ones a day, quarter-hourly ones an hour.
     */
    public static Optional<Span> unfinished(@Nullable String grain, @Nullable String last) {
        var unit = grain == null ? null : unit(grain);
        if (unit == null || last == null) {
            return Optional.empty();
        }
        try {
            if (last.length() == 10) {
                var day = LocalDate.parse(last);
                var dayGrain = unit == ChronoUnit.HOURS ? ChronoUnit.DAYS : unit;
                var start = start(day.atStartOfDay(), dayGrain).toLocalDate();
                return day.plusDays(1).isBefore(start.plus(1, dayGrain))
                        ? Optional.of(new Span(start.toString(), day.toString()))
                        : Optional.empty();
            }
            var time = dateTime(last);
            var start = start(time, unit);
            return whole(unit, start, time) ? Optional.empty() : Optional.of(new Span(text(start), text(time)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static KpiPeriods ofDate(TemporalUnit unit, LocalDate last) {
        // A date has no hours: an hour grain is a day's.
        var grain = unit == ChronoUnit.HOURS ? ChronoUnit.DAYS : unit;
        var start = start(last.atStartOfDay(), grain).toLocalDate();
        var previousStart = start.minus(1, grain);
        var complete = !last.plusDays(1).isBefore(start.plus(1, grain));
        var previousEnd = complete
                ? start.minusDays(1)
                : min(previousStart.plusDays(ChronoUnit.DAYS.between(start, last)), start.minusDays(1));
        return new KpiPeriods(
                new Span(start.toString(), last.toString()),
                new Span(previousStart.toString(), previousEnd.toString()));
    }

    private static KpiPeriods ofDateTime(TemporalUnit unit, LocalDateTime last) {
        var start = start(last, unit);
        var previousStart = start.minus(1, unit);
        // Timestamps are kept to the microsecond: the instant before a period starts ends the one before.
        var justBefore = start.minus(1, ChronoUnit.MICROS);
        // A whole period against the whole one before: a whole November of half-hours against all of October.
        var previousEnd =
                whole(unit, start, last) ? justBefore : previousStart.plus(java.time.Duration.between(start, last));
        return new KpiPeriods(
                new Span(text(start), text(last)),
                new Span(text(previousStart), text(previousEnd.isAfter(justBefore) ? justBefore : previousEnd)));
    }

    /** Whether timestamps ending at {@code last} fill the period that starts at {@code start}, as {@link #unfinished} says. */
    private static boolean whole(TemporalUnit unit, LocalDateTime start, LocalDateTime last) {
        var end = start.plus(1, unit);
        var left = java.time.Duration.between(last, end);
        var finerStep = unit == ChronoUnit.HOURS
                ? java.time.Duration.ofMinutes(15)
                : unit == ChronoUnit.DAYS ? java.time.Duration.ofHours(1) : java.time.Duration.ofDays(1);
        return left.compareTo(finerStep) <= 0
                && left.multipliedBy(4).compareTo(java.time.Duration.between(start, end)) <= 0;
    }

    /** Local time as the engine answers it; an offset is dropped, as the engine's filters compare local time. */
    private static LocalDateTime dateTime(String text) {
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toLocalDateTime();
        }
    }

    private static String text(LocalDateTime value) {
        return value.toString();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime start(LocalDateTime value, TemporalUnit unit) {
        if (unit == ChronoUnit.HOURS) {
            return value.truncatedTo(ChronoUnit.HOURS);
        }
        var day = value.truncatedTo(ChronoUnit.DAYS);
        if (unit == ChronoUnit.DAYS) {
            return day;
        }
        if (unit == ChronoUnit.WEEKS) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        if (unit == ChronoUnit.MONTHS) {
            return day.withDayOfMonth(1);
        }
        if (unit == IsoFields.QUARTER_YEARS) {
            return day.withDayOfMonth(1).withMonth((value.getMonthValue() - 1) / 3 * 3 + 1);
        }
        return day.withDayOfYear(1);
    }

    private static @Nullable TemporalUnit unit(String grain) {
        return switch (grain.toLowerCase(Locale.ROOT)) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "quarter" -> IsoFields.QUARTER_YEARS;
            case "year" -> ChronoUnit.YEARS;
            default -> null;
        };
    }
}
