package dev.foresight.executions;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An execution ended, successfully or not. Published durably, so listeners see it even across a crash. */
public record ExecutionFinished(
        UUID executionId,
        @Nullable String workspace,
        String type,
        ExecutionStatus status,
        String startedBy,
        @Nullable String error) {}
