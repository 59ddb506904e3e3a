package dev.foresight.workforce.internal;

import dev.foresight.workforce.RosterShift;
import dev.foresight.workforce.WeeklyAvailability;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Agents on shift per interval of the week, per queue and site. A shift covering part of an interval counts by the
 * part it covers; an agent on several queues counts by each queue's share.
 */
public final class Availability {

    private static final int WEEK = 7 * 1440;

    private final int intervalMinutes;
    private final Map<String, Map<String, double[]>> grid = new TreeMap<>();

    private Availability(int intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
    }

    /** {@code intervalMinutes} divides a day: 15, 30 or 60 in practice. */
    public static Availability of(List<RosterShift> shifts, int intervalMinutes) {
        if (intervalMinutes <= 0 || 1440 % intervalMinutes != 0) {
            throw new IllegalArgumentException("interval of " + intervalMinutes + " minutes does not divide a day");
        }
        var availability = new Availability(intervalMinutes);
        int slots = WEEK / intervalMinutes;
        for (var shift : shifts) {
            int start = shift.start().getHour() * 60 + shift.start().getMinute();
            for (var day : shift.days()) {
                int from = (day.getValue() - 1) * 1440 + start;
                int to = from + shift.minutes();
                for (var queue : shift.queues().entrySet()) {
                    var row = availability
                            .grid
                            .computeIfAbsent(queue.getKey(), q -> new TreeMap<>())
                            .computeIfAbsent(shift.site(), s -> new double[slots]);
                    for (int minute = from; minute < to; ) {
                        int slotStart = (minute / intervalMinutes) * intervalMinutes;
                        int slotEnd = Math.min(to, slotStart + intervalMinutes);
                        row[(slotStart / intervalMinutes) % slots] +=
                                queue.getValue() * (slotEnd - minute) / (double) intervalMinutes;
                        minute = slotEnd;
                    }
                }
            }
        }
        return availability;
    }

    private int slot(LocalDateTime time) {
        int minute = (time.getDayOfWeek().getValue() - 1) * 1440 + time.getHour() * 60 + time.getMinute();
        return minute / intervalMinutes;
    }

    public List<String> queues() {
        return List.copyOf(grid.keySet());
    }

    public List<String> sites() {
        var sites = new TreeSet<String>();
        grid.values().forEach(bySite -> sites.addAll(bySite.keySet()));
        return List.copyOf(sites);
    }

    public double available(String queue, LocalDateTime time) {
        var bySite = grid.get(queue);
        if (bySite == null) {
            return 0;
        }
        int slot = slot(time);
        double total = 0;
        for (var row : bySite.values()) {
            total += row[slot];
        }
        return total;
    }

    public Map<String, Double> bySite(String queue, LocalDateTime time) {
        Map<String, Double> result = new TreeMap<>();
        var bySite = grid.get(queue);
        if (bySite != null) {
            int slot = slot(time);
            bySite.forEach((site, row) -> result.put(site, round(row[slot])));
        }
        return result;
    }

    /** The whole week, interval by interval. */
    public List<WeeklyAvailability> week() {
        List<WeeklyAvailability> week = new ArrayList<>();
        int slots = WEEK / intervalMinutes;
        for (int slot = 0; slot < slots; slot++) {
            int minute = slot * intervalMinutes;
            Map<String, Double> byQueue = new TreeMap<>();
            Map<String, Double> bySite = new TreeMap<>();
            double total = 0;
            for (var queue : grid.entrySet()) {
                double sum = 0;
                for (var site : queue.getValue().entrySet()) {
                    double value = site.getValue()[slot];
                    sum += value;
                    bySite.merge(site.getKey(), value, Double::sum);
                }
                byQueue.put(queue.getKey(), round(sum));
                total += sum;
            }
            bySite.replaceAll((site, value) -> round(value));
            week.add(new WeeklyAvailability(
                    DayOfWeek.of(minute / 1440 + 1),
                    LocalTime.of((minute % 1440) / 60, minute % 60),
                    round(total),
                    byQueue,
                    bySite));
        }
        return week;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
