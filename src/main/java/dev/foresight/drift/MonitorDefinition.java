package dev.foresight.drift;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a monitor compares, as the API takes it.
 *
 * @param dataset the dataset's id (or its exact name)
 * @param timeColumn the date or timestamp column the windows are taken on; not needed to compare versions
 * @param segments the columns whose value combinations are compared separately, e.g. {@code payer}
 * @param baselineWindow ISO-8601 duration of the baseline, which ends where the current window starts
 * @param currentWindow ISO-8601 duration of the current window, which ends at the latest time in the data
 * @param baselineVersion instead of windows: compare this version of the dataset with the published one
 * @param schedule a cron expression (five fields, or six with seconds) for scheduled runs; empty for none
 * @param falseDiscoveryRate the q of this monitor's Benjamini–Hochberg control; empty for the configured default
 */
public record MonitorDefinition(
        @Nullable String name,
        @Nullable String dataset,
        @Nullable String timeColumn,
        @Nullable List<String> segments,
        @Nullable List<MetricSpec> metrics,
        @Nullable String baselineWindow,
        @Nullable String currentWindow,
        @Nullable UUID baselineVersion,
        @Nullable String schedule,
        @Nullable Double falseDiscoveryRate) {

    public List<String> segmentColumns() {
        return segments == null ? List.of() : segments;
    }

    public List<MetricSpec> metricList() {
        return metrics == null ? List.of() : metrics;
    }
}
