package dev.foresight.drift;

import org.jspecify.annotations.Nullable;

/**
 * One metric of a monitor.
 *
 * @param kind {@code numeric} (distribution of a number column), {@code categorical} (shares of a column's values),
 *     {@code rate} (share of rows meeting the condition) or {@code volume} (rows per period)
 * @param column the column of numeric and categorical metrics
 * @param condition a filter such as {@code status = 'DENIED'}: the event of a rate, the rows kept for the others
 * @param name an optional label, e.g. {@code denial rate}
 */
public record MetricSpec(
        @Nullable String kind, @Nullable String column, @Nullable String condition, @Nullable String name) {

    /** How results name the metric, e.g. {@code rate(status = 'DENIED')}. */
    public String label() {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        var inner = column == null ? "" : column;
        if ("rate".equals(kind)) {
            inner = condition == null ? "" : condition.strip();
        } else if (condition != null && !condition.isBlank()) {
            inner = (inner.isEmpty() ? "" : inner + " ") + "where " + condition.strip();
        }
        return kind + (inner.isEmpty() ? "" : "(" + inner + ")");
    }
}
