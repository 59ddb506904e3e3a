package dev.foresight.workforce;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;

/**
 * Agents on shift in one interval of the week, per queue and per site; an agent on several queues counts by share.
 */
public record WeeklyAvailability(
        DayOfWeek day, LocalTime time, double agents, Map<String, Double> byQueue, Map<String, Double> bySite) {}
