package dev.foresight.workforce;

import java.io.Serializable;
import java.util.List;

/** A plan computed over its forecast, roster and allocations. */
public record PlanFigures(
        Plan plan,
        int intervalMinutes,
        List<String> queues,
        List<String> sites,
        List<PlanInterval> intervals,
        PlanKpis kpis)
        implements Serializable {}
