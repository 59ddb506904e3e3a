package dev.foresight.workforce.internal;

import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.Plan;
import dev.foresight.workforce.PlanFigures;
import dev.foresight.workforce.PlanInterval;
import dev.foresight.workforce.PlanKpis;
import dev.foresight.workforce.PlanSummary;
import dev.foresight.workforce.RosterShift;
import dev.foresight.workforce.StaffingRequest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Sets a forecast's required staff, interval by interval and queue by queue, against a roster's available agents. */
public final class PlanCalculator {

    /** Under-staffed means more than a hundredth of an agent short, so rounding never shows as a gap. */
    private static final double TOLERANCE = 0.01;

    private PlanCalculator() {}

    /** One queue's planned contacts per interval. */
    public record QueueSeries(String queue, List<Point> points) {}

    public record Point(LocalDateTime time, double volume) {}

    /**
     * @param datasetAht the average handle time per queue from the forecast's dataset, used where the parameters
     *     give none
     */
    public static PlanFigures compute(
            Plan plan,
            int intervalMinutes,
            List<QueueSeries> series,
            Map<String, Double> datasetAht,
            List<RosterShift> shifts) {
        var forecastQueues = series.stream().map(QueueSeries::queue).toList();
        var rosterQueues = new TreeSet<String>();
        shifts.forEach(s -> rosterQueues.addAll(s.queues().keySet()));
        var unknown =
                rosterQueues.stream().filter(q -> !forecastQueues.contains(q)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("The roster names queue(s) " + unknown
                    + " that the forecast does not have; its queues are " + forecastQueues
                    + ". Fix the roster's queue names, or forecast those queues too.");
        }
        Map<String, StaffingCalculator.Checked> parameters = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (var queue : forecastQueues) {
            var p = plan.parameters().forQueue(queue);
            var aht = p.ahtSeconds() != null ? p.ahtSeconds() : datasetAht.get(queue);
            var found = StaffingCalculator.checkParameters(
                    aht,
                    p.serviceLevel(),
                    p.answerSeconds(),
                    p.asaSeconds(),
                    p.maxOccupancy(),
                    p.shrinkage(),
                    p.patienceSeconds());
            if (!found.isEmpty()) {
                problems.add("Queue " + queue + ": " + String.join(" ", found));
                continue;
            }
            parameters.put(
                    queue,
                    StaffingCalculator.check(new StaffingRequest(
                            0.0,
                            intervalMinutes,
                            aht,
                            p.serviceLevel(),
                            p.answerSeconds(),
                            p.asaSeconds(),
                            p.maxOccupancy(),
                            p.shrinkage(),
                            p.patienceSeconds())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join(" ", problems));
        }
        var availability = Availability.of(shifts, intervalMinutes);
        List<PlanInterval> intervals = new ArrayList<>();
        for (var s : series) {
            var base = parameters.get(s.queue());
            Map<Long, dev.foresight.workforce.Staffing> memo = new HashMap<>();
            for (var point : s.points()) {
                double volume = Double.isFinite(point.volume()) ? Math.max(0, point.volume()) : 0;
                var checked = new StaffingCalculator.Checked(
                        volume,
                        intervalMinutes,
                        base.ahtSeconds(),
                        base.target(),
                        base.maxOccupancy(),
                        base.shrinkage(),
                        base.patienceSeconds());
                // Forecast values repeat to the hundredth often enough to make a memo worth it.
                var staffing =
                        memo.computeIfAbsent(Math.round(volume * 100), k -> StaffingCalculator.calculate(checked));
                double available = Availability.round(availability.available(s.queue(), point.time()));
                int productive = (int) Math.floor(available * (1 - base.shrinkage()) + 1e-9);
                double achieved = volume == 0
                        ? 1
                        : StaffingCalculator.achieved(checked, productive).serviceLevel();
                intervals.add(new PlanInterval(
                        point.time(),
                        s.queue(),
                        round(volume),
                        base.ahtSeconds(),
                        staffing.rawAgents(),
                        staffing.agents(),
                        available,
                        Availability.round(available - staffing.agents()),
                        round(achieved),
                        availability.bySite(s.queue(), point.time())));
            }
        }
        intervals.sort(java.util.Comparator.comparing(PlanInterval::time).thenComparing(PlanInterval::queue));
        var sites = new TreeSet<String>();
        shifts.forEach(sh -> sites.add(sh.site()));
        return new PlanFigures(
                plan, intervalMinutes, forecastQueues, List.copyOf(sites), intervals, kpis(intervals, intervalMinutes));
    }

    public static PlanKpis kpis(List<PlanInterval> intervals, int intervalMinutes) {
        double hours = intervalMinutes / 60.0;
        int under = 0;
        double gap = 0;
        double over = 0;
        double required = 0;
        double available = 0;
        double volume = 0;
        double answered = 0;
        for (var i : intervals) {
            if (i.gap() < -TOLERANCE) {
                under++;
                gap += -i.gap() * hours;
            } else if (i.gap() > 0) {
                over += i.gap() * hours;
            }
            required += i.required() * hours;
            available += i.available() * hours;
            volume += i.volume();
            answered += i.volume() * i.serviceLevel();
        }
        return new PlanKpis(
                intervals.size(),
                under,
                round(gap),
                round(over),
                round(required),
                round(available),
                volume == 0 ? 1 : round(answered / volume));
    }

    public static PlanSummary summary(PlanFigures figures) {
        int minutes = figures.intervalMinutes();
        var intervals = figures.intervals();
        var days = totals(intervals, minutes, i -> i.time().toLocalDate().toString());
        var weeks = totals(intervals, minutes, i -> i.time()
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .toString());
        var queues = totals(intervals, minutes, PlanInterval::queue);
        // Sites: each site carries the queue's requirement in proportion to its part of the available agents.
        Map<String, double[]> bySite = new TreeMap<>();
        double hours = minutes / 60.0;
        for (var i : intervals) {
            if (i.available() <= 0) {
                if (i.required() == 0) {
                    continue;
                }
                var row = bySite.computeIfAbsent("(no one on shift)", k -> new double[5]);
                row[0] += i.required() * hours;
                row[2] += i.required() * hours;
                row[4] += i.required() > 0 ? 1 : 0;
                continue;
            }
            for (var site : i.availableBySite().entrySet()) {
                double share = site.getValue() / i.available();
                var row = bySite.computeIfAbsent(site.getKey(), k -> new double[5]);
                double req = i.required() * share;
                row[0] += req * hours;
                row[1] += site.getValue() * hours;
                double g = site.getValue() - req;
                if (g < -TOLERANCE * share) {
                    row[2] += -g * hours;
                    row[4]++;
                } else if (g > 0) {
                    row[3] += g * hours;
                }
            }
        }
        List<PlanSummary.Total> sites = new ArrayList<>();
        bySite.forEach((site, r) -> sites.add(
                new PlanSummary.Total(site, null, round(r[0]), round(r[1]), round(r[2]), round(r[3]), (int) r[4])));
        return new PlanSummary(figures.kpis(), days, weeks, queues, sites);
    }

    private static List<PlanSummary.Total> totals(
            List<PlanInterval> intervals, int minutes, Function<PlanInterval, String> key) {
        Map<String, List<PlanInterval>> groups = new TreeMap<>();
        for (var i : intervals) {
            groups.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i);
        }
        List<PlanSummary.Total> totals = new ArrayList<>();
        groups.forEach((k, group) -> {
            var kpis = kpis(group, minutes);
            LocalDate date = k.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(k) : null;
            totals.add(new PlanSummary.Total(
                    k,
                    date,
                    kpis.requiredHours(),
                    kpis.availableHours(),
                    kpis.gapHours(),
                    kpis.overHours(),
                    kpis.intervalsUnder()));
        });
        return totals;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
