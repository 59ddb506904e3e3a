package dev.foresight.workforce;

import java.io.Serializable;

/**
 * The manager dashboard's tiles.
 *
 * @param intervalsUnder queue-intervals with fewer agents available than required
 * @param gapHours agent-hours missing, summed over the under-staffed queue-intervals
 * @param overHours agent-hours beyond the requirement
 * @param expectedServiceLevel the service level the roster is expected to reach, weighted by volume
 */
public record PlanKpis(
        int intervals,
        int intervalsUnder,
        double gapHours,
        double overHours,
        double requiredHours,
        double availableHours,
        double expectedServiceLevel)
        implements Serializable {}
