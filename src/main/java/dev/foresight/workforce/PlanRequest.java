package dev.foresight.workforce;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A new plan: a forecast, a roster and the staffing parameters to join them with. */
public record PlanRequest(
        @Nullable UUID forecastId,
        @Nullable UUID rosterId,
        @Nullable String name,
        @Nullable PlanParameters parameters) {}
