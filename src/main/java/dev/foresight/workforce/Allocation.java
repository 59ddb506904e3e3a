package dev.foresight.workforce;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A manager's change to who works where, applied on top of a plan's roster. Name the agents, or move {@code count}
 * agents of {@code fromQueue} to {@code toQueue} (the first by name who serve it; resolved to names when saved).
 * {@code queues} gives the named agents new queue shares; {@code shiftStart}, {@code shiftEnd} and {@code days}
 * move their shifts.
 */
public record Allocation(
        @Nullable UUID id,
        @Nullable List<String> agents,
        @Nullable String fromQueue,
        @Nullable String toQueue,
        @Nullable Integer count,
        @Nullable Map<String, Double> queues,
        @Nullable String shiftStart,
        @Nullable String shiftEnd,
        @Nullable List<String> days,
        @Nullable String note,
        @Nullable String createdBy,
        @Nullable Instant createdAt) {}
