package dev.foresight.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One action to put on the record.
 *
 * @param workspaceId the workspace it happened in; {@code null} for platform-wide actions such as sign-in
 */
public record AuditRecord(
        @Nullable Long workspaceId,
        String actor,
        String action,
        @Nullable String entityType,
        @Nullable String entityId,
        Map<String, ?> details) {

    public static AuditRecord of(@Nullable Long workspaceId, String actor, String action) {
        return new AuditRecord(workspaceId, actor, action, null, null, Map.of());
    }

    public AuditRecord entity(String type, Object id) {
        return new AuditRecord(workspaceId, actor, action, type, String.valueOf(id), details);
    }

    public AuditRecord details(Map<String, ?> newDetails) {
        return new AuditRecord(workspaceId, actor, action, entityType, entityId, newDetails);
    }
}
