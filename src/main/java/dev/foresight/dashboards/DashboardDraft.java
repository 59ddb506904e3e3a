package dev.foresight.dashboards;

import dev.foresight.datasets.query.QuerySpec;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A dashboard as a client sends it: to create one, or to save over {@code version}.
 *
 * @param version the version the edit started from; required when saving an existing dashboard
 */
public record DashboardDraft(
        @Nullable String name,
        @Nullable List<QuerySpec.Filter> filters,
        @Nullable List<WidgetDraft> widgets,
        @Nullable Integer version) {

    /** A widget as a client sends it; the server gives it an id and a place when it has none. */
    public record WidgetDraft(
            @Nullable String id,
            @Nullable String type,
            @Nullable String title,
            @Nullable QuerySpec query,
            Widget.@Nullable Layout layout,
            @Nullable Map<String, Object> options) {}
}
