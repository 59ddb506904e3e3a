package dev.foresight.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Filters over one workspace's audit trail; {@code null} means any. */
public record AuditQuery(
        @Nullable String actor, @Nullable String action, @Nullable Instant from, @Nullable Instant to, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        limit = Math.clamp(limit, 1, MAX_LIMIT);
        actor = blankToNull(actor);
        action = blankToNull(action);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
