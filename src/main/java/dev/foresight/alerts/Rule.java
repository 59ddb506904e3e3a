package dev.foresight.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An alert rule with its effective grouping durations. */
public record Rule(
        UUID id,
        String name,
        AlertEvent event,
        @Nullable String minSeverity,
        @Nullable UUID monitorId,
        @Nullable String segment,
        @Nullable Double minRejectRate,
        @Nullable UUID datasetId,
        List<UUID> channels,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        boolean enabled,
        Instant createdAt) {}
