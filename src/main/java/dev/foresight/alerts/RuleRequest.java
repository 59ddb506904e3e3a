package dev.foresight.alerts;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rule as created or changed. {@code minSeverity} (low, medium, high) and optionally {@code monitorId} or
 * {@code segment} filter drift; {@code minRejectRate} (percent) and optionally {@code datasetId} filter quality checks;
 * execution-failed rules hear every failed execution. Grouping durations default to the configured ones.
 */
public record RuleRequest(
        @Nullable String name,
        @Nullable AlertEvent event,
        @Nullable String minSeverity,
        @Nullable UUID monitorId,
        @Nullable String segment,
        @Nullable Double minRejectRate,
        @Nullable UUID datasetId,
        @Nullable List<UUID> channels,
        @Nullable Duration groupWait,
        @Nullable Duration groupInterval,
        @Nullable Duration repeatInterval,
        @Nullable Boolean enabled) {}
