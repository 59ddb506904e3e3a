package dev.foresight.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One generation of a dataset's insights.
 *
 * @param notes what could not be analysed and why, e.g. "no time column, so no trends"
 */
public record InsightRun(
        UUID executionId,
        UUID datasetId,
        UUID versionId,
        String status,
        @Nullable Integer insightCount,
        List<String> notes,
        String startedBy,
        Instant createdAt,
        @Nullable Instant finishedAt) {}
