package dev.foresight.executions;

import org.jspecify.annotations.Nullable;

/** Narrows a workspace's executions; {@code null} means any. */
public record ExecutionFilter(@Nullable ExecutionStatus status, @Nullable String type, int limit) {

    public ExecutionFilter {
        limit = Math.clamp(limit, 1, 500);
        type = type == null || type.isBlank() ? null : type.strip();
    }

    public static ExecutionFilter recent(int limit) {
        return new ExecutionFilter(null, null, limit);
    }
}
