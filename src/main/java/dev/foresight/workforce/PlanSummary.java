package dev.foresight.workforce;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** Day and week totals of a plan, per queue and per site. */
public record PlanSummary(PlanKpis kpis, List<Total> days, List<Total> weeks, List<Total> queues, List<Total> sites)
        implements Serializable {

    /**
     * Agent-hours of one day, week (starting Monday), queue or site. For a site the requirement is the queue's
     * requirement shared by the site's part of the queue's available agents.
     *
     * @param key the date, week start, queue or site
     */
    public record Total(
            String key,
            @org.jspecify.annotations.Nullable LocalDate date,
            double requiredHours,
            double availableHours,
            double gapHours,
            double overHours,
            int intervalsUnder)
            implements Serializable {}
}
