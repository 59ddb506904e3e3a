package dev.foresight.drift;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One run of a monitor.
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED}, {@code NO_DATA} (a window holds no rows) or
 *     {@code FAILED} (the monitor names what the version lacks, or the run broke), with a message
 * @param trigger {@code MANUAL}, {@code VERSION} (a new version was published) or {@code SCHEDULE}
 * @param results empty in lists
 */
public record DriftRun(
        UUID runId,
        UUID monitorId,
        String monitorName,
        @Nullable UUID executionId,
        String trigger,
        String status,
        @Nullable String message,
        @Nullable UUID datasetVersionId,
        @Nullable String baselineFrom,
        @Nullable String baselineTo,
        @Nullable String currentFrom,
        @Nullable String currentTo,
        int pairs,
        int drifted,
        int insufficient,
        Instant createdAt,
        @Nullable Instant finishedAt,
        List<DriftResult> results) {}
