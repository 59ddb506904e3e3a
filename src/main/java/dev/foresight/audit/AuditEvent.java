package dev.foresight.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One stored audit event, as the API and the page show it. */
public record AuditEvent(
        long id,
        long seq,
        @Nullable Long workspaceId,
        Instant occurredAt,
        String actor,
        String action,
        @Nullable String entityType,
        @Nullable String entityId,
        @Nullable String requestId,
        @Nullable String clientAddress,
        @Nullable String details,
        String hash) {}
