package dev.foresight.dashboards;

import org.jspecify.annotations.Nullable;

/**
 * What a KPI widget shows: its query's first measure over the period the data ends in, so far, and the change
 * against the same span of the period before (see {@link KpiPeriods}), so a week three days old is not set against a
 * whole week.
 *
 * @param value the measure over {@code periods.current}, or over all rows when the query has no time dimension and
 *     grain to compare by
 * @param previous the measure over {@code periods.previous}; null without periods
 * @param changePercent the change from {@code previous} to {@code value}, in percent; null when either is missing or
 *     {@code previous} is zero
 */
public record KpiFigure(
        String measure,
        @Nullable Object value,
        @Nullable Object previous,
        @Nullable Double changePercent,
        @Nullable KpiPeriods periods) {}
