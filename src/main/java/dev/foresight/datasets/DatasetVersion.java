package dev.foresight.datasets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One immutable version of a dataset; {@code summary} says what a cleaning changed, for cleaned versions. */
public record DatasetVersion(
        UUID id,
        UUID datasetId,
        int number,
        String origin,
        VersionStatus status,
        @Nullable String sourceName,
        @Nullable Long sourceBytes,
        @Nullable Long rowCount,
        @Nullable Integer columnCount,
        @Nullable String error,
        @Nullable UUID executionId,
        List<DatasetColumn> columns,
        String createdBy,
        Instant createdAt,
        @Nullable Instant finishedAt,
        boolean current,
        @Nullable Map<String, Object> summary) {}
