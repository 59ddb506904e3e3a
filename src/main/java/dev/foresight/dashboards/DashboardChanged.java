package dev.foresight.dashboards;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A dashboard was saved, duplicated or deleted; the people viewing it are told.
 *
 * @param dashboard the dashboard as saved; null when it was deleted
 */
public record DashboardChanged(
        String workspace, long workspaceId, UUID dashboardId, String by, @Nullable Dashboard dashboard) {}
