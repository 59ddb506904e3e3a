package dev.foresight.workforce;

import java.time.Instant;
import java.util.UUID;

/** A staffing plan: a forecast's required staff set against a roster under staffing parameters. */
public record Plan(
        UUID id,
        String name,
        UUID forecastId,
        UUID rosterId,
        PlanParameters parameters,
        int allocations,
        String createdBy,
        Instant createdAt) {}
