package dev.foresight.dashboards;

import dev.foresight.datasets.query.QuerySpec;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One tile of a dashboard: a query spec and how to draw it.
 *
 * @param type kpi, line, area, bar, scatter, pie, heatmap or table
 * @param options drawing choices, e.g. {@code {"stacked": true}} for bars and areas
 */
public record Widget(
        String id, String type, String title, QuerySpec query, Layout layout, @Nullable Map<String, Object> options) {

    /** A grid position: 12 columns wide, rows of fixed height. */
    public record Layout(int x, int y, int w, int h) {}
}
