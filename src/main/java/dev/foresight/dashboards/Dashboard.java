package dev.foresight.dashboards;

import dev.foresight.datasets.query.QuerySpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dashboard as saved: its filters apply to every widget whose dataset has the filtered column.
 *
 * @param version increases with every save; a save must name the version it started from
 * @param home the workspace's home page opens on this dashboard (set apart from saves: it bumps no version)
 */
public record Dashboard(
        UUID id,
        String name,
        List<QuerySpec.Filter> filters,
        List<Widget> widgets,
        int version,
        String createdBy,
        String updatedBy,
        Instant updatedAt,
        boolean home) {

    public Widget widget(String widgetId) {
        return widgets.stream()
                .filter(w -> w.id().equals(widgetId))
                .findFirst()
                .orElseThrow(() -> new dev.foresight.shared.ResourceNotFoundException(
                        "Widget '" + widgetId + "' of dashboard '" + name + "'"));
    }
}
