package dev.foresight.executions;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One run of background work as people and the API see it. */
public record Execution(
        UUID id,
        @Nullable String workspace,
        String type,
        ExecutionStatus status,
        int progress,
        @Nullable String message,
        String startedBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String error,
        boolean cancelRequested) {}
