package dev.foresight.drift;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A saved monitor with its state.
 *
 * @param status {@code OK}, or {@code BROKEN} when its last run could not read what it names
 * @param statusMessage why, in a sentence
 */
public record DriftMonitor(
        UUID id,
        String name,
        UUID dataset,
        String datasetName,
        @Nullable String timeColumn,
        List<String> segments,
        List<MetricSpec> metrics,
        @Nullable String baselineWindow,
        @Nullable String currentWindow,
        @Nullable UUID baselineVersion,
        @Nullable String schedule,
        @Nullable Double falseDiscoveryRate,
        String status,
        @Nullable String statusMessage,
        @Nullable UUID lastRunId,
        @Nullable String lastRunStatus,
        @Nullable Instant lastRunAt,
        @Nullable Integer lastRunDrifted,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
