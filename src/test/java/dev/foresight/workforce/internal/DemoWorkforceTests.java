package dev.foresight.workforce.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.workforce.Plan;
import dev.foresight.workforce.PlanInterval;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The workforce demo as a newcomer meets it: contact volumes with the seasons and holidays the story needs, a roster
 * of about 120 agents, and a plan whose gaps sit on Monday mornings and in Technical's evenings.
 */
class DemoWorkforceTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void contactVolumesHaveTheAgreedColumnsAndShape() throws IOException {
        var out = new StringWriter();
        DemoWorkforce.contacts(out, TODAY);
        var lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("interval_start,queue,contacts,aht_seconds");
        assertThat(lines.length - 1).isEqualTo(2 * 365 * 48 * 3 + (lines.length - 1) % (48 * 3));
        assertThat(lines[1]).matches("\\d{4}-\\d{2}-\\d{2} 00:00:00,Billing,0,\\d+");
        var queues = new HashSet<String>();
        long christmas = 0;
        long dayBefore = 0;
        for (int i = 1; i < lines.length; i++) {
            var f = lines[i].split(",");
            queues.add(f[1]);
            assertThat(Long.parseLong(f[2])).isNotNegative();
            assertThat(Long.parseLong(f[3])).isPositive();
            if (f[0].startsWith("2025-12-25")) {
                christmas += Long.parseLong(f[2]);
            } else if (f[0].startsWith("2025-12-18")) {
                dayBefore += Long.parseLong(f[2]);
            }
        }
        assertThat(queues).containsExactlyInAnyOrder("Billing", "Technical", "Sales");
        // Christmas 2025 (a Thursday) against the Thursday a week before: a federal holiday is quiet.
        assertThat(christmas).isLessThan(dayBefore / 2);
    }

    /** The plan the demo shows, computed from the expected volumes of the next two weeks. */
    private static List<PlanInterval> plan() {
        var shifts =
                RosterParser.parse("roster.csv", DemoWorkforce.roster(TODAY).getBytes(StandardCharsets.UTF_8));
        var dataStart = TODAY.minusDays(1).minusYears(2).plusDays(1);
        List<PlanCalculator.QueueSeries> series = new ArrayList<>();
        for (int q = 0; q < 3; q++) {
            List<PlanCalculator.Point> points = new ArrayList<>();
            for (var t = TODAY.atStartOfDay(); t.isBefore(TODAY.plusWeeks(2).atStartOfDay()); t = t.plusMinutes(30)) {
                int slot = t.getHour() * 2 + t.getMinute() / 30;
                points.add(new PlanCalculator.Point(t, DemoWorkforce.expected(q, t.toLocalDate(), slot, dataStart)));
            }
            series.add(new PlanCalculator.QueueSeries(DemoWorkforce.QUEUES.get(q), points));
        }
        var plan = new Plan(
                UUID.randomUUID(),
                "Demo",
                UUID.randomUUID(),
                UUID.randomUUID(),
                DemoWorkforce.parameters(),
                0,
                "system",
                Instant.now());
        var figures = PlanCalculator.compute(
                plan, 30, series, Map.of("Billing", 330.0, "Technical", 540.0, "Sales", 420.0), shifts);
        assertThat(figures.queues()).containsExactly("Billing", "Technical", "Sales");
        return figures.intervals();
    }

    private static double shortfall(List<PlanInterval> intervals, java.util.function.Predicate<PlanInterval> where) {
        return intervals.stream()
                .filter(where)
                .mapToDouble(i -> Math.max(0, -i.gap()) / 2)
                .sum();
    }

    @Test
    void theRosterHasAboutOneHundredTwentyAgentsAndValidShifts() {
        var shifts =
                RosterParser.parse("roster.csv", DemoWorkforce.roster(TODAY).getBytes(StandardCharsets.UTF_8));
        long agents = shifts.stream().map(s -> s.agent()).distinct().count();
        assertThat(agents).as("agents").isBetween(110L, 130L);
        assertThat(shifts).anySatisfy(s -> assertThat(s.queues()).containsOnlyKeys("Billing", "Sales"));
        assertThat(shifts.stream().map(s -> s.site()).distinct()).containsExactlyInAnyOrder("Austin", "Manila");
    }

    @Test
    void thePlanIsShortOnMondayMorningsAndInTechnicalEvenings() {
        var intervals = plan();
        java.util.function.Predicate<PlanInterval> mondayMorning = i -> i.time().getDayOfWeek() == DayOfWeek.MONDAY
                && i.time().getHour() >= 8
                && i.time().getHour() < 12;
        java.util.function.Predicate<PlanInterval> technicalEvening =
                i -> i.queue().equals("Technical") && i.time().getHour() >= 18;
        java.util.function.Predicate<PlanInterval> wednesdayDay =
                i -> i.time().getDayOfWeek() == DayOfWeek.WEDNESDAY && i.time().getHour() < 18;
        double monday = shortfall(intervals, mondayMorning);
        double evening = shortfall(intervals, technicalEvening);
        double wednesday = shortfall(intervals, wednesdayDay);
        double total = shortfall(intervals, i -> true);
        assertThat(monday).as("agent-hours short on Monday mornings").isGreaterThan(10);
        assertThat(evening).as("agent-hours short in Technical's evenings").isGreaterThan(10);
        assertThat(wednesday).as("an ordinary Wednesday daytime is covered").isLessThan(monday / 4);
        assertThat(monday + evening).as("the story's gaps are most of the gaps").isGreaterThan(total * 0.5);
        assertThat(intervals.stream().filter(i -> i.time().equals(LocalDateTime.of(2026, 12, 2, 3, 0))))
                .allSatisfy(i -> assertThat(i.required()).isZero());
    }
}
